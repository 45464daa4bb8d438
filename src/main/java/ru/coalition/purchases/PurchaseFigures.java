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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

        Summary(long revenue, long receipts, long members, long[] fresh) {
            this(revenue, receipts, members, fresh[0], fresh[1]);
        }
    }

    @Inject
    ru.coalition.platform.ReadReplica reads;

    @Inject
    PartnerScope scope;

    /**
     * A read in a snapshot of its own on the read replica, in the partner's scope and with the settings of analytics
     * statements (custom plans, work memory, the time limit).
     */
    private <T> T read(Partner partner, java.util.function.Function<EntityManager, T> work) {
        return reads.analytics(em -> {
            scope.enter(em, partner);
            return work.apply(em);
        });
    }

    /** One local day: revenue (kopecks, less refunds), receipts, distinct members. */
    public record Day(LocalDate day, long revenue, long receipts, long members) {
    }

    /** The days of the period that had receipts, in order. */
    public java.util.List<Day> days(Partner partner, LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = read(partner, em -> em.createNativeQuery("select day, spend, receipts, members from purchase_partner_day"
                        + " where partner_id = :p and day between :from and :to order by day")
                .setParameter("p", partner.id).setParameter("from", from).setParameter("to", to).getResultList());
        return rows.stream().map(r -> new Day(r[0] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[0],
                ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue())).toList();
    }

    /**
     * The partner's customers of a period as SQL to compose into a larger statement (a portrait): columns member_id and
     * spend (kopecks of the period's receipts less their refunds). The caller runs it in the partner's scope.
     */
    public String customers(Partner partner, LocalDate from, LocalDate to, ru.coalition.platform.SqlParams params) {
        return "select member_id, sum(spend) as spend from purchase_day where partner_id = " + params.bind(partner.id)
                + " and day between " + params.bind(from) + " and " + params.bind(to) + " group by member_id" + memberOrder(from, to);
    }

    /** A period's customers here (member ids in order) and what each spent (kopecks of the receipts less their refunds). */
    public record Customers(int size, int[] member, long[] spend) {
    }

    /** {@link #customers} from the member-days in memory, as of the latest fold (read whole first if need be: waits). */
    public Customers customersInMemory(Partner partner, LocalDate from, LocalDate to) {
        return customersOf(memberDays.fresh(partner.id), from, to);
    }

    /** As {@link #customersInMemory}, or null while the partner's member-days are first read (in the background). */
    public Customers customersIfReady(Partner partner, LocalDate from, LocalDate to) {
        MemberDays d = memberDays.ifReady(partner.id);
        return d == null ? null : customersOf(d, from, to);
    }

    static Customers customersOf(MemberDays d, LocalDate from, LocalDate to) {
        int start = (int) from.toEpochDay(), end = (int) to.toEpochDay();
        int[] member = new int[1024];
        long[] spend = new long[1024];
        int n = 0;
        int i = 0;
        while (i < d.size) {
            int m = d.member[i];
            boolean customer = false;
            long sum = 0;
            for (; i < d.size && d.member[i] == m; i++) {
                if (d.day[i] >= start && d.day[i] <= end) {
                    customer = true;
                    sum += d.spend[i];
                }
            }
            if (customer) {
                if (n == member.length) {
                    member = java.util.Arrays.copyOf(member, n * 2);
                    spend = java.util.Arrays.copyOf(spend, n * 2);
                }
                member[n] = m;
                spend[n] = sum;
                n++;
            }
        }
        return new Customers(n, member, spend);
    }

    /**
     * Per-member sums of a long period are asked for in member order, so that PostgreSQL streams them off the index by
     * (partner, member, day) (V35) instead of hashing a quarter of a million customers (a year: 0.35 s against 1.1 s). A
     * short period reads its few days through the key by (partner, day) and hashes them quicker than that index, which
     * cannot seek a period, is read whole (30 days: 0.13 s against 0.25 s).
     */
    static String memberOrder(LocalDate from, LocalDate to) {
        return longPeriod(from, to) ? " order by member_id" : "";
    }

    /** From 90 days on, a period of the busiest partner holds most of its customers: read as a whole, not one by one. */
    private static boolean longPeriod(LocalDate from, LocalDate to) {
        return java.time.temporal.ChronoUnit.DAYS.between(from, to) >= 90;
    }

    /** The figures of the days from {@code from} to {@code to}, both included, in the partner's time zone. */
    public Summary summary(Partner partner, LocalDate from, LocalDate to) {
        // revenue and receipts from the partner's days (V37); the members, as groups counted without summing anything (a
        // year of the busiest partner: 0.23 s against 0.36 s)
        Object[] days = (Object[]) read(partner, em -> em.createNativeQuery("select d.spend, d.receipts, (select count(*) from (select member_id from purchase_day"
                        + " where partner_id = :p and day between :from and :to group by member_id" + memberOrder(from, to) + ") m)"
                        + " from (select coalesce(sum(spend), 0) as spend, coalesce(sum(receipts), 0) as receipts from purchase_partner_day"
                        + " where partner_id = :p and day between :from and :to) d")
                .setParameter("p", partner.id).setParameter("from", from).setParameter("to", to).getSingleResult());
        return new Summary(((Number) days[0]).longValue(), ((Number) days[1]).longValue(), ((Number) days[2]).longValue(), fresh(partner, from, to));
    }

    /** Members whose first receipt here falls in the period, and of those, who had bought elsewhere in the coalition first. */
    private long[] fresh(Partner partner, LocalDate from, LocalDate to) {
        ZoneId zone = ZoneId.of(partner.timeZone);
        // acquired: the member's first receipt anywhere came earlier (kept by the fold, V36), an index-only range
        Object[] fresh = (Object[]) read(partner, em -> em.createNativeQuery("select count(*), count(*) filter (where a.acquired) from purchase_activity a"
                        + " where a.partner_id = :p and a.first_at >= :start and a.first_at < :end")
                .setParameter("p", partner.id).setParameter("start", from.atStartOfDay(zone).toInstant())
                .setParameter("end", to.plusDays(1).atStartOfDay(zone).toInstant()).getSingleResult());
        return new long[]{((Number) fresh[0]).longValue(), ((Number) fresh[1]).longValue()};
    }

    /** The bands of receipts per member in a period, in order. */
    public static final List<String> FREQUENCY_BANDS = List.of("1", "2", "3", "4-5", "6-9", "10+");

    /**
     * The period's summary, its customers by receipts ({@link #FREQUENCY_BANDS}, every band), the recency × frequency grid
     * and the cohorts of the months asked for.
     */
    public record Profile(Summary summary, Map<String, Long> frequency, List<RfmCell> rfm, List<Cohort> cohorts) {
    }

    /**
     * The summary, frequency bands, recency × frequency grid and cohorts from one reading of the customers, from the
     * member-days in memory ({@link #profileInMemory}) or in SQL ({@link #profileInSql}). Recency 3 for a last receipt in
     * the last third of the period, 1 in the first; frequency 1 for one receipt, 2 for two or three, 3 for four or more.
     * Members whose period holds only refunds count in the summary, not in the bands. The cohorts are those of the
     * partner's local months {@code first} to {@code last} (at most 63).
     */
    public Profile profile(Partner partner, LocalDate from, LocalDate to, YearMonth first, YearMonth last) {
        // a month from memory takes as long as a year (one pass over the partner's rows, tens of milliseconds for the busiest
        // partner of the benchmark); in SQL even 30 days took 0.15 s there. SQL also while the copy is first read.
        MemberDays d = ru.coalition.platform.MemoryCopy.enabled() ? memberDays.ifReady(partner.id) : null;
        return d != null ? profileOf(partner, d, from, to, first, last) : profileInSql(partner, from, to, first, last);
    }

    private static int months(YearMonth first, YearMonth last) {
        int count = (int) java.time.temporal.ChronoUnit.MONTHS.between(first, last) + 1;
        if (count > 63) {
            throw new IllegalArgumentException("at most 63 months of cohorts: " + first + "–" + last);
        }
        return count;
    }

    /**
     * {@link #profile} in PostgreSQL, one statement: a year of the busiest partner's member-days is read once, not once for
     * the grid and again for the cohorts (grouping sets over the per-member sums); each customer's months are summed as a
     * bit mask while the rows are read (no hashing of member-months), and only the distinct (cohort, months) pairs come
     * back to be spread over the triangle here.
     */
    Profile profileInSql(Partner partner, LocalDate from, LocalDate to, YearMonth first, YearMonth last) {
        ZoneId zone = ZoneId.of(partner.timeZone);
        int count = months(first, last);
        StringBuilder monthDays = new StringBuilder("{");
        StringBuilder starts = new StringBuilder("{");
        for (int i = 0; i < count; i++) {
            LocalDate day = first.plusMonths(i).atDay(1);
            monthDays.append(i == 0 ? "" : ",").append(day);
            starts.append(i == 0 ? "" : ",").append('"').append(day.atStartOfDay(zone).toOffsetDateTime()).append('"');
        }
        LocalDate lo = from.isBefore(first.atDay(1)) ? from : first.atDay(1);
        LocalDate hi = to.isAfter(last.atEndOfMonth()) ? to : last.atEndOfMonth();
        long days = java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1;
        String period = "day between :from and :to";
        // width_bucket: the 1-based number of the month a day or an instant falls in, by binary search over the month starts;
        // each array is read from its text once, in a sub-select: a cast from text to dates is only stable, so written
        // inline it is parsed again for every row (a year's cohorts: 5.4 s against 0.6 s)
        @SuppressWarnings("unchecked")
        // receipts summed as int (to a bigint) and the spend cast back from numeric: the grid's comparisons and the copy
        // of m that the cohorts read are then plain integers (a year of the busiest partner: 0.97 -> 0.89 s in psql)
        List<Object[]> rows = read(partner, em -> em.createNativeQuery("with m as (select member_id, sum(cast(receipts as int)) filter (where " + period + ") as receipts,"
                        + " cast(sum(spend) filter (where " + period + ") as bigint) as spend, max(day) filter (where " + period + ") as last,"
                        + " bit_or(cast(1 as bigint) << (width_bucket(day, (select cast(:days as date[]))) - 1)) filter (where day between :first and :last)"
                        + " as months from purchase_day where partner_id = :p and day between :lo and :hi group by member_id" + memberOrder(lo, hi) + "),"
                        + " b as (select receipts, spend, case when receipts <= 0 then null when receipts = 1 then '1' when receipts = 2 then '2'"
                        + " when receipts = 3 then '3' when receipts <= 5 then '4-5' when receipts <= 9 then '6-9' else '10+' end as band,"
                        + " case when receipts <= 0 then null when last >= :third then 3 when last >= :second then 2 else 1 end as recency,"
                        + " case when receipts <= 0 then null when receipts >= 4 then 3 when receipts >= 2 then 2 else 1 end as frequency"
                        + " from m where receipts is not null),"
                        + " f as (select member_id, width_bucket(first_at, (select cast(:starts as timestamptz[]))) as cohort from purchase_activity"
                        + " where partner_id = :p and first_at >= :start and first_at < :end)"
                        + " select 0, grouping(band, recency, frequency), band, recency, frequency, cast(null as bigint), count(*),"
                        + " coalesce(sum(spend), 0), coalesce(sum(receipts), 0) from b group by grouping sets ((band), (recency, frequency), ())"
                        + " union all select 1, f.cohort, null, null, null, m.months, count(*), 0, 0 from f left join m on m.member_id = f.member_id"
                        + " group by f.cohort, m.months")
                .setParameter("p", partner.id).setParameter("from", from).setParameter("to", to)
                .setParameter("lo", lo).setParameter("hi", hi)
                // the thirds of the period: a last receipt on or after :second scores 2, on or after :third 3
                .setParameter("second", from.plusDays(days / 3)).setParameter("third", from.plusDays(2 * days / 3))
                .setParameter("days", monthDays.append('}').toString()).setParameter("starts", starts.append('}').toString())
                .setParameter("start", first.atDay(1).atStartOfDay(zone).toInstant())
                .setParameter("end", last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant())
                .setParameter("first", first.atDay(1)).setParameter("last", last.atEndOfMonth()).getResultList());
        Map<String, Long> bands = new LinkedHashMap<>();
        FREQUENCY_BANDS.forEach(b -> bands.put(b, 0L));
        List<RfmCell> rfm = new ArrayList<>();
        long revenue = 0, receipts = 0, members = 0;
        long[] sizes = new long[count];
        long[][] active = new long[count][count];
        for (Object[] r : rows) {
            long n = ((Number) r[6]).longValue();
            if (((Number) r[0]).intValue() == 1) {
                int cohort = ((Number) r[1]).intValue() - 1;
                sizes[cohort] += n;
                long months = r[5] == null ? 0 : ((Number) r[5]).longValue();
                for (int k = cohort; k < count; k++) {
                    if ((months & (1L << k)) != 0) {
                        active[cohort][k] += n;
                    }
                }
                continue;
            }
            int set = ((Number) r[1]).intValue();
            if (set == 0b111) {
                members = n;
                revenue = ((Number) r[7]).longValue();
                receipts = ((Number) r[8]).longValue();
            } else if (set == 0b011 && r[2] != null) {
                bands.put((String) r[2], n);
            } else if (set == 0b100 && r[3] != null) {
                rfm.add(new RfmCell(((Number) r[3]).intValue(), ((Number) r[4]).intValue(), n, ((Number) r[7]).longValue()));
            }
        }
        return new Profile(new Summary(revenue, receipts, members, fresh(partner, from, to)), bands, rfm, cohorts(first, sizes, active));
    }

    private static List<Cohort> cohorts(YearMonth first, long[] sizes, long[][] active) {
        List<Cohort> cohorts = new ArrayList<>();
        for (int c = 0; c < sizes.length; c++) {
            if (sizes[c] > 0) {
                List<Long> months = new ArrayList<>();
                for (int k = c; k < sizes.length; k++) {
                    months.add(active[c][k]);
                }
                cohorts.add(new Cohort(first.plusMonths(c), sizes[c], months));
            }
        }
        return cohorts;
    }

    @Inject
    MemberDayCache memberDays;

    /**
     * {@link #profile} from the partner's member-days in memory ({@link MemberDayCache}), as of the latest fold like SQL's:
     * one pass over the arrays in member order, each member's rows summed as the statement of {@link #profileInSql} sums
     * them. A member's cohort is the month of their first member-day here (SQL: of purchase_activity.first_at in the
     * partner's zone; the same local day unless the partner changed its time zone after the fold).
     */
    Profile profileInMemory(Partner partner, LocalDate from, LocalDate to, YearMonth first, YearMonth last) {
        return profileOf(partner, memberDays.fresh(partner.id), from, to, first, last);
    }

    private Profile profileOf(Partner partner, MemberDays d, LocalDate from, LocalDate to, YearMonth first, YearMonth last) {
        int count = months(first, last);
        int start = (int) from.toEpochDay(), end = (int) to.toEpochDay();
        long days = end - start + 1L;
        int second = (int) from.plusDays(days / 3).toEpochDay(), third = (int) from.plusDays(2 * days / 3).toEpochDay();
        int[] monthStarts = new int[count + 1];
        for (int i = 0; i <= count; i++) {
            monthStarts[i] = (int) first.plusMonths(i).atDay(1).toEpochDay();
        }
        int cohortsFrom = monthStarts[0], cohortsTo = monthStarts[count];
        long[] bandMembers = new long[FREQUENCY_BANDS.size()];
        long[][] cellMembers = new long[4][4];
        long[][] cellSpend = new long[4][4];
        long revenue = 0, receipts = 0, members = 0;
        long[] sizes = new long[count];
        long[][] active = new long[count][count];
        int i = 0;
        while (i < d.size) {
            int member = d.member[i];
            int firstDay = d.day[i];
            boolean customer = false;
            long memberReceipts = 0, memberSpend = 0, months = 0;
            int lastDay = Integer.MIN_VALUE;
            for (; i < d.size && d.member[i] == member; i++) {
                int day = d.day[i];
                if (day >= start && day <= end) {
                    customer = true;
                    memberReceipts += d.receipts[i];
                    memberSpend += d.spend[i];
                    lastDay = day;
                }
                if (day >= cohortsFrom && day < cohortsTo) {
                    months |= 1L << month(monthStarts, day);
                }
            }
            if (customer) {
                members++;
                revenue += memberSpend;
                receipts += memberReceipts;
                if (memberReceipts > 0) {
                    bandMembers[band(memberReceipts)]++;
                    int recency = lastDay >= third ? 3 : lastDay >= second ? 2 : 1;
                    int frequency = memberReceipts >= 4 ? 3 : memberReceipts >= 2 ? 2 : 1;
                    cellMembers[recency][frequency]++;
                    cellSpend[recency][frequency] += memberSpend;
                }
            }
            if (firstDay >= cohortsFrom && firstDay < cohortsTo) {
                int cohort = month(monthStarts, firstDay);
                sizes[cohort]++;
                for (int k = cohort; k < count; k++) {
                    if ((months & (1L << k)) != 0) {
                        active[cohort][k]++;
                    }
                }
            }
        }
        Map<String, Long> bands = new LinkedHashMap<>();
        for (int b = 0; b < bandMembers.length; b++) {
            bands.put(FREQUENCY_BANDS.get(b), bandMembers[b]);
        }
        List<RfmCell> rfm = new ArrayList<>();
        for (int r = 1; r <= 3; r++) {
            for (int f = 1; f <= 3; f++) {
                if (cellMembers[r][f] > 0) {
                    rfm.add(new RfmCell(r, f, cellMembers[r][f], cellSpend[r][f]));
                }
            }
        }
        return new Profile(new Summary(revenue, receipts, members, fresh(partner, from, to)), bands, rfm, cohorts(first, sizes, active));
    }

    /** The index in {@link #FREQUENCY_BANDS} of a member's receipts (at least one). */
    private static int band(long receipts) {
        return receipts <= 3 ? (int) receipts - 1 : receipts <= 5 ? 3 : receipts <= 9 ? 4 : 5;
    }

    /** The month (0-based) a day falls in, of months starting at {@code starts} (the last entry ends the last month). */
    private static int month(int[] starts, int day) {
        int i = java.util.Arrays.binarySearch(starts, day);
        return i >= 0 ? i : -i - 2;
    }

    /**
     * One cohort: the members whose first receipt here fell in a month, and how many of them bought in each month from
     * then to the period's end ({@code active.get(0)}: the month itself).
     */
    public record Cohort(YearMonth month, long members, List<Long> active) {
    }

    /**
     * One cell of the recency × frequency grid: recency 3 for a last receipt in the last third of the period, 1 in the
     * first; frequency 1 for one receipt, 2 for two or three, 3 for four or more; members and their spend (kopecks).
     */
    public record RfmCell(int recency, int frequency, long members, long spend) {
    }

    /** A category's sales in a period: kopecks less refunds, and lines sold. */
    public record CategorySales(String category, long amount, long lines) {
    }

    /** The categories that sold most in the period, at most {@code limit}, and the rest as one row with category null. */
    public List<CategorySales> categories(Partner partner, LocalDate from, LocalDate to, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = read(partner, em -> em.createNativeQuery("select category, sum(amount), sum(lines) from purchase_category_day where partner_id = :p"
                        + " and day between :from and :to group by category order by 2 desc, 1")
                .setParameter("p", partner.id).setParameter("from", from).setParameter("to", to).getResultList());
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
}
