package ru.coalition.purchases;

import io.quarkus.narayana.jta.QuarkusTransaction;
import ru.coalition.platform.SqlScan;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads of the fold's rollups for the copies kept in memory (MemberDayCache, ActivityCache): the rows and the fold horizon
 * they are as of (purchase_activity_cursor.folded_below), in one repeatable-read snapshot, so the rows hold exactly what
 * the folds up to that horizon wrote and a later read of {@code folded > horizon} brings the rest. Outside the caller's
 * transaction (suspended): its connection may be in a partner's row-level scope.
 */
final class FoldedReads {

    private static final int FETCH = 50_000;

    private FoldedReads() {
    }

    /** Runs {@code sql}, row by row, and answers the horizon its rows are as of. */
    static long read(DataSource db, String sql, SqlScan.Row row) {
        return QuarkusTransaction.suspendingExisting().call(() -> {
            try (Connection c = db.getConnection()) {
                boolean auto = c.getAutoCommit();
                int isolation = c.getTransactionIsolation();
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                try (Statement s = c.createStatement()) {
                    long mark;
                    try (ResultSet rs = s.executeQuery("select cast(cast(folded_below as text) as bigint) from purchase_activity_cursor where id = 1")) {
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
