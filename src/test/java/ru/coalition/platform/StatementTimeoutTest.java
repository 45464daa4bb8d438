package ru.coalition.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An analytics statement that runs too long is cancelled by PostgreSQL within its own limit, and the failure is told
 * apart from every other one, so the caller gets "statement-timeout" (503) rather than "internal" (500).
 */
@QuarkusTest
class StatementTimeoutTest {

    @Inject
    EntityManager em;

    @Test
    void analyticsStatementsRunUnderTheConfiguredLimitAndOnlyForTheirTransaction() {
        String inside = QuarkusTransaction.requiringNew().call(() -> {
            AnalyticsStatements.tune(em);
            return (String) em.createNativeQuery("select current_setting('statement_timeout')").getSingleResult();
        });
        assertEquals("45s", inside);
        String after = QuarkusTransaction.requiringNew().call(
                () -> (String) em.createNativeQuery("select current_setting('statement_timeout')").getSingleResult());
        assertEquals("0", after, "the limit ends with the analytics transaction");
    }

    @Test
    void aCancelledStatementIsATimeoutAndOtherFailuresAreNot() {
        RuntimeException slow = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            AnalyticsStatements.tune(em);
            em.createNativeQuery("select set_config('statement_timeout', '50ms', true)").getSingleResult();
            em.createNativeQuery("select pg_sleep(2)").getSingleResult();
        }));
        assertTrue(ProblemMappers.timedOut(slow), "PostgreSQL's cancel (57014) is found under the persistence exceptions");
        RuntimeException broken = assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(
                () -> em.createNativeQuery("select 1 / 0").getSingleResult()));
        assertFalse(ProblemMappers.timedOut(broken), "a division by zero is not a timeout");
        assertFalse(ProblemMappers.timedOut(new IllegalStateException("no cause")));
    }
}
