package ru.coalition.platform;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Reads that may lag — the ledger audit, analytics, exports — on the streaming replica ({@code DB_REPLICA_URL}; without
 * one, the primary itself), so that the primary keeps its cores, its buffers and its vacuum horizon for the tills. Each
 * read is one read-only repeatable-read snapshot with its own Hibernate session on a replica connection, outside any
 * JTA transaction (the replica datasource takes no part in them), and says how far behind the primary it was.
 */
@ApplicationScoped
public class ReadReplica {

    /** How stale a read is: on a replica or the primary, and how far behind (null: unknown, no WAL streamed yet). */
    public record Staleness(boolean replica, Long behindMs) {
        public static final Staleness PRIMARY = new Staleness(false, 0L);

        /** Whole seconds behind, for pages: 0 on the primary or when caught up. */
        public long behindSeconds() {
            return behindMs == null ? -1 : behindMs / 1000;
        }
    }

    /** What a read found, with the staleness of the snapshot it was read in. */
    public record Snapshot<T>(T value, Staleness staleness) {
    }

    @Inject
    @DataSource("replica")
    AgroalDataSource replica;

    @Inject
    SessionFactory sessions;

    public <T> Snapshot<T> read(Function<EntityManager, T> work) {
        try (Connection c = replica.getConnection()) {
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Session s = sessions.withOptions().connection(c).autoJoinTransactions(false).openSession()) {
                // the first statement takes the snapshot, so the staleness is that of everything read after it
                Staleness staleness = staleness(s);
                return new Snapshot<>(work.apply(s), staleness);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new PersistenceException("the read replica: " + e.getMessage(), e);
        }
    }

    /** An analytics read ({@link AnalyticsStatements}: its time limit, work memory and custom plans) in a snapshot of its own. */
    public <T> T analytics(Function<EntityManager, T> work) {
        return read(em -> {
            AnalyticsStatements.tune(em);
            return work.apply(em);
        }).value();
    }

    /** How far behind the replica is now, for pages that show figures read there. */
    public Staleness staleness() {
        return read(em -> null).staleness();
    }

    /**
     * Behind by the time since the last replayed transaction, unless the standby has replayed all it received (then it is
     * current however long the primary has been idle).
     */
    private static Staleness staleness(Session s) {
        Object[] r = (Object[]) s.createNativeQuery("select pg_is_in_recovery(), case when not pg_is_in_recovery()"
                + " or pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() then 0"
                + " else (extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint end", Object[].class)
                .getSingleResult();
        boolean onReplica = (Boolean) r[0];
        return onReplica ? new Staleness(true, r[1] == null ? null : ((Number) r[1]).longValue()) : Staleness.PRIMARY;
    }
}
