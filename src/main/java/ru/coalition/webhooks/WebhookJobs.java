package ru.coalition.webhooks;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.ConsentWithdrawn;
import ru.coalition.platform.JobCursors;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The events nothing else writes at the moment they happen. Points become active by the clock, with no write at all
 * (balances are read live), so a job reads the credits whose moment passed since its last run, per partner that wants
 * to hear of them. A consent withdrawn is told to every partner whose points the member held.
 */
@ApplicationScoped
public class WebhookJobs {

    private static final Logger LOG = Logger.getLogger(WebhookJobs.class);
    static final String ACTIVATION_JOB = "webhook-activations";
    static final int ACTIVATIONS_PER_RUN = 10_000;

    @Inject
    WebhookEvents events;

    @Inject
    LedgerService ledger;

    @Inject
    JobCursors cursors;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Scheduled(every = "${coalition.webhooks.activation-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void activations() {
        for (long partnerId : events.partnersWanting(WebhookTypes.POINTS_ACTIVATED)) {
            try {
                QuarkusTransaction.requiringNew().run(() -> activations(partnerId));
            } catch (RuntimeException e) {
                LOG.errorf(e, "points-activated webhooks of partner %d failed; the next run tries again", partnerId);
            }
        }
    }

    /** Tells of the partner's points activated since the last run; the first run starts from now. Returns how many. */
    public int activations(long partnerId) {
        Object locked = em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext(:j), cast(:p as int))")
                .setParameter("j", ACTIVATION_JOB).setParameter("p", partnerId).getSingleResult();
        if (!Boolean.TRUE.equals(locked)) {
            return 0;
        }
        Instant now = clock.instant();
        var cursor = cursors.read(ACTIVATION_JOB, partnerId);
        if (cursor.isEmpty()) {
            cursors.move(ACTIVATION_JOB, partnerId, now, "-");
            return 0;
        }
        List<LedgerService.Activation> found = new ArrayList<>(ledger.activationsBetween(List.of(partnerId), cursor.get().position(), now,
                ACTIVATIONS_PER_RUN));
        Instant reached = now;
        if (found.size() == ACTIVATIONS_PER_RUN) {
            // a moment cut by the limit is left whole for the next run, unless the batch is that one moment
            Instant last = found.get(found.size() - 1).at();
            List<LedgerService.Activation> whole = found.stream().filter(a -> a.at().isBefore(last)).toList();
            if (!whole.isEmpty()) {
                found = new ArrayList<>(whole);
                reached = whole.get(whole.size() - 1).at();
            } else {
                reached = last;
                LOG.warnf("more than %d members' points of partner %d activated at %s: only %d told", ACTIVATIONS_PER_RUN, partnerId, last,
                        ACTIVATIONS_PER_RUN);
            }
        }
        for (LedgerService.Activation a : found) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("points", a.points());
            data.put("activatedAt", a.at().toString());
            events.emit(partnerId, WebhookTypes.POINTS_ACTIVATED, a.memberId(), data);
        }
        cursors.move(ACTIVATION_JOB, partnerId, reached, "-");
        return found.size();
    }

    void consentWithdrawn(@Observes ConsentWithdrawn withdrawn) {
        for (long partnerId : ledger.partnersOf(withdrawn.memberId())) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("consent", withdrawn.consent());
            data.put("withdrawnAt", withdrawn.at().toString());
            data.put("source", withdrawn.source());
            events.emit(partnerId, WebhookTypes.CONSENT_WITHDRAWN, withdrawn.memberId(), data);
        }
    }
}
