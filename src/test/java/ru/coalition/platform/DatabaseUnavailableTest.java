package ru.coalition.platform;

import org.junit.jupiter.api.Test;

import javax.transaction.xa.XAException;
import java.sql.SQLException;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A lost database is told apart from a failing request, so callers get 503 and retry instead of 500. */
class DatabaseUnavailableTest {

    @Test
    void aRefusedConnectionIsUnavailability() {
        // the driver itself, against a port nothing listens on
        SQLException refused = assertThrows(SQLException.class, () -> new org.postgresql.Driver()
                .connect("jdbc:postgresql://127.0.0.1:1/x?connectTimeout=1", new Properties()));
        assertTrue(ProblemMappers.databaseUnavailable(new RuntimeException("wrapped", refused)));
    }

    @Test
    void theStatesOfAFailoverAreUnavailability() {
        assertTrue(ProblemMappers.databaseUnavailable(new SQLException("terminating connection due to administrator command", "57P01")));
        assertTrue(ProblemMappers.databaseUnavailable(new SQLException("cannot execute INSERT in a read-only transaction", "25006")));
        assertTrue(ProblemMappers.databaseUnavailable(new RuntimeException(new SQLException("Sorry, acquisition timeout!"))));
        // a commit whose connection broke: Narayana keeps the driver's error as a suppressed exception
        RuntimeException commit = new RuntimeException("ARJUNA016053: Could not commit transaction.");
        XAException xa = new XAException("Error trying to transactionCommit local transaction");
        xa.initCause(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        commit.addSuppressed(xa);
        assertTrue(ProblemMappers.databaseUnavailable(commit));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ProblemMappers.databaseUnavailable(new SQLException("division by zero", "22012")));
        assertFalse(ProblemMappers.databaseUnavailable(new SQLException("duplicate key", "23505")));
        assertFalse(ProblemMappers.databaseUnavailable(new IllegalStateException("no cause")));
    }
}
