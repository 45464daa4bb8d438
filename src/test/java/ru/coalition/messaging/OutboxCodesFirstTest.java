package ru.coalition.messaging;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.MovableClock;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A code queued behind a full batch of older notices is still in the next batch the dispatcher claims. */
@QuarkusTest
class OutboxCodesFirstTest {

    @Inject
    Outbox outbox;

    @Inject
    OutboxDispatcher dispatcher;

    /** Thrown to end the test's transaction with a rollback. */
    static final class RolledBack extends RuntimeException {
    }

    @Test
    void aCodeGoesBeforeOlderNotices() {
        MovableClock clock = MovableClock.installAt("2021-02-01T10:00:00+03:00");
        // one transaction, rolled back: the scheduled dispatcher never sees these rows, and nothing is sent
        assertThrows(RolledBack.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            int batch = 50;
            for (int i = 0; i < batch + 10; i++) {
                outbox.email("test.notice", "notice-" + i + "@example.org", "Уведомление", "<p>текст</p>", null, false);
            }
            clock.move(java.time.Duration.ofMinutes(5));
            outbox.sms("test.code", "+79300000000", "Код 123456", null, true);
            List<OutboxMessage> claimed = dispatcher.claimDue(Instant.parse("2021-02-01T08:00:00Z"));
            assertEquals(batch, claimed.size());
            assertTrue(claimed.stream().anyMatch(m -> "test.code".equals(m.kind)), "the code is in the first batch");
            assertTrue(claimed.get(0).sensitive, "sensitive messages lead the batch");
            throw new RolledBack();
        }));
    }
}
