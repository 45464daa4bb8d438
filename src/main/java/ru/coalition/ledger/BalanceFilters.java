package ru.coalition.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import ru.coalition.platform.SqlParams;

import java.util.ArrayList;
import java.util.List;

/**
 * Segment conditions on the coalition wallet's balance (table wallet, the sum of its entries, pending ones included):
 * predicates on {@code m.id} (see members.MemberFilters). A member without a coalition wallet has 0 points.
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
}
