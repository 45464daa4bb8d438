package ru.coalition.platform;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/**
 * A copy of table rows kept in memory and brought up to date before each use (purchases.MemberDayCache and ActivityCache,
 * members.MemberAnswerCache). {@code refresh} makes the next copy from the last one: from null it reads the rows whole
 * (seconds at a million rows), from a copy only what changed since (milliseconds). A question that finds no copy is
 * answered another way (in SQL) while the copy is read in the background, one copy at a time, so nobody waits seconds
 * for the first answer after a start.
 */
public final class MemoryCopy<T> {

    private static final Logger LOG = Logger.getLogger(MemoryCopy.class);

    /** One background read at a time: on two cores a second one would only slow the first and the answers. */
    private static final Executor LOADER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "memory-copy-loader");
        t.setDaemon(true);
        return t;
    });

    /** AnalyticsConfig's settings, read here because the copies' owners (purchases, members) sit below analytics. */
    private static final String ENABLED = "coalition.analytics.figures-in-memory";
    private static final String IDLE = "coalition.analytics.memory-idle";

    private final String name;
    private final UnaryOperator<T> refresh;
    private T current;
    private boolean loading;
    private volatile long usedAt = System.nanoTime();

    public MemoryCopy(String name, UnaryOperator<T> refresh) {
        this.name = name;
        this.refresh = refresh;
    }

    /** The copy brought up to date, read whole first if there is none (waits for it). */
    public synchronized T fresh() {
        usedAt = System.nanoTime();
        current = current == null ? whole() : refresh.apply(current);
        return current;
    }

    /** The copy brought up to date, or null while there is none yet: then it is being read in the background. */
    public T ifReady() {
        synchronized (this) {
            usedAt = System.nanoTime();
            if (current != null) {
                current = refresh.apply(current);
                return current;
            }
            if (loading) {
                return null;
            }
            loading = true;
        }
        LOADER.execute(() -> {
            try {
                T read = whole();
                synchronized (this) {
                    if (current == null) {
                        current = read;
                    }
                }
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s: not read into memory (%s); the figures stay in SQL until the next try", name, e.getMessage());
            } finally {
                synchronized (this) {
                    loading = false;
                }
            }
        });
        return null;
    }

    /** Whether figures are worked out from copies in memory at all ({@code coalition.analytics.figures-in-memory}). */
    public static boolean enabled() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(ENABLED, Boolean.class).orElse(true);
    }

    /** Drops the copy if nobody used it for {@code coalition.analytics.memory-idle}; the next use reads it whole again. */
    public void dropIfIdle() {
        dropIfIdle(idleSetting());
    }

    synchronized void dropIfIdle(Duration idle) {
        if (idle(idle)) {
            current = null;
        }
    }

    /** Whether nobody used the copy for {@code coalition.analytics.memory-idle} (a holder may then forget it). */
    public boolean idle() {
        return idle(idleSetting());
    }

    boolean idle(Duration idle) {
        return System.nanoTime() - usedAt > idle.toNanos();
    }

    private static Duration idleSetting() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(IDLE, Duration.class).orElse(Duration.ofHours(1));
    }

    private T whole() {
        long started = System.nanoTime();
        T read = refresh.apply(null);
        LOG.infof("%s: read into memory in %d ms", name, (System.nanoTime() - started) / 1_000_000);
        return read;
    }
}
