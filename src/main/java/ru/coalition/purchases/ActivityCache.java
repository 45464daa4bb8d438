package ru.coalition.purchases;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.platform.ConsistentReads;
import ru.coalition.platform.MemoryCopy;

import javax.sql.DataSource;

/**
 * The activity rollup of every partner in memory ({@link Activities}) once a coalition effect was asked for: read whole
 * the first time, in the background (2.1 million rows in the benchmark, 27 bytes each; the effect is answered in SQL
 * meanwhile), then by the rows the folds have written since (purchase_activity.folded, V40). Dropped after
 * {@code coalition.analytics.memory-idle} without a question; off with {@code coalition.analytics.figures-in-memory=false}.
 */
@ApplicationScoped
public class ActivityCache {

    @Inject
    @io.quarkus.agroal.DataSource("replica")
    DataSource db;

    private final MemoryCopy<Activities> copy = new MemoryCopy<>("activity of every partner",
            last -> last == null ? read(null) : last.with(read(last.mark)));

    /** The rollup as of the latest fold committed now, read whole first if need be (waits). */
    Activities fresh() {
        return copy.fresh();
    }

    /** As {@link #fresh}, or null while the rollup is first read (in the background). */
    Activities ifReady() {
        return copy.ifReady();
    }

    @Scheduled(identity = "activity-idle", every = "10m", delayed = "${coalition.jobs.delay}")
    void dropIdle() {
        copy.dropIfIdle();
    }

    private Activities read(Long since) {
        Activities.Builder rows = new Activities.Builder(since == null ? 1 << 16 : 64);
        long mark = ConsistentReads.read(db, PurchaseActivity.HORIZON, "select member_id, partner_id, " + PurchaseActivity.MICROS.formatted("first_at")
                + ", " + PurchaseActivity.MICROS.formatted("last_at") + ", acquired from purchase_activity"
                + (since == null ? "" : " where folded > " + since) + " order by member_id, partner_id",
                rs -> rows.add(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getBoolean(5)));
        return rows.build(mark);
    }
}
