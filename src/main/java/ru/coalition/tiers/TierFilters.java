package ru.coalition.tiers;

import jakarta.enterprise.context.ApplicationScoped;
import ru.coalition.platform.SqlParams;

import java.util.List;

/** Segment conditions on members' tiers (table member_tier): predicates on {@code m.id} (see members.MemberFilters). */
@ApplicationScoped
public class TierFilters {

    /** At one of the levels at the partner now. */
    public String atTier(SqlParams params, long partnerId, List<String> tierCodes) {
        return "exists (select 1 from member_tier t where t.member_id = m.id and t.partner_id = " + params.bind(partnerId)
                + " and t.tier_code in (" + String.join(", ", tierCodes.stream().map(params::bind).toList()) + "))";
    }
}
