package ru.coalition.scratchcards;

import io.agroal.api.AgroalDataSource;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Guessing codes is throttled twice: per member and per client address (the one a trusted proxy names, see
 * TRUSTED_PROXIES — a spoofed X-Forwarded-For from anyone else is ignored). Each is a token bucket of Bucket4j kept in
 * PostgreSQL, so every replica draws from the same bucket. Only refused attempts (typos too) count: see {@link #take}.
 * Bucket4j runs its own short transactions on its own connections: call it outside of any transaction.
 */
@ApplicationScoped
public class ScratchThrottle {

    /** The tokens one attempt took, to give back when the code was accepted. */
    public record Attempt(long member, long address) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    CoalitionConfig config;

    private ProxyManager<Long> members;
    private ProxyManager<Long> addresses;
    private BucketConfiguration perHour;

    @PostConstruct
    void init() {
        int attempts = config.scratch().attemptsPerHour();
        perHour = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(attempts).refillGreedy(attempts, Duration.ofHours(1))).build();
        members = manager("scratch_throttle_member");
        addresses = manager("scratch_throttle_address");
    }

    /**
     * A table's buckets. Bucket4j locks a bucket with the advisory lock numbered by its key; should that number meet
     * another advisory lock of the app (or the other table's), one of them only waits a moment.
     */
    private ProxyManager<Long> manager(String table) {
        // the tests move time with the application's Clock, and so may the buckets
        TimeMeter time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                Instant now = clock.instant();
                return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
        return Bucket4jPostgreSQL.advisoryLockBasedBuilder(dataSource)
                .table(table).idColumn("id").stateColumn("state").expiresAtColumn("expires_at")
                .clientClock(time)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(5)))
                .build();
    }

    /**
     * Takes an attempt for the member at the address, or refuses with 429 and Retry-After. The member's token is taken
     * now, so one account cannot guess with many requests at once; the address is only checked here and charged when the
     * code is refused ({@link #refused}): members behind one address (a shop's Wi-Fi, a mobile operator's NAT) entering
     * good codes at the same moment must not use up each other's attempts.
     */
    public Attempt take(long memberId, long addressKey) {
        BucketProxy member = members.builder().build(memberId, perHour);
        ConsumptionProbe byMember = member.tryConsumeAndReturnRemaining(1);
        if (!byMember.isConsumed()) {
            throw throttled(byMember.getNanosToWaitForRefill());
        }
        var byAddress = addresses.builder().build(addressKey, perHour).estimateAbilityToConsume(1);
        if (!byAddress.canBeConsumed()) {
            member.addTokens(1);
            throw throttled(byAddress.getNanosToWaitForRefill());
        }
        return new Attempt(memberId, addressKey);
    }

    /** An accepted code does not count against the member. */
    public void giveBack(Attempt attempt) {
        members.builder().build(attempt.member(), perHour).addTokens(1);
    }

    /**
     * A code refused without {@link #take} (the entry's fast path, taken only while neither bucket existed) counts
     * against both.
     */
    public void refused(long memberId, long addressKey) {
        members.builder().build(memberId, perHour).tryConsume(1);
        addresses.builder().build(addressKey, perHour).tryConsume(1);
    }

    /** A refused code counts against the address too. */
    public void refused(Attempt attempt) {
        addresses.builder().build(attempt.address(), perHour).tryConsume(1);
    }

    private static ProblemException throttled(long nanosToWait) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanosToWait) + 1);
        return new ProblemException(ErrorCode.SCRATCH_THROTTLED, (seconds + 59) / 60).retryAfter(seconds);
    }

    /** An address as a bucket key (Bucket4j's PostgreSQL buckets take numbers): the first 62 bits of its SHA-256. */
    static long addressKey(String address) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(String.valueOf(address).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong() >>> 2;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        sweep(members);
        sweep(addresses);
    }

    private static void sweep(ProxyManager<Long> manager) {
        if (manager instanceof io.github.bucket4j.distributed.proxy.ExpiredEntriesCleaner cleaner) {
            while (cleaner.removeExpired(1000) >= 1000) {
                // buckets long full are deleted a thousand at a time
            }
        }
    }
}
