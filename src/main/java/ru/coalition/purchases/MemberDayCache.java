package ru.coalition.purchases;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The member-days of the partners whose dashboards were asked for lately, in memory ({@link MemberDays}). The first
 * question reads the partner's rows whole (a second for the busiest partner of the benchmark); every later one first
 * reads the rows the folds have written since (purchase_day.folded, V39), so the figures are those of the latest fold,
 * as SQL's are. A partner nobody asked about for {@code coalition.analytics.memory-idle} is dropped.
 *
 * <p>About 20 bytes a member-day: the benchmark's busiest partner (1.3 M member-days over 13 months) takes 26 MB. Each
 * replica keeps its own copy. Switched off with {@code coalition.analytics.figures-in-memory=false}: the figures are
 * then all read in SQL.
 */
@ApplicationScoped
public class MemberDayCache {

    private static final Logger LOG = Logger.getLogger(MemberDayCache.class);

    /** AnalyticsConfig's settings; read here because the figures' owners (purchases) sit below analytics. */
    static final String ENABLED = "coalition.analytics.figures-in-memory";
    static final String IDLE = "coalition.analytics.memory-idle";

    private static final class Slot {
        MemberDays days;
        volatile long usedAt;
    }

    private final Map<Long, Slot> slots = new ConcurrentHashMap<>();

    @Inject
    DataSource db;

    static boolean enabled() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(ENABLED, Boolean.class).orElse(true);
    }

    /** The partner's member-days as of the latest fold committed now. */
    MemberDays fresh(long partnerId) {
        Slot slot = slots.computeIfAbsent(partnerId, k -> new Slot());
        slot.usedAt = System.nanoTime();
        // one reader at a time per partner: the second waits for the first's read and then reads only what came after it
        synchronized (slot) {
            long started = System.nanoTime();
            if (slot.days == null) {
                slot.days = read(partnerId, null);
                LOG.infof("member-days of partner %d in memory: %d rows, %d MB, read in %d ms", partnerId, slot.days.size,
                        slot.days.bytes() >> 20, (System.nanoTime() - started) / 1_000_000);
            } else {
                slot.days = slot.days.with(read(partnerId, slot.days.mark));
            }
            return slot.days;
        }
    }

    /** Drops what nobody asked for lately; the next question reads it again. */
    @Scheduled(identity = "member-days-idle", every = "10m", delayed = "${coalition.jobs.delay}")
    void dropIdle() {
        Duration idle = org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(IDLE, Duration.class)
                .orElse(Duration.ofHours(1));
        long now = System.nanoTime();
        slots.entrySet().removeIf(e -> now - e.getValue().usedAt > idle.toNanos());
    }

    /** The partner's rows written by the folds after {@code since} (all of them when null), as of the latest fold. */
    private MemberDays read(long partnerId, Long since) {
        // since: the index by (partner, folded), a few rows; else the partner's rows in order off the index by (partner,
        // member, day), read only
        MemberDays.Builder rows = new MemberDays.Builder(since == null ? 1 << 16 : 64);
        long mark = ru.coalition.platform.ConsistentReads.read(db, PurchaseActivity.HORIZON, "select member_id, day - date '1970-01-01', receipts, spend from purchase_day where partner_id = "
                + partnerId + (since == null ? "" : " and folded > " + since) + " order by member_id, day",
                rs -> rows.add(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
        return rows.build(mark);
    }
}
