package ru.coalition.purchases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.SqlParams;
import ru.coalition.platform.SqlScan;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Each member's activity per partner (table purchase_activity) and over all partners (purchase_activity_total):
 * first and last purchase, receipts, spend less refunds, whether the first purchase here came after one elsewhere; and
 * for analytics per partner, local day and member (purchase_day) and per partner and local day (purchase_partner_day),
 * with categories and hours. Folded from purchases and refunds by {@link #foldOnce()} (run by {@link PurchaseActivityJob})
 * and {@link #fold()}, never on the purchase path: the post writes nothing more than before.
 *
 * <p>Exactly once, replica-safe: each purchase and refund row carries the 64-bit id of the transaction that wrote it
 * (column written_by). A fold first reads its horizon, the xmin of a fresh snapshot (every transaction below it has
 * ended), then, in a later statement whose snapshot sees all of them, folds the rows written in [previous horizon,
 * horizon) and moves the cursor to the horizon in the same transaction. An id cursor would lose a purchase whose
 * transaction took its id early and committed after a later one was folded. Replicas take turns on the cursor row.
 *
 * <p>The condition methods answer SQL predicates on {@code m.id} (see members.MemberFilters) for segments.
 */
@ApplicationScoped
public class PurchaseActivity {

    private static final Logger LOG = Logger.getLogger(PurchaseActivity.class);

    /** The fold of the rows written in [:from, :to) (transaction ids as text), which moves the cursor to :to. */
    public static final String FOLD = """
                with d0 as (
                    select p.member_id, p.partner_id, min(p.occurred_at) first_at, max(p.occurred_at) last_at,
                           count(*) receipts, sum(p.total) spend
                    from purchase p where p.written_by >= cast(:from as xid8) and p.written_by < cast(:to as xid8)
                    group by p.member_id, p.partner_id
                    union all
                    select p.member_id, p.partner_id, null, null, 0, -sum(r.amount)
                    from refund r join purchase p on p.id = r.purchase_id
                    where r.written_by >= cast(:from as xid8) and r.written_by < cast(:to as xid8)
                    group by p.member_id, p.partner_id),
                -- a refund alone has no purchase time: infinity and -infinity leave the stored first and last as they are
                -- (NOT NULL is checked before ON CONFLICT decides to update)
                d as (
                    select member_id, partner_id, coalesce(min(first_at), 'infinity') first_at,
                           coalesce(max(last_at), '-infinity') last_at, sum(receipts) receipts, sum(spend) spend
                    from d0 group by member_id, partner_id),
                per_partner as (
                    insert into purchase_activity as a (member_id, partner_id, first_at, last_at, receipts, spend, folded)
                    select member_id, partner_id, first_at, last_at, receipts, spend, cast(:to as bigint) from d
                    on conflict (partner_id, member_id) do update set first_at = least(a.first_at, excluded.first_at),
                        last_at = greatest(a.last_at, excluded.last_at), receipts = a.receipts + excluded.receipts,
                        spend = a.spend + excluded.spend, folded = excluded.folded
                    returning 1),
                total as (
                    insert into purchase_activity_total as t (member_id, first_at, last_at, receipts, spend)
                    select member_id, min(first_at), max(last_at), sum(receipts), sum(spend) from d group by member_id
                    on conflict (member_id) do update set first_at = least(t.first_at, excluded.first_at),
                        last_at = greatest(t.last_at, excluded.last_at), receipts = t.receipts + excluded.receipts,
                        spend = t.spend + excluded.spend
                    returning 1),
                -- the same rows per partner-local day (issue 13): a refund counts on its receipt's day
                zones as (
                    select * from unnest(cast(:partners as bigint[]), cast(:zones as text[])) as z(partner_id, zone)),
                dd0 as (
                    select p.partner_id, cast(p.occurred_at at time zone coalesce(z.zone, :zone) as date) as day, p.member_id,
                           count(*) receipts, sum(p.total) spend
                    from purchase p left join zones z on z.partner_id = p.partner_id
                    where p.written_by >= cast(:from as xid8) and p.written_by < cast(:to as xid8)
                    group by 1, 2, 3
                    union all
                    select p.partner_id, cast(p.occurred_at at time zone coalesce(z.zone, :zone) as date), p.member_id, 0, -sum(r.amount)
                    from refund r join purchase p on p.id = r.purchase_id left join zones z on z.partner_id = p.partner_id
                    where r.written_by >= cast(:from as xid8) and r.written_by < cast(:to as xid8)
                    group by 1, 2, 3),
                dd as (
                    select partner_id, day, member_id, sum(receipts) receipts, sum(spend) spend from dd0 group by 1, 2, 3),
                -- xmax is 0 on a row this statement inserted, and this transaction's id on one it updated; folded marks the
                -- row with this fold's horizon for the copies kept in memory (V39, MemberDayCache)
                per_day as (
                    insert into purchase_day as x (partner_id, day, member_id, receipts, spend, folded)
                    select partner_id, day, member_id, receipts, spend, cast(:to as bigint) from dd
                    on conflict (partner_id, day, member_id) do update set receipts = x.receipts + excluded.receipts,
                        spend = x.spend + excluded.spend, folded = excluded.folded
                    returning x.partner_id, x.day, x.xmax = 0 as first),
                per_partner_day as (
                    insert into purchase_partner_day as y (partner_id, day, receipts, spend, members)
                    select g.partner_id, g.day, g.receipts, g.spend, coalesce(f.members, 0)
                    from (select partner_id, day, sum(receipts) receipts, sum(spend) spend from dd group by 1, 2) g
                    left join (select partner_id, day, count(*) members from per_day where first group by 1, 2) f
                        on f.partner_id = g.partner_id and f.day = g.day
                    on conflict (partner_id, day) do update set receipts = y.receipts + excluded.receipts,
                        spend = y.spend + excluded.spend, members = y.members + excluded.members
                    returning 1),
                -- sales by category (a refund's lines on their receipt's day) and receipts by local hour (issue 13)
                cc0 as (
                    select p.partner_id, cast(p.occurred_at at time zone coalesce(z.zone, :zone) as date) as day,
                           coalesce(l.category, '') as category, sum(l.amount) amount, count(*) lines
                    from purchase p join purchase_line l on l.purchase_id = p.id left join zones z on z.partner_id = p.partner_id
                    where p.written_by >= cast(:from as xid8) and p.written_by < cast(:to as xid8)
                    group by 1, 2, 3
                    union all
                    select p.partner_id, cast(p.occurred_at at time zone coalesce(z.zone, :zone) as date), coalesce(l.category, ''),
                           -sum(rl.amount), 0
                    from refund r join refund_line rl on rl.refund_id = r.id join purchase p on p.id = r.purchase_id
                    join purchase_line l on l.purchase_id = rl.purchase_id and l.line_no = rl.line_no
                    left join zones z on z.partner_id = p.partner_id
                    where r.written_by >= cast(:from as xid8) and r.written_by < cast(:to as xid8)
                    group by 1, 2, 3),
                per_category as (
                    insert into purchase_category_day as x (partner_id, day, category, amount, lines)
                    select partner_id, day, category, sum(amount), sum(lines) from cc0 group by 1, 2, 3
                    on conflict (partner_id, day, category) do update set amount = x.amount + excluded.amount,
                        lines = x.lines + excluded.lines
                    returning 1),
                per_hour as (
                    insert into purchase_hour as x (partner_id, day, hour, receipts)
                    select p.partner_id, cast(p.occurred_at at time zone coalesce(z.zone, :zone) as date),
                           extract(hour from p.occurred_at at time zone coalesce(z.zone, :zone)), count(*)
                    from purchase p left join zones z on z.partner_id = p.partner_id
                    where p.written_by >= cast(:from as xid8) and p.written_by < cast(:to as xid8)
                    group by 1, 2, 3
                    on conflict (partner_id, day, hour) do update set receipts = x.receipts + excluded.receipts
                    returning 1),
                moved as (
                    update purchase_activity_cursor set folded_below = cast(:to as xid8), folded_at = :now where id = 1
                    returning 1)
                select (select count(*) from per_partner) + 0 * (select count(*) from total) + 0 * (select count(*) from moved)
                    + 0 * (select count(*) from per_partner_day) + 0 * (select count(*) from per_category)
                    + 0 * (select count(*) from per_hour)
                """;

    /**
     * After a fold, in the same transaction: whether each row of the members whose purchases were folded came after the
     * member's first receipt anywhere (column acquired, V36). The fold's own statement cannot do it: its parts all see the
     * totals as they were before it. A changed row is marked with the fold's horizon (V40) for the copy in memory
     * (ActivityCache).
     */
    static final String ACQUIRED = """
                update purchase_activity a set acquired = t.first_at < a.first_at, folded = cast(:to as bigint)
                from purchase_activity_total t
                where t.member_id = a.member_id and a.acquired <> (t.first_at < a.first_at)
                  and a.member_id in (select p.member_id from purchase p
                                      where p.written_by >= cast(:from as xid8) and p.written_by < cast(:to as xid8))
                """;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PartnerService partners;

    @Inject
    CoalitionConfig config;

    /** What one fold did. */
    public record Folded(int pairs, String horizon) {
    }

    /** A backlog (a bulk import, a replica's long outage) is folded in one statement; 10 million receipts take minutes. */
    private static final int FOLD_TIMEOUT_SECONDS = 3600;
    /** How long {@link #fold()} waits at most for transactions older than its call to end. */
    private static final java.time.Duration FOLD_WAIT = java.time.Duration.ofSeconds(30);

    /**
     * Folds everything written below the horizon: the oldest transaction still running anywhere in the cluster. A replica
     * folding at the same time makes this one wait for it and then fold what is left. What a transaction older than the
     * horizon committed is folded by a later run (the job's every few seconds).
     */
    @Transactional
    // far beyond the default minute: docs/benchmarks.md "Analytics" (10 million receipts)
    @io.quarkus.narayana.jta.runtime.TransactionConfiguration(timeout = FOLD_TIMEOUT_SECONDS)
    public Folded foldOnce() {
        return foldBelowHorizon();
    }

    /**
     * Folds until every purchase and refund committed before the call is folded: it folds, and folds again while a
     * transaction that was running at the call (in any database of the cluster) holds the horizon below it, for 30 s at
     * most. The job folds once a run; this is for whoever needs what they just wrote in the figures.
     */
    public Folded fold() {
        java.math.BigInteger target = new java.math.BigInteger(QuarkusTransaction.requiringNew().call(() -> (String) em
                .createNativeQuery("select cast(pg_snapshot_xmax(pg_current_snapshot()) as text)").getSingleResult()));
        long deadline = System.nanoTime() + FOLD_WAIT.toNanos();
        int pairs = 0;
        while (true) {
            Folded folded = QuarkusTransaction.requiringNew().timeout(FOLD_TIMEOUT_SECONDS).call(this::foldBelowHorizon);
            pairs += folded.pairs();
            if (new java.math.BigInteger(folded.horizon()).compareTo(target) >= 0) {
                return new Folded(pairs, folded.horizon());
            }
            if (System.nanoTime() > deadline) {
                LOG.warnf("fold: a transaction older than %s is still running after %s; what it commits is folded later", target, FOLD_WAIT);
                return new Folded(pairs, folded.horizon());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Folded(pairs, folded.horizon());
            }
        }
    }

    private Folded foldBelowHorizon() {
        @SuppressWarnings("unchecked")
        String from = (String) em.createNativeQuery("select cast(folded_below as text) from purchase_activity_cursor where id = 1"
                + " for update").getSingleResult();
        // the horizon in its own statement: the fold below takes its snapshot after it, so it sees every transaction below
        String to = (String) em.createNativeQuery("select cast(pg_snapshot_xmin(pg_current_snapshot()) as text)").getSingleResult();
        if (from.equals(to)) {
            return new Folded(0, to);
        }
        List<Partner> all = partners.list();
        Number pairs = (Number) em.createNativeQuery(FOLD)
                .setParameter("from", from).setParameter("to", to).setParameter("now", clock.instant())
                .setParameter("partners", all.stream().map(x -> x.id).toArray(Long[]::new))
                .setParameter("zones", all.stream().map(x -> x.timeZone).toArray(String[]::new))
                .setParameter("zone", config.operatorZone())
                .getSingleResult();
        em.createNativeQuery(ACQUIRED).setParameter("from", from).setParameter("to", to).executeUpdate();
        return new Folded(pairs.intValue(), to);
    }

    // ---- conditions for segments: predicates on m.id ----
    // (exists / not exists, correlated on m.id: PostgreSQL makes them semi- and anti-joins under "and", and index probes
    // under "or"; "m.id not in (subquery)" would be a linear scan per member once the subquery outgrows work_mem)

    /** Bought at the partner at least once (the partner's customers). */
    public String customerOf(SqlParams params, long partnerId) {
        return "exists (select 1 from purchase_activity a where a.member_id = m.id and a.partner_id = " + params.bind(partnerId) + ")";
    }

    /** Bought at the partner (any partner when null) at or after the moment. */
    public String boughtSince(SqlParams params, Long partnerId, Instant since) {
        if (partnerId == null) {
            return "exists (select 1 from purchase_activity_total t where t.member_id = m.id and t.last_at >= " + params.bind(since) + ")";
        }
        return "exists (select 1 from purchase_activity a where a.member_id = m.id and a.partner_id = " + params.bind(partnerId)
                + " and a.last_at >= " + params.bind(since) + ")";
    }

    /** Did not buy at the partner (any partner when null) at or after the moment (also: never bought there). */
    public String notBoughtSince(SqlParams params, Long partnerId, Instant since) {
        return "not " + boughtSince(params, partnerId, since);
    }

    /** Spent (kopecks, less refunds) within the bounds at the partner, or over all partners when null. */
    public String spend(SqlParams params, Long partnerId, Long min, Long max) {
        return range(params, partnerId, "spend", min, max);
    }

    /** Receipts (visits) within the bounds at the partner, or over all partners when null. */
    public String visits(SqlParams params, Long partnerId, Long min, Long max) {
        return range(params, partnerId, "receipts", min, max);
    }

    /** A member without activity has spent 0 and visited 0 times: a range that holds 0 takes them in too. */
    private String range(SqlParams params, Long partnerId, String column, Long min, Long max) {
        String table = partnerId == null ? "purchase_activity_total a" : "purchase_activity a";
        List<String> where = new ArrayList<>();
        where.add("a.member_id = m.id");
        if (partnerId != null) {
            where.add("a.partner_id = " + params.bind(partnerId));
        }
        boolean zeroInside = (min == null || min <= 0) && (max == null || max >= 0);
        List<String> bounds = new ArrayList<>();
        if (min != null) {
            bounds.add("a." + column + " >= " + params.bind(min));
        }
        if (max != null) {
            bounds.add("a." + column + " <= " + params.bind(max));
        }
        String inBounds = bounds.isEmpty() ? "true" : String.join(" and ", bounds);
        if (!zeroInside) {
            where.add(inBounds);
            return "exists (select 1 from " + table + " where " + String.join(" and ", where) + ")";
        }
        // everyone but those with a row outside the bounds
        where.add("not (" + inBounds + ")");
        return "not exists (select 1 from " + table + " where " + String.join(" and ", where) + ")";
    }

    // ---- the same conditions over a snapshot ----

    /** The horizon the folds so far have reached, as a number: the rows they wrote carry it or a lower one (V39, V40). */
    static final String HORIZON = "select cast(cast(folded_below as text) as bigint) from purchase_activity_cursor where id = 1";

    /** PostgreSQL's microseconds of a rollup time, with its ±infinity placeholders at the ends of long. */
    static final String MICROS = "case when %1$s = 'infinity' then 9223372036854775807 when %1$s = '-infinity'"
            + " then -9223372036854775808 else cast(extract(epoch from %1$s) * 1000000 as bigint) end";

    @Inject
    DataSource db;

    /** Reads the rollup of members with ids below {@code size} (the member snapshot's). */
    public ActivitySnapshot snapshot(int size) {
        ActivitySnapshot s = new ActivitySnapshot(size);
        SqlScan.each(db, "select partner_id, member_id, " + MICROS.formatted("last_at") + ", receipts, spend from purchase_activity"
                + " where member_id < " + size, rs -> s.byPartner.computeIfAbsent(rs.getLong(1), k -> new ActivitySnapshot.Rows())
                .add((int) rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
        SqlScan.each(db, "select member_id, " + MICROS.formatted("last_at") + ", receipts, spend from purchase_activity_total"
                + " where member_id < " + size, rs -> {
            int id = (int) rs.getLong(1);
            s.hasTotal.set(id);
            s.totalLastAt[id] = rs.getLong(2);
            s.totalReceipts[id] = rs.getLong(3);
            s.totalSpend[id] = rs.getLong(4);
        });
        return s;
    }

    /** A moment as the snapshot keeps it; a condition's moment is cut to microseconds first (see SegmentCompiler). */
    static long micros(Instant at) {
        return Math.addExact(Math.multiplyExact(at.getEpochSecond(), 1_000_000L), at.getNano() / 1000);
    }

    public BitSet customerOf(ActivitySnapshot s, long partnerId) {
        ActivitySnapshot.Rows r = s.partner(partnerId);
        BitSet out = new BitSet(s.size);
        for (int i = 0; i < r.n; i++) {
            out.set(r.member[i]);
        }
        return out;
    }

    public BitSet boughtSince(ActivitySnapshot s, Long partnerId, Instant since) {
        long at = micros(since);
        BitSet out = new BitSet(s.size);
        if (partnerId == null) {
            for (int id = s.hasTotal.nextSetBit(0); id >= 0; id = s.hasTotal.nextSetBit(id + 1)) {
                if (s.totalLastAt[id] >= at) {
                    out.set(id);
                }
            }
            return out;
        }
        ActivitySnapshot.Rows r = s.partner(partnerId);
        for (int i = 0; i < r.n; i++) {
            if (r.lastAt[i] >= at) {
                out.set(r.member[i]);
            }
        }
        return out;
    }

    public BitSet notBoughtSince(ActivitySnapshot s, Long partnerId, Instant since) {
        BitSet out = s.everyone();
        out.andNot(boughtSince(s, partnerId, since));
        return out;
    }

    public BitSet spend(ActivitySnapshot s, Long partnerId, Long min, Long max) {
        return range(s, partnerId, false, min, max);
    }

    public BitSet visits(ActivitySnapshot s, Long partnerId, Long min, Long max) {
        return range(s, partnerId, true, min, max);
    }

    /** As {@link #range(SqlParams, Long, String, Long, Long)}: without a row a member has 0, inside a range holding 0. */
    private BitSet range(ActivitySnapshot s, Long partnerId, boolean receipts, Long min, Long max) {
        long lo = min == null ? Long.MIN_VALUE : min;
        long hi = max == null ? Long.MAX_VALUE : max;
        BitSet inside = new BitSet(s.size);
        BitSet outside = new BitSet(s.size);
        if (partnerId == null) {
            long[] column = receipts ? s.totalReceipts : s.totalSpend;
            for (int id = s.hasTotal.nextSetBit(0); id >= 0; id = s.hasTotal.nextSetBit(id + 1)) {
                (column[id] >= lo && column[id] <= hi ? inside : outside).set(id);
            }
        } else {
            ActivitySnapshot.Rows r = s.partner(partnerId);
            long[] column = receipts ? r.receipts : r.spend;
            for (int i = 0; i < r.n; i++) {
                (column[i] >= lo && column[i] <= hi ? inside : outside).set(r.member[i]);
            }
        }
        if (lo <= 0 && hi >= 0) {
            BitSet out = s.everyone();
            out.andNot(outside);
            return out;
        }
        return inside;
    }
}
