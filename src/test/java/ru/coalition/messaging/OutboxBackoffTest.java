package ru.coalition.messaging;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OutboxBackoffTest {

    @Test
    void backoffDoublesFromFiveSecondsAndStopsAtAnHour() {
        assertEquals(Duration.ofSeconds(5), OutboxDispatcher.backoff(1));
        assertEquals(Duration.ofSeconds(10), OutboxDispatcher.backoff(2));
        assertEquals(Duration.ofSeconds(40), OutboxDispatcher.backoff(4));
        assertEquals(Duration.ofHours(1), OutboxDispatcher.backoff(12));
        assertEquals(Duration.ofHours(1), OutboxDispatcher.backoff(100));
    }
}
