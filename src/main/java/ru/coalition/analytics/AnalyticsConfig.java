package ru.coalition.analytics;

import io.smallrye.config.ConfigMapping;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Settings of the analytics (coalition.analytics.*). */
@ConfigMapping(prefix = "coalition.analytics")
public interface AnalyticsConfig {

    /** Base64 of at least 32 random bytes keying the portrait's rounding (ANALYTICS_CELL_KEY). */
    String cellKey();

    /**
     * How long one analytics statement may run before PostgreSQL cancels it and the caller gets a clear 503
     * (statement-timeout); under the 60 s transaction timeout. Read by platform.AnalyticsStatements.
     */
    @io.smallrye.config.WithDefault("PT45S")
    java.time.Duration statementTimeout();

    /**
     * Whether the dashboard's per-member figures (its summary, frequency bands, recency × frequency grid and cohorts), the
     * coalition effect and a portrait without a segment are worked out from copies kept in memory (purchases.MemberDayCache
     * and ActivityCache, members.MemberAnswerCache; docs/analytics.md "Copies in memory") rather than in SQL. Read by them.
     */
    @io.smallrye.config.WithDefault("true")
    boolean figuresInMemory();

    /** A copy nobody asked about for this long leaves memory; the next question reads it whole again. Read by the copies. */
    @io.smallrye.config.WithDefault("PT1H")
    java.time.Duration memoryIdle();

    /** The seed of the members' keys: the first 8 bytes of the key's SHA-256. */
    default long cellKeySeed() {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(cellKey().strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("ANALYTICS_CELL_KEY is not base64");
        }
        if (key.length < 32) {
            throw new IllegalStateException("ANALYTICS_CELL_KEY must hold at least 32 random bytes (base64)");
        }
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(key)).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
