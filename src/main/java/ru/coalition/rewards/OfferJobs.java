package ru.coalition.rewards;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Makes due threshold offers and annuls lapsed ones, on every replica; the work itself is replica-safe. */
@ApplicationScoped
public class OfferJobs {

    private static final Logger LOG = Logger.getLogger(OfferJobs.class);

    @Inject
    OfferService offers;

    @Scheduled(identity = "offers", every = "${coalition.jobs.offers.every}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int annulled = offers.annulExpired();
        int made = offers.makeOffers();
        if (annulled + made > 0) {
            LOG.infof("offers: %d made, %d annulled", made, annulled);
        }
    }
}
