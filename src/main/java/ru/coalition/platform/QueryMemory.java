package ru.coalition.platform;

import jakarta.persistence.EntityManager;

/**
 * Sort and hash memory for one transaction's analytics statements. With the server's few megabytes a year of a busy
 * partner's customers spilled to disk in 17 batches (docs/benchmarks.md "Analytics"); the raise ends with the transaction.
 */
public final class QueryMemory {

    private QueryMemory() {
    }

    public static void forAnalytics(EntityManager em) {
        em.createNativeQuery("select set_config('work_mem', '64MB', true)").getSingleResult();
    }
}
