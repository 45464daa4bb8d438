package ru.coalition.expiry;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Points expiry and its notices, on every replica; the work itself is replica-safe (see ExpiryService). */
@ApplicationScoped
public class ExpiryJobs {

    private static final Logger LOG = Logger.getLogger(ExpiryJobs.class);

    @Inject
    ExpiryService expiry;

    @Scheduled(identity = "points-expiry", every = "${coalition.jobs.expiry.every}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        ExpiryService.Run run = expiry.run();
        if (run.points() > 0 || run.notices() > 0) {
            LOG.infof("expiry: %d points lapsed in %d wallets, %d members told", run.points(), run.wallets(), run.notices());
        }
    }
}
