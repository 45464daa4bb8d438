package ru.coalition.purchases;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.time.Duration;

/**
 * The activity rollup of every partner in memory ({@link Activities}) once a coalition effect was asked for: read whole
 * the first time (2.1 million rows in the benchmark, 27 bytes each), then by the rows the folds have written since
 * (purchase_activity.folded, V40). Dropped after {@code coalition.analytics.memory-idle} without a question; off with the
 * member-days ({@code coalition.analytics.figures-in-memory=false}).
 */
@ApplicationScoped
public class ActivityCache {

    private static final Logger LOG = Logger.getLogger(ActivityCache.class);

    @Inject
    DataSource db;

    private Activities current;
    private volatile long usedAt;

    /** The rollup as of the latest fold committed now. */
    synchronized Activities fresh() {
        usedAt = System.nanoTime();
        if (current == null) {
            long started = System.nanoTime();
            current = read(null);
            LOG.infof("activity of every partner in memory: %d rows, %d MB, read in %d ms", current.size, current.bytes() >> 20,
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            current = current.with(read(current.mark));
        }
        return current;
    }

    @Scheduled(identity = "activity-idle", every = "10m", delayed = "${coalition.jobs.delay}")
    synchronized void dropIdle() {
        Duration idle = org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(MemberDayCache.IDLE, Duration.class)
                .orElse(Duration.ofHours(1));
        if (System.nanoTime() - usedAt > idle.toNanos()) {
            current = null;
        }
    }

    private Activities read(Long since) {
        Activities.Builder rows = new Activities.Builder(since == null ? 1 << 16 : 64);
        long mark = ru.coalition.platform.ConsistentReads.read(db, PurchaseActivity.HORIZON, "select member_id, partner_id, " + PurchaseActivity.MICROS.formatted("first_at") + ", "
                + PurchaseActivity.MICROS.formatted("last_at") + ", acquired from purchase_activity"
                + (since == null ? "" : " where folded > " + since) + " order by member_id, partner_id",
                rs -> rows.add(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5)));
        return rows.build(mark);
    }
}
