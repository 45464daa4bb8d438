package ru.coalition.purchases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A partner's purchase figures for a period of its local days (issue 13 §1; docs/analytics.md "Partner summary"), read
 * from the rollups the fold keeps (purchase_day, purchase_activity), never from the purchase table. Only what members
 * did at this partner counts; the transaction runs in the partner's row-level-security scope.
 */
@ApplicationScoped
@Transactional
public class PurchaseFigures {

    /**
     * @param revenue kopecks of the period's receipts, less their refunds
     * @param members distinct members with a receipt in the period
     * @param newMembers members whose first receipt here falls in the period
     * @param fromOtherPartners of those, members who had bought at another partner of the coalition before
     */
    public record Summary(long revenue, long receipts, long members, long newMembers, long fromOtherPartners) {
    }

    @Inject
    EntityManager em;

    @Inject
    PartnerScope scope;

    /** One local day: revenue (kopecks, less refunds), receipts, distinct members. */
    public record Day(LocalDate day, long revenue, long receipts, long members) {
    }

    /** The days of the period that had receipts, in order. */
    public java.util.List<Day> days(Partner partner, LocalDate from, LocalDate to) {
        scope.enter(partner);
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = em.createNativeQuery("select day, sum(spend), sum(receipts), count(*) from purchase_day"
                        + " where partner_id = :p and day between :from and :to group by day order by day")
                .setParameter("p", partner.id).setParameter("from", from).setParameter("to", to).getResultList();
        return rows.stream().map(r -> new Day(r[0] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[0],
                ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue())).toList();
    }

    /**
     * The partner's customers of a period as SQL to compose into a larger statement (a portrait): columns member_id and
     * spend (kopecks of the period's receipts less their refunds). The caller runs it in the partner's scope.
     */
    public String customers(Partner partner, LocalDate from, LocalDate to, ru.coalition.platform.SqlParams params) {
        return "select member_id, sum(spend) as spend from purchase_day where partner_id = " + params.bind(partner.id)
                + " and day between " + params.bind(from) + " and " + params.bind(to) + " group by member_id";
    }

    /** The figures of the days from {@code from} to {@code to}, both included, in the partner's time zone. */
    public Summary summary(Partner partner, LocalDate from, LocalDate to) {
        scope.enter(partner);
        Object[] days = (Object[]) em.createNativeQuery("select coalesce(sum(spend), 0), coalesce(sum(receipts), 0),"
                        + " count(distinct member_id) from purchase_day where partner_id = :p and day between :from and :to")
                .setParameter("p", partner.id).setParameter("from", from).setParameter("to", to).getSingleResult();
        ZoneId zone = ZoneId.of(partner.timeZone);
        // the totals are the coalition's, outside the partner's scope: only "was there an earlier first purchase" is read
        Object[] fresh = (Object[]) em.createNativeQuery("select count(*), count(*) filter (where exists (select 1 from"
                        + " purchase_activity_total t where t.member_id = a.member_id and t.first_at < a.first_at))"
                        + " from purchase_activity a where a.partner_id = :p and a.first_at >= :start and a.first_at < :end")
                .setParameter("p", partner.id).setParameter("start", from.atStartOfDay(zone).toInstant())
                .setParameter("end", to.plusDays(1).atStartOfDay(zone).toInstant()).getSingleResult();
        return new Summary(((Number) days[0]).longValue(), ((Number) days[1]).longValue(), ((Number) days[2]).longValue(),
                ((Number) fresh[0]).longValue(), ((Number) fresh[1]).longValue());
    }

    /** The bands of receipts per member in a period, in order. */
    public static final List<String> FREQUENCY_BANDS = List.of("1", "2", "3", "4-5", "6-9", "10+");

    /** Members by how many receipts each had in the period (every band, zero or not). */
    public Map<String, Long> frequency(Partner partner, LocalDate from, LocalDate to) {
        scope.enter(partner);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select case when r = 1 then '1' when r = 2 then '2' when r = 3 then '3' when r <= 5 then '4-5'"
                        + " when r <= 9 then '6-9' else '10+' end, count(*) from (select sum(receipts) r from purchase_day where partner_id = :p"
                        + " and day between :from and :to group by member_id) m where r > 0 group by 1")
                .setParameter("p", partner.id).setParameter("from", from).setParameter("to", to).getResultList();
        Map<String, Long> bands = new LinkedHashMap<>();
        FREQUENCY_BANDS.forEach(b -> bands.put(b, 0L));
        rows.forEach(r -> bands.put((String) r[0], ((Number) r[1]).longValue()));
        return bands;
    }

    /**
     * One cohort: the members whose first receipt here fell in a month, and how many of them bought in each month from
     * then to the period's end ({@code active.get(0)}: the month itself).
     */
    public record Cohort(YearMonth month, long members, List<Long> active) {
    }

    /** The cohorts of the months from {@code from} to {@code to} (the partner's local months). */
    public List<Cohort> cohorts(Partner partner, YearMonth from, YearMonth to) {
        scope.enter(partner);
        ZoneId zone = ZoneId.of(partner.timeZone);
        Instant start = from.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = to.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("with f as (select member_id, cast(date_trunc('month', first_at at time zone :zone) as date) cohort"
                        + " from purchase_activity where partner_id = :p and first_at >= :start and first_at < :end),"
                        + " a as (select distinct member_id, cast(date_trunc('month', day) as date) mon from purchase_day where partner_id = :p"
                        + " and day >= :first and day <= :last and member_id in (select member_id from f))"
                        + " select f.cohort, null, count(*) from f group by f.cohort"
                        + " union all select f.cohort, a.mon, count(*) from f join a on a.member_id = f.member_id and a.mon >= f.cohort group by 1, 2")
                .setParameter("p", partner.id).setParameter("zone", partner.timeZone).setParameter("start", start).setParameter("end", end)
                .setParameter("first", from.atDay(1)).setParameter("last", to.atEndOfMonth()).getResultList();
        Map<YearMonth, Long> sizes = new TreeMap<>();
        Map<YearMonth, Map<YearMonth, Long>> active = new HashMap<>();
        for (Object[] r : rows) {
            YearMonth cohort = YearMonth.from(date(r[0]));
            if (r[1] == null) {
                sizes.put(cohort, ((Number) r[2]).longValue());
            } else {
                active.computeIfAbsent(cohort, c -> new HashMap<>()).put(YearMonth.from(date(r[1])), ((Number) r[2]).longValue());
            }
        }
        List<Cohort> cohorts = new ArrayList<>();
        for (Map.Entry<YearMonth, Long> c : sizes.entrySet()) {
            List<Long> months = new ArrayList<>();
            for (YearMonth m = c.getKey(); !m.isAfter(to); m = m.plusMonths(1)) {
                months.add(active.getOrDefault(c.getKey(), Map.of()).getOrDefault(m, 0L));
            }
            cohorts.add(new Cohort(c.getKey(), c.getValue(), months));
        }
        return cohorts;
    }

    /**
     * One cell of the recency × frequency grid: recency 3 for a last receipt in the last third of the period, 1 in the
     * first; frequency 1 for one receipt, 2 for two or three, 3 for four or more; members and their spend (kopecks).
     */
    public record RfmCell(int recency, int frequency, long members, long spend) {
    }

    public List<RfmCell> rfm(Partner partner, LocalDate from, LocalDate to) {
        scope.enter(partner);
        long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
        // the thirds of the period: a last receipt on or after :second scores 2, on or after :third 3
        LocalDate second = from.plusDays(days / 3);
        LocalDate third = from.plusDays(2 * days / 3);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select case when last >= :third then 3 when last >= :second then 2 else 1 end,"
                        + " case when r >= 4 then 3 when r >= 2 then 2 else 1 end, count(*), sum(spend)"
                        + " from (select max(day) last, sum(receipts) r, sum(spend) spend from purchase_day where partner_id = :p"
                        + " and day between :from and :to group by member_id) m where r > 0 group by 1, 2")
                .setParameter("p", partner.id).setParameter("from", from).setParameter("to", to)
                .setParameter("second", second).setParameter("third", third).getResultList();
        return rows.stream().map(r -> new RfmCell(((Number) r[0]).intValue(), ((Number) r[1]).intValue(), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue())).toList();
    }

    /** A category's sales in a period: kopecks less refunds, and lines sold. */
    public record CategorySales(String category, long amount, long lines) {
    }

    /** The categories that sold most in the period, at most {@code limit}, and the rest as one row with category null. */
    public List<CategorySales> categories(Partner partner, LocalDate from, LocalDate to, int limit) {
        scope.enter(partner);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select category, sum(amount), sum(lines) from purchase_category_day where partner_id = :p"
                        + " and day between :from and :to group by category order by 2 desc, 1")
                .setParameter("p", partner.id).setParameter("from", from).setParameter("to", to).getResultList();
        List<CategorySales> top = new ArrayList<>();
        long restAmount = 0, restLines = 0;
        for (Object[] r : rows) {
            if (top.size() < limit) {
                top.add(new CategorySales((String) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue()));
            } else {
                restAmount += ((Number) r[1]).longValue();
                restLines += ((Number) r[2]).longValue();
            }
        }
        if (restLines > 0 || restAmount != 0) {
            top.add(new CategorySales(null, restAmount, restLines));
        }
        return top;
    }

    private static LocalDate date(Object o) {
        return o instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) o;
    }
}
