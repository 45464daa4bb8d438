package ru.coalition.platform;

import java.time.Instant;
import java.time.OffsetDateTime;

/** Values as native queries return them, in the types the features use. */
public final class SqlValues {

    private SqlValues() {
    }

    /** A timestamp: the JDBC driver and Hibernate hand it over as any of these, depending on the column and query. */
    public static Instant toInstant(Object o) {
        if (o instanceof Instant i) {
            return i;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant();
        }
        throw new IllegalStateException("not a time: " + o);
    }

    /** A timestamp column that may be empty. */
    public static Instant toInstantOrNull(Object o) {
        return o == null ? null : toInstant(o);
    }

    /** A date column. */
    public static java.time.LocalDate toLocalDate(Object o) {
        if (o instanceof java.time.LocalDate d) {
            return d;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        throw new IllegalStateException("not a date: " + o);
    }
}
