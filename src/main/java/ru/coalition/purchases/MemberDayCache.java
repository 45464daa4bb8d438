package ru.coalition.purchases;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.platform.ConsistentReads;
import ru.coalition.platform.MemoryCopy;

import javax.sql.DataSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The member-days of the partners whose analytics were asked for lately, in memory ({@link MemberDays}). The first
 * question reads the partner's rows whole in the background (3 s for the busiest partner of the benchmark) and is
 * answered in SQL meanwhile; every later one first reads the rows the folds have written since (purchase_day.folded,
 * V39), so the figures are those of the latest fold, as SQL's are. A partner nobody asked about for
 * {@code coalition.analytics.memory-idle} is dropped.
 *
 * <p>About 20 bytes a member-day: the benchmark's busiest partner (1.3 M member-days over 13 months) takes 26 MB. Each
 * replica keeps its own copy. Switched off with {@code coalition.analytics.figures-in-memory=false}: the figures are
 * then all read in SQL.
 */
@ApplicationScoped
public class MemberDayCache {

    private final Map<Long, MemoryCopy<MemberDays>> copies = new ConcurrentHashMap<>();

    @Inject
    @io.quarkus.agroal.DataSource("replica")
    DataSource db;

    /** The partner's member-days as of the latest fold committed now, read whole first if need be (waits). */
    MemberDays fresh(long partnerId) {
        return copy(partnerId).fresh();
    }

    /** As {@link #fresh}, or null while the partner's member-days are first read (in the background). */
    MemberDays ifReady(long partnerId) {
        return copy(partnerId).ifReady();
    }

    private MemoryCopy<MemberDays> copy(long partnerId) {
        return copies.computeIfAbsent(partnerId, p -> new MemoryCopy<>("member-days of partner " + p,
                last -> last == null ? read(p, null) : last.with(read(p, last.mark))));
    }

    /** Drops what nobody asked for lately; the next question reads it again. */
    @Scheduled(identity = "member-days-idle", every = "10m", delayed = "${coalition.jobs.delay}")
    void dropIdle() {
        copies.values().removeIf(MemoryCopy::idle);
    }

    /** The partner's rows written by the folds after {@code since} (all of them when null), as of the latest fold. */
    private MemberDays read(long partnerId, Long since) {
        // since: the index by (partner, folded), a few rows; else the partner's rows in order off the index by (partner,
        // member, day), read only
        MemberDays.Builder rows = new MemberDays.Builder(since == null ? 1 << 16 : 64);
        long mark = ConsistentReads.read(db, PurchaseActivity.HORIZON, "select member_id, day - date '1970-01-01', receipts, spend"
                + " from purchase_day where partner_id = " + partnerId + (since == null ? "" : " and folded > " + since)
                + " order by member_id, day", rs -> rows.add(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        return rows.build(mark);
    }
}
