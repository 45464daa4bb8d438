package ru.coalition.tiers;

import jakarta.enterprise.context.ApplicationScoped;
import ru.coalition.platform.SqlParams;

import java.util.List;

/** Segment conditions on members' tiers (table member_tier): predicates on {@code m.id} (see members.MemberFilters). */
@ApplicationScoped
public class TierFilters {

    /** At one of the levels at the partner now. */
    public String atTier(SqlParams params, long partnerId, List<String> tierCodes) {
        return "m.id in (select t.member_id from member_tier t where t.partner_id = " + params.bind(partnerId)
                + " and t.tier_code in (" + String.join(", ", tierCodes.stream().map(params::bind).toList()) + "))";
    }
}
