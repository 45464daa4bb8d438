package ru.coalition.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads for the copies of tables kept in memory (purchases.MemberDayCache and ActivityCache, members.MemberAnswerCache):
 * a mark and the rows in one repeatable-read snapshot, so the rows are exactly what the mark says they are as of, and a
 * later read of the rows changed since the mark brings the rest. Outside the caller's transaction (suspended): its
 * connection may be in a partner's row-level scope. Large results are fetched in chunks.
 */
public final class ConsistentReads {

    private static final int FETCH = 50_000;

    private ConsistentReads() {
    }

    /** Runs {@code markSql} (one number) and then {@code sql}, row by row, in one snapshot; answers the mark. */
    public static long read(DataSource db, String markSql, String sql, SqlScan.Row row) {
        return QuarkusTransaction.suspendingExisting().call(() -> {
            try (Connection c = db.getConnection()) {
                boolean auto = c.getAutoCommit();
                int isolation = c.getTransactionIsolation();
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (Statement s = c.createStatement()) {
                    long mark;
                    try (ResultSet rs = s.executeQuery(markSql)) {
                        rs.next();
                        mark = rs.getLong(1);
                    }
                    s.setFetchSize(FETCH);
                    try (ResultSet rs = s.executeQuery(sql)) {
                        while (rs.next()) {
                            row.accept(rs);
                        }
                    }
                    c.commit();
                    return mark;
                } catch (SQLException | RuntimeException e) {
                    c.rollback();
                    throw e;
                } finally {
                    c.setTransactionIsolation(isolation);
                    c.setAutoCommit(auto);
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }
}
