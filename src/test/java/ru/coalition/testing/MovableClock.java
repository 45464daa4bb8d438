package ru.coalition.testing;

import io.quarkus.test.junit.QuarkusMock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** The app's Clock, set and moved by a test; install it in @BeforeEach (QuarkusMock resets after each test). */
public final class MovableClock extends Clock {

    private final AtomicReference<Instant> now;

    private MovableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Installs a clock standing at the given moment, e.g. "2026-03-01T14:05:00+03:00". */
    public static MovableClock installAt(String isoOffsetTime) {
        MovableClock clock = new MovableClock(OffsetDateTime.parse(isoOffsetTime).toInstant());
        QuarkusMock.installMockForType(clock, Clock.class);
        return clock;
    }

    public void set(String isoOffsetTime) {
        now.set(OffsetDateTime.parse(isoOffsetTime).toInstant());
    }

    public void move(Duration by) {
        now.updateAndGet(i -> i.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the app reads instants only");
    }
}
