package ru.coalition.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A copy in memory: the first question finds none and is answered another way while the copy is read whole in the
 * background (once, however many ask meanwhile); the questions after it get the copy brought up to date; a failed read
 * leaves no copy and the next question tries again; an idle copy is dropped.
 */
class MemoryCopyTest {

    @Test
    void theFirstQuestionStartsTheReadAndTheNextOnesGetTheCopyBroughtUpToDate() throws Exception {
        AtomicInteger wholeReads = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        MemoryCopy<Integer> copy = new MemoryCopy<>("test", last -> {
            if (last == null) {
                wholeReads.incrementAndGet();
                await(release);
                return 100;
            }
            return last + 1;
        });
        assertNull(copy.ifReady(), "none yet: answered another way");
        assertNull(copy.ifReady(), "still being read");
        release.countDown();
        Integer ready = waitFor(copy);
        assertEquals(101, ready, "read whole (100), then brought up to date once");
        assertEquals(102, copy.ifReady());
        assertEquals(1, wholeReads.get(), "read whole once, though asked three times while it was read");
        assertEquals(103, copy.fresh());
    }

    @Test
    void aFailedReadLeavesNoCopyAndTheNextQuestionTriesAgain() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        MemoryCopy<Integer> copy = new MemoryCopy<>("test", last -> {
            if (last == null && tries.incrementAndGet() == 1) {
                throw new IllegalStateException("the database went away");
            }
            return last == null ? 7 : last;
        });
        assertNull(copy.ifReady());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Integer value = null;
        while (value == null && System.nanoTime() < until) {
            Thread.sleep(10);
            value = copy.ifReady();
        }
        assertEquals(7, value);
        assertEquals(2, tries.get(), "the second question read it again");
    }

    @Test
    void aCopyNobodyUsesIsDroppedAndReadAgain() {
        AtomicInteger wholeReads = new AtomicInteger();
        MemoryCopy<Integer> copy = new MemoryCopy<>("test", last -> last == null ? wholeReads.incrementAndGet() : last);
        assertEquals(1, copy.fresh());
        copy.dropIfIdle(Duration.ofHours(1));
        assertEquals(1, copy.fresh(), "used a moment ago: kept");
        copy.dropIfIdle(Duration.ZERO);
        assertTrue(copy.idle(Duration.ZERO));
        assertEquals(2, copy.fresh(), "dropped: read whole again");
    }

    private static Integer waitFor(MemoryCopy<Integer> copy) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Integer value = copy.ifReady();
        while (value == null && System.nanoTime() < until) {
            Thread.sleep(10);
            value = copy.ifReady();
        }
        return value;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
