package ru.coalition.platform;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Fixed-window counters in PostgreSQL, so every replica sees the same count. A hit is counted in its own
 * transaction: a request that fails later still used its attempt.
 */
@ApplicationScoped
public class RateLimiter {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** A counted hit: whether it is within the limit, and when the window ends (for Retry-After). */
    public record Hit(boolean allowed, long retryAfterSeconds) {
    }

    /** Counts a hit for the key; false when the key is over its limit in the current window. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean tryAcquire(String key, int limit, Duration window) {
        return hit(key, limit, window).allowed();
    }

    /**
     * Counts a hit atomically (one upsert): of N parallel hits exactly those within the limit are allowed, however
     * they interleave.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Hit hit(String key, int limit, Duration window) {
        Window w = current(window);
        Number hits = (Number) em.createNativeQuery("""
                        insert into rate_limit_bucket (bucket_key, window_start, hits) values (?1, ?2, 1)
                        on conflict (bucket_key, window_start) do update set hits = rate_limit_bucket.hits + 1
                        returning hits""")
                .setParameter(1, key).setParameter(2, w.start()).getSingleResult();
        return new Hit(hits.intValue() <= limit, w.secondsLeft());
    }

    /** Whether the key still has room in the current window, without counting a hit. */
    public Hit peek(String key, int limit, Duration window) {
        Window w = current(window);
        List<?> hits = em.createNativeQuery("select hits from rate_limit_bucket where bucket_key = ?1 and window_start = ?2")
                .setParameter(1, key).setParameter(2, w.start()).getResultList();
        return new Hit(hits.isEmpty() || ((Number) hits.get(0)).intValue() < limit, w.secondsLeft());
    }

    /** The fixed window (aligned to the epoch) the clock stands in, and the seconds until it ends. */
    private record Window(OffsetDateTime start, long secondsLeft) {
    }

    private Window current(Duration window) {
        long size = window.toSeconds();
        long now = clock.instant().getEpochSecond();
        long start = now - now % size;
        return new Window(OffsetDateTime.ofInstant(Instant.ofEpochSecond(start), ZoneOffset.UTC), Math.max(1, start + size - now));
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetOldWindows() {
        em.createNativeQuery("delete from rate_limit_bucket where window_start < ?1")
                .setParameter(1, OffsetDateTime.ofInstant(clock.instant().minus(Duration.ofDays(2)), ZoneOffset.UTC))
                .executeUpdate();
    }
}
