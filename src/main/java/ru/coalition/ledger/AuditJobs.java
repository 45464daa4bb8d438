package ru.coalition.ledger;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * The nightly full check of the ledger invariants, on every replica: the first to start it runs it; the others find
 * it running, or finished within the last hours, and do nothing.
 */
@ApplicationScoped
public class AuditJobs {

    /** A nightly run is skipped when a check started this recently (another replica's run the same night). */
    static final Duration SKIP_IF_WITHIN = Duration.ofHours(12);

    @Inject
    AuditRuns runs;

    @Scheduled(identity = "ledger-audit", cron = "${coalition.jobs.audit-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() {
        runs.runNow(AuditRuns.Trigger.NIGHTLY, null, SKIP_IF_WITHIN);
    }
}
