package ru.coalition.purchases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.LocalDate;
import java.util.List;

/**
 * Coalition-wide purchase figures for the operator (issue 13 §6; docs/analytics.md "Operator dashboard"), read from the
 * rollups the fold keeps ({@code purchase_day}, {@code purchase_hour}), never from the purchase table. Days and hours
 * are each partner's local ones. Runs outside any partner's row-level-security scope: the operator sees every partner.
 */
@ApplicationScoped
public class OperatorFigures {

    /** A partner's period: roubles (kopecks) of its receipts less their refunds, receipts, and members with a receipt there. */
    public record PartnerSales(long partnerId, long revenue, long receipts, long members) {
    }

    /** Receipts on a weekday (1 Monday … 7 Sunday) at an hour (0–23), local to each partner. */
    public record HourCell(int weekday, int hour, long receipts) {
    }

    @Inject
    ru.coalition.platform.ReadReplica reads;

    /** Distinct members with a receipt at any partner on a day of the period. */
    public long activeMembers(LocalDate from, LocalDate to) {
        return reads.analytics(em -> ((Number) em.createNativeQuery("select count(distinct member_id) from purchase_day where day between :from and :to")
                .setParameter("from", from).setParameter("to", to).getSingleResult()).longValue());
    }

    /** Every partner with a receipt in the period, most revenue first. */
    public List<PartnerSales> partners(LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = reads.analytics(em -> em.createNativeQuery("select partner_id, sum(spend), sum(receipts), count(distinct member_id) from purchase_day"
                        + " where day between :from and :to group by partner_id order by 2 desc, 1")
                .setParameter("from", from).setParameter("to", to).getResultList());
        return rows.stream().map(r -> new PartnerSales(number(r[0]), number(r[1]), number(r[2]), number(r[3]))).toList();
    }

    /** Receipts by weekday and hour over the period (only cells with receipts). */
    public List<HourCell> hours(LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = reads.analytics(em -> em.createNativeQuery("select cast(extract(isodow from day) as int), hour, sum(receipts) from purchase_hour"
                        + " where day between :from and :to group by 1, 2")
                .setParameter("from", from).setParameter("to", to).getResultList());
        return rows.stream().map(r -> new HourCell(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), number(r[2]))).toList();
    }

    private static long number(Object n) {
        return ((Number) n).longValue();
    }
}
