package ru.coalition.support;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The SLA job, on every replica: batch after batch (each its own transaction, see {@link SlaWatch}) until nothing is
 * left to mark. The supervisor is looked up in Keycloak at most once per run, and only when a ticket needs them.
 */
@ApplicationScoped
public class SlaJob {

    private static final Logger LOG = Logger.getLogger(SlaJob.class);

    @Inject
    SlaWatch watch;

    @Inject
    SupportStaff staff;

    @Inject
    SlaConfig config;

    @Inject
    Clock clock;

    @Scheduled(identity = "support-sla", every = "${coalition.sla.every:1m}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        run();
    }

    /** One run at the clock's moment; returns how many tickets got a mark. */
    public int run() {
        Instant now = clock.instant();
        Supplier<Optional<SupportStaff.Person>> supervisor = memo(staff::supervisor);
        int marked = 0;
        SlaWatch.Batch batch;
        do {
            batch = watch.run(now, config.batch(), supervisor);
            marked += batch.marked();
        } while (batch.claimed() == config.batch() && batch.marked() > 0);
        if (marked > 0) {
            LOG.infof("support SLA: %d tickets marked at risk, breached or escalated", marked);
        }
        return marked;
    }

    private static <T> Supplier<T> memo(Supplier<T> s) {
        return new Supplier<>() {
            private T value;
            private boolean done;

            @Override
            public synchronized T get() {
                if (!done) {
                    value = s.get();
                    done = true;
                }
                return value;
            }
        };
    }
}
