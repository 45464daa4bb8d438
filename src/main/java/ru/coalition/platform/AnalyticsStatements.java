package ru.coalition.platform;

import jakarta.persistence.EntityManager;

/**
 * Settings for one transaction's analytics statements (docs/benchmarks.md "Analytics"), ending with it:
 * <ul>
 * <li>work memory: with the server's few megabytes a year of a busy partner's customers spilled to disk in 17 batches;</li>
 * <li>a plan for each statement's own values: pgjdbc prepares a statement on the server after five runs, and PostgreSQL's
 * generic plan, blind to a period's length, reads a year's way for a few days. Planning costs a millisecond; these
 * statements, hundreds.</li>
 * <li>a time limit under the transaction's 60 s: PostgreSQL cancels the statement and the caller gets the clear
 * {@link ErrorCode#STATEMENT_TIMEOUT} instead of the transaction reaper's rollback, which surfaced as "internal".</li>
 * </ul>
 */
public final class AnalyticsStatements {

    /** AnalyticsConfig#statementTimeout; read here because the figures' owners (purchases) sit below analytics. */
    static final String LIMIT = "coalition.analytics.statement-timeout";

    private AnalyticsStatements() {
    }

    public static void tune(EntityManager em) {
        em.createNativeQuery("select set_config('work_mem', '64MB', true), set_config('plan_cache_mode', 'force_custom_plan', true),"
                        + " set_config('statement_timeout', :limit, true)")
                .setParameter("limit", limit().toMillis() + "ms")
                .getSingleResult();
    }

    static java.time.Duration limit() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue(LIMIT, java.time.Duration.class)
                .orElse(java.time.Duration.ofSeconds(45));
    }
}
