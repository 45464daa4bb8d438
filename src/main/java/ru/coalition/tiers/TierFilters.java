package ru.coalition.tiers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.platform.SqlParams;
import ru.coalition.platform.SqlScan;

import javax.sql.DataSource;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Segment conditions on members' tiers (table member_tier): predicates on {@code m.id} (see members.MemberFilters), and
 * the same over an in-memory snapshot of the table for counts over a large base (ru.coalition.mailings.SegmentIndex).
 */
@ApplicationScoped
public class TierFilters {

    /** At one of the levels at the partner now. */
    public String atTier(SqlParams params, long partnerId, List<String> tierCodes) {
        return "exists (select 1 from member_tier t where t.member_id = m.id and t.partner_id = " + params.bind(partnerId)
                + " and t.tier_code in (" + String.join(", ", tierCodes.stream().map(params::bind).toList()) + "))";
    }

    /** Members by partner and level, of ids below {@code size}: member_tier in memory. */
    public record Snapshot(int size, Map<Long, Map<String, BitSet>> byPartner) {
    }

    @Inject
    DataSource db;

    public Snapshot snapshot(int size) {
        Map<Long, Map<String, BitSet>> byPartner = new HashMap<>();
        SqlScan.each(db, "select partner_id, member_id, tier_code from member_tier where member_id < " + size,
                rs -> byPartner.computeIfAbsent(rs.getLong(1), k -> new HashMap<>())
                        .computeIfAbsent(rs.getString(3), k -> new BitSet(size)).set((int) rs.getLong(2)));
        return new Snapshot(size, byPartner);
    }

    public BitSet atTier(Snapshot s, long partnerId, List<String> tierCodes) {
        BitSet out = new BitSet(s.size());
        Map<String, BitSet> levels = s.byPartner().getOrDefault(partnerId, Map.of());
        for (String code : tierCodes) {
            BitSet at = levels.get(code);
            if (at != null) {
                out.or(at);
            }
        }
        return out;
    }
}
