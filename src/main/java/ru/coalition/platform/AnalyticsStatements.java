package ru.coalition.platform;

import jakarta.persistence.EntityManager;

/**
 * Settings for one transaction's analytics statements (docs/benchmarks.md "Analytics"), ending with it:
 * <ul>
 * <li>work memory: with the server's few megabytes a year of a busy partner's customers spilled to disk in 17 batches;</li>
 * <li>a plan for each statement's own values: pgjdbc prepares a statement on the server after five runs, and PostgreSQL's
 * generic plan, blind to a period's length, reads a year's way for a few days. Planning costs a millisecond; these
 * statements, hundreds.</li>
 * </ul>
 */
public final class AnalyticsStatements {

    private AnalyticsStatements() {
    }

    public static void tune(EntityManager em) {
        em.createNativeQuery("select set_config('work_mem', '64MB', true), set_config('plan_cache_mode', 'force_custom_plan', true)")
                .getSingleResult();
    }
}
