package ru.coalition.mailings;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * A campaign from SCHEDULED on (issue 12 §5): it starts when due (recipients resolved once, in one transaction, one
 * queued row per member), is paused, resumed or cancelled by people, and is SENT when no row is queued any more. The
 * workers ({@link SendWorker}) see every status change at their next batch, within about a second.
 */
@ApplicationScoped
@Transactional
public class Sends {

    private static final Logger LOG = Logger.getLogger(Sends.class);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    SendingSeams seams;

    /** Starts the campaigns whose time has come; every replica runs it, the campaign row's lock makes it once. */
    @Scheduled(identity = "campaign-start", every = "${coalition.sending.every}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    void startDue() {
        List<Long> due = QuarkusTransaction.requiringNew().call(() -> em.createQuery(
                        "select c.id from Campaign c where c.status = :s and c.scheduledAt <= :now order by c.scheduledAt, c.id", Long.class)
                .setParameter("s", Campaign.Status.SCHEDULED).setParameter("now", clock.instant()).setMaxResults(20).getResultList());
        for (Long id : due) {
            try {
                QuarkusTransaction.requiringNew().run(() -> start(id));
            } catch (RuntimeException e) {
                LOG.warnf("Campaign %d could not start: %s", id, e.getMessage());
            }
        }
        QuarkusTransaction.requiringNew().run(this::finishDone);
    }

    /**
     * SCHEDULED → SENDING, once: the campaign's row is locked, its segment resolved into one queued row per member (a
     * member is never queued twice) and their number stored. False when the campaign is not (or no longer) scheduled.
     */
    public boolean start(long campaignId) {
        Campaign c = em.find(Campaign.class, campaignId, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || c.status != Campaign.Status.SCHEDULED) {
            return false;
        }
        return start(c, seams.selection(c.segmentId));
    }

    /** As {@link #start(long)}, with the recipients given (the segment's selection, or a test's members). */
    boolean start(Campaign c, SendingSeams.Selection selection) {
        Instant now = clock.instant();
        Query insert = em.createNativeQuery("insert into campaign_recipient (campaign_id, member_id, next_attempt_at)"
                + " select :campaign, s.member_id, :now from (" + selection.sql() + ") s on conflict do nothing");
        insert.setParameter("campaign", c.id).setParameter("now", now);
        selection.params().forEach(insert::setParameter);
        insert.executeUpdate();
        c.recipients = ((Number) em.createNativeQuery("select count(*) from campaign_recipient where campaign_id = :c")
                .setParameter("c", c.id).getSingleResult()).intValue();
        c.status = Campaign.Status.SENDING;
        c.startedAt = now;
        c.updatedAt = now;
        LOG.infof("Campaign %d started: %d recipients", c.id, c.recipients);
        return true;
    }

    /** SENDING → PAUSED; the workers stop at their next batch. */
    public void pause(long campaignId, String who) {
        Campaign c = locked(campaignId);
        change(c, Campaign.Status.SENDING, Campaign.Status.PAUSED, who);
    }

    /** PAUSED → SENDING; the workers continue with the rows still queued. */
    public void resume(long campaignId, String who) {
        Campaign c = locked(campaignId);
        change(c, Campaign.Status.PAUSED, Campaign.Status.SENDING, who);
    }

    /**
     * A scheduled, sending or paused campaign → CANCELLED: every queued row not in a worker's hands is SKIPPED
     * "cancelled" at once; a worker gives back the rows it holds (skipped too) at its next message.
     */
    public void cancel(long campaignId, String who) {
        Campaign c = locked(campaignId);
        if (c.status != Campaign.Status.SCHEDULED && c.status != Campaign.Status.SENDING && c.status != Campaign.Status.PAUSED) {
            throw new ProblemException(ErrorCode.CAMPAIGN_STATE, c.status.name());
        }
        Instant now = clock.instant();
        em.createNativeQuery("update campaign_recipient set status = 'SKIPPED', skip_reason = 'cancelled'"
                        + " where campaign_id = :c and status = 'QUEUED' and (claimed_until is null or claimed_until < :now)")
                .setParameter("c", c.id).setParameter("now", now).executeUpdate();
        c.status = Campaign.Status.CANCELLED;
        c.finishedAt = now;
        c.updatedAt = now;
        LOG.infof("Campaign %d cancelled by %s", c.id, who);
    }

    /**
     * Campaigns with nothing queued are SENT; rows a dead worker held in a cancelled campaign are skipped.
     */
    void finishDone() {
        Instant now = clock.instant();
        em.createNativeQuery("update campaign_recipient r set status = 'SKIPPED', skip_reason = 'cancelled' from campaign c"
                        + " where c.id = r.campaign_id and c.status = 'CANCELLED' and r.status = 'QUEUED'"
                        + " and (r.claimed_until is null or r.claimed_until < :now)")
                .setParameter("now", now).executeUpdate();
        int done = em.createNativeQuery("update campaign c set status = 'SENT', finished_at = :now, updated_at = :now, version = version + 1"
                        + " where c.status = 'SENDING' and not exists (select 1 from campaign_recipient r"
                        + " where r.campaign_id = c.id and r.status = 'QUEUED')")
                .setParameter("now", now).executeUpdate();
        if (done > 0) {
            LOG.infof("%d campaign(s) sent", done);
        }
    }

    private Campaign locked(long campaignId) {
        Campaign c = em.find(Campaign.class, campaignId, LockModeType.PESSIMISTIC_WRITE);
        if (c == null) {
            throw new ProblemException(ErrorCode.CAMPAIGN_NOT_FOUND);
        }
        return c;
    }

    private void change(Campaign c, Campaign.Status from, Campaign.Status to, String who) {
        if (c.status != from) {
            throw new ProblemException(ErrorCode.CAMPAIGN_STATE, c.status.name());
        }
        c.status = to;
        c.updatedAt = clock.instant();
        LOG.infof("Campaign %d %s by %s", c.id, to, who);
    }
}
