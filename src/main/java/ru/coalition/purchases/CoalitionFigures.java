package ru.coalition.purchases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.Query;
import ru.coalition.partners.Partner;
import ru.coalition.platform.SqlParams;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * What the coalition brings a partner (issue 13 §2; docs/analytics.md "Coalition effect"), read from the rollups the fold
 * keeps. These figures are about the partner's customers but read their purchases at the other partners too, so they
 * run outside the partner's row-level-security scope with explicit filters, and the caller shows them k-anonymously:
 * each count comes with the sum of its members' keys (the SQL {@code key} makes of a member id column).
 */
@ApplicationScoped
public class CoalitionFigures {

    /** A number of members and the sum of their keys (modulo 2^32). */
    public record Count(long members, long key) {
    }

    /**
     * @param customers     members with a receipt here in the period
     * @param fresh         of those, members whose first receipt here falls in the period
     * @param acquired      of the fresh, members who had bought at another partner first
     * @param elsewhere     of the customers, members with a receipt at another partner in the period too
     * @param revenue       kopecks of the customers' receipts here, less refunds
     * @param acquiredEver  of the customers, members whose first receipt here came after one elsewhere (at any time)
     * @param acquiredRevenue kopecks of the period's revenue from those
     */
    public record Effect(Count customers, Count fresh, Count acquired, Count elsewhere, long revenue, Count acquiredEver,
                         long acquiredRevenue) {
    }

    /** One partner where the acquired members had bought first, and how many. */
    public record Source(long partnerId, Count members) {
    }

    /** Members of two partners in a period (a == b: the partner's own customers). */
    public record Overlap(long a, long b, long members) {
    }

    /** A member's key under a seed (members.MemberFilters#cellKey): as SQL for a member id column, and worked out here. */
    public record MemberKey(long seed) {

        public String sql(SqlParams params, String memberId) {
            return ru.coalition.members.MemberFilters.cellKey(params, seed, memberId);
        }

        /** The same key as {@link #sql} gives, for figures made in memory. */
        public long of(long memberId) {
            return ru.coalition.members.MemberFilters.cellKey(seed, memberId);
        }
    }

    @Inject
    ru.coalition.platform.ReadReplica reads;

    @Inject
    MemberDayCache memberDays;

    @Inject
    ActivityCache activity;

    /** The partner's figures for its local days from {@code from} to {@code to}. */
    public Effect effect(Partner partner, LocalDate from, LocalDate to, MemberKey key) {
        if (ru.coalition.platform.MemoryCopy.enabled()) {
            MemberDays days = memberDays.ifReady(partner.id);
            Activities all = activity.ifReady();
            if (days != null && all != null) {
                return effectOf(partner, aligned(partner, days, all), from, to, key);
            }
        }
        // in SQL also while the copies are first read
        return effectInSql(partner, from, to, key);
    }

    /** {@link #effect} in one statement over the rollups. */
    Effect effectInSql(Partner partner, LocalDate from, LocalDate to, MemberKey key) {
        SqlParams p = new SqlParams("ce");
        // each member's key once (a hash of the id), summed under five filters: "offset 0" keeps x a sub-query, which PostgreSQL
        // would otherwise pull up and compute the key again for every sum
        String sql = with(partner, from, to, p) + elsewhere(partner, from, to, p) + " select"
                + " count(*), coalesce(sum(x.k), 0),"
                + " count(*) filter (where x.fresh), coalesce(sum(x.k) filter (where x.fresh), 0),"
                + " count(*) filter (where x.fresh and x.acquired), coalesce(sum(x.k) filter (where x.fresh and x.acquired), 0),"
                + " count(*) filter (where x.elsewhere), coalesce(sum(x.k) filter (where x.elsewhere), 0),"
                + " coalesce(sum(x.spend), 0),"
                + " count(*) filter (where x.acquired), coalesce(sum(x.k) filter (where x.acquired), 0),"
                + " coalesce(sum(x.spend) filter (where x.acquired), 0)"
                + " from (select c.spend, c.elsewhere, a.fresh, a.acquired, " + key.sql(p, "c.member_id") + " as k"
                + " from c join a on a.member_id = c.member_id offset 0) x";
        Object[] r = (Object[]) reads.analytics(em -> bound(em.createNativeQuery(sql), p).getSingleResult());
        return new Effect(count(r[0], r[1]), count(r[2], r[3]), count(r[4], r[5]), count(r[6], r[7]), number(r[8]),
                count(r[9], r[10]), number(r[11]));
    }

    /** Where the period's acquired newcomers had bought first: the partner of each one's earliest receipt in the coalition. */
    public List<Source> sources(Partner partner, LocalDate from, LocalDate to, MemberKey key) {
        Activities all = ru.coalition.platform.MemoryCopy.enabled() ? activity.ifReady() : null;
        return all != null ? sourcesOf(partner, all, from, to, key) : sourcesInSql(partner, from, to, key);
    }

    /** {@link #sources} in one statement over the rollup. */
    List<Source> sourcesInSql(Partner partner, LocalDate from, LocalDate to, MemberKey key) {
        SqlParams p = new SqlParams("cs");
        // the acquired newcomers straight off the index by (partner, first receipt) (V36), as the dashboard counts newcomers,
        // not the period's customers read whole and joined; each one's first partner by one ordered join with the other
        // partners' rows (V38), not a look-up per newcomer (a busy partner's year: 0.37 s against 0.7 s)
        ZoneId zone = ZoneId.of(partner.timeZone);
        String id = p.bind(partner.id);
        String sql = "with f as (select a.member_id from purchase_activity a where a.partner_id = " + id + " and a.acquired"
                + " and a.first_at >= " + p.bind(from.atStartOfDay(zone).toInstant()) + " and a.first_at < " + p.bind(to.plusDays(1).atStartOfDay(zone).toInstant()) + "),"
                + " s as (select distinct on (o.member_id) o.member_id, o.partner_id as source from f join purchase_activity o"
                + " on o.member_id = f.member_id and o.partner_id <> " + id + " order by o.member_id, o.first_at, o.partner_id)"
                + " select s.source, count(*), coalesce(sum(" + key.sql(p, "s.member_id") + "), 0) from s group by s.source";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = reads.analytics(em -> bound(em.createNativeQuery(sql), p).getResultList());
        List<Source> sources = new ArrayList<>();
        for (Object[] r : rows) {
            sources.add(new Source(number(r[0]), count(r[1], r[2])));
        }
        return sources;
    }

    /**
     * Members who bought at both of two partners in a period of days (each partner's own local days), for the operator's
     * matrix; the diagonal is each partner's customers.
     */
    public List<Overlap> overlap(LocalDate from, LocalDate to) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = reads.analytics(em -> em.createNativeQuery("with c as (select distinct partner_id, member_id from purchase_day where day between :from and :to)"
                        + " select x.partner_id, y.partner_id, count(*) from c x join c y on y.member_id = x.member_id and y.partner_id >= x.partner_id"
                        + " group by 1, 2")
                .setParameter("from", from).setParameter("to", to).getResultList());
        return rows.stream().map(r -> new Overlap(number(r[0]), number(r[1]), number(r[2]))).toList();
    }

    /**
     * h: the period's customers here and their spend; a: whether each of the partner's members had their first receipt
     * here in the period (fresh) and after a first receipt anywhere else (acquired).
     */
    private static String with(Partner partner, LocalDate from, LocalDate to, SqlParams p) {
        ZoneId zone = ZoneId.of(partner.timeZone);
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        String id = p.bind(partner.id);
        // h streams in member order over a long period (PurchaseFigures.memberOrder); a reads whether each of the partner's members
        // was acquired off the row (the fold keeps it, V36) instead of comparing with a million coalition totals
        return "with h as (select d.member_id, sum(d.spend) as spend from purchase_day d where d.partner_id = " + id
                + " and d.day between " + p.bind(from) + " and " + p.bind(to) + " group by d.member_id" + PurchaseFigures.memberOrder(from, to) + "),"
                + " a as (select pa.member_id, pa.first_at >= " + p.bind(start) + " and pa.first_at < " + p.bind(end) + " as fresh,"
                + " pa.acquired from purchase_activity pa where pa.partner_id = " + id + ")";
    }

    /**
     * c: h and whether each customer bought elsewhere in the period. The first and last receipts at the other partners
     * (purchase_activity, read index-only per customer, V38) tell most: each partner counts its own local days, and zones
     * lie less than two days apart, so a first or last receipt inside the period narrowed by two days is surely in it,
     * and a customer with no other partner's span touching the period widened by two days surely bought nowhere else in
     * it. Only the rest — receipts elsewhere before and after the period — are looked up by day (a probe of purchase_day
     * per customer cost 265 000 × 13 µs for a busy partner's year).
     */
    private static String elsewhere(Partner partner, LocalDate from, LocalDate to, SqlParams p) {
        ZoneId zone = ZoneId.of(partner.timeZone);
        java.time.Duration margin = java.time.Duration.ofDays(2);
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        String id = p.bind(partner.id);
        String inside = " >= " + p.bind(start.plus(margin)) + " and %s < " + p.bind(end.minus(margin));
        return ", c as (select h.member_id, h.spend, case when o.sure then true when o.sure is null then false"
                + " else exists (select 1 from purchase_day x where x.member_id = h.member_id and x.partner_id <> " + id
                + " and x.day between " + p.bind(from) + " and " + p.bind(to) + ") end as elsewhere"
                + " from h left join lateral (select bool_or((o.first_at" + inside.formatted("o.first_at") + ") or (o.last_at"
                + inside.formatted("o.last_at") + ")) as sure from purchase_activity o where o.member_id = h.member_id and o.partner_id <> " + id
                + " and o.last_at >= " + p.bind(start.minus(margin)) + " and o.first_at < " + p.bind(end.plus(margin)) + ") o on true)";
    }

    /** The partner's member-days and every partner's activity as of the same fold (a fold between two reads reads again). */
    private record Copies(MemberDays days, Activities activity) {
    }

    private Copies aligned(Partner partner, MemberDays read, Activities readToo) {
        MemberDays days = read;
        Activities all = readToo;
        for (int tries = 0; days.mark != all.mark && tries < 5; tries++) {
            if (days.mark < all.mark) {
                days = memberDays.fresh(partner.id);
            } else {
                all = activity.fresh();
            }
        }
        return new Copies(days, all);
    }

    /**
     * {@link #effectInSql} over the copies in memory, the same conditions in the same order: the customers and their spend
     * from the partner's member-days, fresh and acquired from its activity rows, "elsewhere" from the other partners' first
     * and last receipts with the two days' margin; the customers those leave undecided are looked up by day in SQL.
     */
    Effect effectInMemory(Partner partner, LocalDate from, LocalDate to, MemberKey key) {
        return effectOf(partner, aligned(partner, memberDays.fresh(partner.id), activity.fresh()), from, to, key);
    }

    private Effect effectOf(Partner partner, Copies copies, LocalDate from, LocalDate to, MemberKey key) {
        MemberDays d = copies.days();
        Activities a = copies.activity();
        ZoneId zone = ZoneId.of(partner.timeZone);
        long start = PurchaseActivity.micros(from.atStartOfDay(zone).toInstant());
        long end = PurchaseActivity.micros(to.plusDays(1).atStartOfDay(zone).toInstant());
        long margin = java.time.Duration.ofDays(2).toNanos() / 1000;
        int self = Math.toIntExact(partner.id);
        long[] n = new long[5];
        long[] k = new long[5];
        long revenue = 0, acquiredRevenue = 0;
        List<long[]> undecided = new ArrayList<>();
        PurchaseFigures.Customers customers = PurchaseFigures.customersOf(d, from, to);
        int j = 0;
        for (int c = 0; c < customers.size(); c++) {
            int member = customers.member()[c];
            long spend = customers.spend()[c];
            j = a.seek(j, member);
            int here = -1;
            boolean touching = false, sure = false;
            for (int r = j; r < a.size && a.member[r] == member; r++) {
                if (a.partner[r] == self) {
                    here = r;
                } else if (a.lastAt[r] >= start - margin && a.firstAt[r] < end + margin) {
                    touching = true;
                    sure |= a.firstAt[r] >= start + margin && a.firstAt[r] < end - margin
                            || a.lastAt[r] >= start + margin && a.lastAt[r] < end - margin;
                }
            }
            if (here < 0) {
                continue;
            }
            boolean fresh = a.firstAt[here] >= start && a.firstAt[here] < end;
            boolean acquired = a.acquired[here];
            long memberKey = key.of(member);
            count(n, k, 0, true, memberKey);
            count(n, k, 1, fresh, memberKey);
            count(n, k, 2, fresh && acquired, memberKey);
            count(n, k, 3, sure, memberKey);
            count(n, k, 4, acquired, memberKey);
            revenue += spend;
            acquiredRevenue += acquired ? spend : 0;
            if (touching && !sure) {
                undecided.add(new long[]{member, memberKey});
            }
        }
        if (!undecided.isEmpty()) {
            // receipts elsewhere before and after the period but maybe none in it: by day, as the statement does
            @SuppressWarnings("unchecked")
            List<Number> elsewhere = reads.analytics(em -> em.createNativeQuery("select distinct x.member_id from purchase_day x where x.member_id = any(cast(:ids as bigint[]))"
                            + " and x.partner_id <> :p and x.day between :from and :to")
                    .setParameter("ids", undecided.stream().map(u -> u[0]).toArray(Long[]::new)).setParameter("p", partner.id)
                    .setParameter("from", from).setParameter("to", to).getResultList());
            java.util.Set<Long> found = new java.util.HashSet<>();
            elsewhere.forEach(x -> found.add(x.longValue()));
            for (long[] u : undecided) {
                count(n, k, 3, found.contains(u[0]), u[1]);
            }
        }
        long mask = 0xFFFFFFFFL;
        return new Effect(new Count(n[0], k[0] & mask), new Count(n[1], k[1] & mask), new Count(n[2], k[2] & mask),
                new Count(n[3], k[3] & mask), revenue, new Count(n[4], k[4] & mask), acquiredRevenue);
    }

    private static void count(long[] n, long[] k, int figure, boolean in, long memberKey) {
        if (in) {
            n[figure]++;
            k[figure] += memberKey;
        }
    }

    /**
     * {@link #sourcesInSql} over the activity in memory: the partner's acquired members whose first receipt here falls in
     * the period, each counted at the other partner of their earliest receipt (the lower partner id first on a tie).
     */
    List<Source> sourcesInMemory(Partner partner, LocalDate from, LocalDate to, MemberKey key) {
        return sourcesOf(partner, activity.fresh(), from, to, key);
    }

    private static List<Source> sourcesOf(Partner partner, Activities a, LocalDate from, LocalDate to, MemberKey key) {
        ZoneId zone = ZoneId.of(partner.timeZone);
        long start = PurchaseActivity.micros(from.atStartOfDay(zone).toInstant());
        long end = PurchaseActivity.micros(to.plusDays(1).atStartOfDay(zone).toInstant());
        int self = Math.toIntExact(partner.id);
        java.util.Map<Integer, long[]> bySource = new java.util.TreeMap<>();
        int i = 0;
        while (i < a.size) {
            int member = a.member[i];
            int here = -1, source = -1;
            for (; i < a.size && a.member[i] == member; i++) {
                if (a.partner[i] == self) {
                    here = i;
                } else if (source < 0 || a.firstAt[i] < a.firstAt[source]) {
                    // rows come by partner id: on a tie the lower id, seen first, stays
                    source = i;
                }
            }
            if (here >= 0 && source >= 0 && a.acquired[here] && a.firstAt[here] >= start && a.firstAt[here] < end) {
                long[] c = bySource.computeIfAbsent(a.partner[source], x -> new long[2]);
                c[0]++;
                c[1] += key.of(member);
            }
        }
        List<Source> sources = new ArrayList<>();
        bySource.forEach((p, c) -> sources.add(new Source(p, new Count(c[0], c[1] & 0xFFFFFFFFL))));
        return sources;
    }

    private static Query bound(Query q, SqlParams p) {
        p.values().forEach(q::setParameter);
        return q;
    }

    private static Count count(Object members, Object key) {
        return new Count(number(members), new BigInteger(key.toString()).mod(BigInteger.ONE.shiftLeft(32)).longValue());
    }

    private static long number(Object n) {
        return ((Number) n).longValue();
    }
}
