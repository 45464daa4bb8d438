package ru.coalition.platform;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Reads a large result a few thousand rows at a time (a server-side cursor) instead of holding it whole: the in-memory
 * snapshots behind segment counts read millions of rows (mailings.SegmentIndex).
 */
public final class SqlScan {

    /** One row of the result. */
    public interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static final int FETCH = 10_000;

    private SqlScan() {
    }

    public static void each(DataSource db, String sql, Row row) {
        try (Connection c = db.getConnection()) {
            boolean auto = c.getAutoCommit();
            // pgjdbc keeps a cursor (and fetches in chunks) only inside a transaction
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.setFetchSize(FETCH);
                try (ResultSet rs = s.executeQuery(sql)) {
                    while (rs.next()) {
                        row.accept(rs);
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** A single number (a count, a largest id). */
    public static long number(DataSource db, String sql) {
        long[] out = {0};
        each(db, sql, rs -> out[0] = rs.getLong(1));
        return out[0];
    }
}
