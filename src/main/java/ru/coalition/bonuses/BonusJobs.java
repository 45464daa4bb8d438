package ru.coalition.bonuses;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/** Birthday bonuses, checked often so a member is greeted early in their (partner-local) day. */
@ApplicationScoped
public class BonusJobs {

    private static final Logger LOG = Logger.getLogger(BonusJobs.class);

    @Inject
    BirthdayService birthdays;

    @Scheduled(identity = "birthdays", every = "${coalition.jobs.birthdays.every}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        int paid = birthdays.run();
        if (paid > 0) {
            LOG.infof("birthdays: %d bonuses paid", paid);
        }
    }
}
