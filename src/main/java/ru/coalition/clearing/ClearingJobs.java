package ru.coalition.clearing;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Closes last month's statements once the month is over in the operator's zone and a grace period has passed (longer
 * than any transaction, so nothing posted in the month is still in flight). Every replica runs it; the month's row makes
 * the close happen once.
 */
@ApplicationScoped
public class ClearingJobs {

    private static final Logger LOG = Logger.getLogger(ClearingJobs.class);
    static final Duration GRACE = Duration.ofMinutes(10);

    @Inject
    ClearingService clearing;

    @Inject
    Clock clock;

    @Inject
    ru.coalition.platform.CoalitionConfig config;

    @Scheduled(identity = "clearing-close", every = "${coalition.jobs.clearing.every}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        closeLastMonth();
    }

    /** Closes the month before the current one if it is due; whether this call closed it. */
    public boolean closeLastMonth() {
        ZoneId zone = ZoneId.of(config.operatorZone());
        LocalDate monthStart = LocalDate.ofInstant(clock.instant().minus(GRACE), zone).withDayOfMonth(1);
        java.time.YearMonth last = java.time.YearMonth.from(monthStart).minusMonths(1);
        boolean closed = clearing.close(last);
        if (closed) {
            LOG.infof("clearing: %s closed", last);
        }
        return closed;
    }
}
