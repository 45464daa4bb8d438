package ru.coalition.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.platform.SqlParams;
import ru.coalition.platform.SqlScan;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Segment conditions on the coalition wallet's balance (table wallet, the sum of its entries, pending ones included):
 * predicates on {@code m.id} (see members.MemberFilters). A member without a coalition wallet has 0 points. The same over an
 * in-memory snapshot of the balances for counts over a large base (ru.coalition.mailings.SegmentIndex).
 */
@ApplicationScoped
public class BalanceFilters {

    public String coalitionBalance(SqlParams params, Long min, Long max) {
        List<String> bounds = new ArrayList<>();
        if (min != null) {
            bounds.add("w.balance >= " + params.bind(min));
        }
        if (max != null) {
            bounds.add("w.balance <= " + params.bind(max));
        }
        String inBounds = bounds.isEmpty() ? "true" : String.join(" and ", bounds);
        boolean zeroInside = (min == null || min <= 0) && (max == null || max >= 0);
        if (!zeroInside) {
            return "exists (select 1 from wallet w where w.member_id = m.id and w.partner_id is null and " + inBounds + ")";
        }
        return "not exists (select 1 from wallet w where w.member_id = m.id and w.partner_id is null and not (" + inBounds + "))";
    }

    /** Coalition balances of members with ids below {@code size}; {@code has}: those with a coalition wallet. */
    public record Snapshot(int size, BitSet has, long[] balance) {
    }

    @Inject
    DataSource db;

    public Snapshot snapshot(int size) {
        Snapshot s = new Snapshot(size, new BitSet(size), new long[size]);
        SqlScan.each(db, "select member_id, balance from wallet where partner_id is null and member_id < " + size, rs -> {
            int id = (int) rs.getLong(1);
            s.has().set(id);
            s.balance()[id] = rs.getLong(2);
        });
        return s;
    }

    /** As {@link #coalitionBalance(SqlParams, Long, Long)}: no wallet is 0 points, inside a range holding 0. */
    public BitSet coalitionBalance(Snapshot s, Long min, Long max) {
        long lo = min == null ? Long.MIN_VALUE : min;
        long hi = max == null ? Long.MAX_VALUE : max;
        BitSet inside = new BitSet(s.size());
        BitSet outside = new BitSet(s.size());
        for (int id = s.has().nextSetBit(0); id >= 0; id = s.has().nextSetBit(id + 1)) {
            long b = s.balance()[id];
            (b >= lo && b <= hi ? inside : outside).set(id);
        }
        if (lo <= 0 && hi >= 0) {
            BitSet out = new BitSet(s.size());
            out.set(0, s.size());
            out.andNot(outside);
            return out;
        }
        return inside;
    }
}
