package ru.coalition.platform;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RateLimiterTest {

    @Inject
    RateLimiter limiter;

    @Test
    void allowsTheLimitThenRefuses() {
        String key = "test:" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryAcquire(key, 3, Duration.ofHours(1)));
        }
        assertFalse(limiter.tryAcquire(key, 3, Duration.ofHours(1)));
        assertTrue(limiter.tryAcquire(key + "-other", 3, Duration.ofHours(1)), "keys are counted apart");
    }

    @Test
    void parallelHitsAreAllCounted() throws Exception {
        String key = "test:" + UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            var calls = IntStream.range(0, 40).<Callable<Boolean>>mapToObj(i -> () -> limiter.tryAcquire(key, 25, Duration.ofHours(1))).toList();
            long allowed = 0;
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                allowed += f.get() ? 1 : 0;
            }
            assertEquals(25, allowed, "exactly the limit passes, however the hits interleave");
        } finally {
            pool.shutdown();
        }
    }
}
