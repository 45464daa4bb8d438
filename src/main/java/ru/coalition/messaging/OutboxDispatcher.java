package ru.coalition.messaging;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.hibernate.LockOptions;
import org.jboss.logging.Logger;
import ru.coalition.platform.CoalitionConfig;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delivers due outbox messages. Rows are claimed with FOR UPDATE SKIP LOCKED, so replicas never send the same
 * message at once; failures are retried with exponential back-off and end as DEAD after the last attempt.
 */
@ApplicationScoped
public class OutboxDispatcher {

    private static final Logger LOG = Logger.getLogger(OutboxDispatcher.class);
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);

    @Inject
    CoalitionConfig config;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Mailer mailer;

    @Inject
    @RestClient
    SmsGatewayClient smsGateway;

    @Scheduled(every = "${coalition.outbox.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchDue() {
        while (dispatchBatch() == config.outbox().batchSize()) {
            // a full batch may mean more are due
        }
    }

    /** Sends one batch of due messages; returns how many it claimed. */
    @Transactional
    public int dispatchBatch() {
        Instant now = clock.instant();
        List<OutboxMessage> due = claimDue(now);
        for (OutboxMessage m : due) {
            deliver(m, now);
        }
        return due.size();
    }

    /**
     * Locks the next batch of due messages. Codes and passwords (the sensitive ones) go first: someone is waiting for them
     * at a screen, while a backlog of notices (a birthday job's greetings, say) can wait a minute.
     */
    List<OutboxMessage> claimDue(Instant now) {
        return em.createQuery("from OutboxMessage where status = :pending and nextAttemptAt <= :now"
                        + " order by sensitive desc, nextAttemptAt, id", OutboxMessage.class)
                .setParameter("pending", OutboxMessage.Status.PENDING)
                .setParameter("now", now)
                .setMaxResults(config.outbox().batchSize())
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", LockOptions.SKIP_LOCKED)
                .getResultList();
    }

    private void deliver(OutboxMessage m, Instant now) {
        m.attempts++;
        try {
            switch (m.channel) {
                case EMAIL -> mailer.send(mail(m));
                case SMS -> smsGateway.send("Bearer " + config.sms().apiKey().orElse(""), new SmsGatewayClient.SmsRequest(m.recipient, m.body, config.sms().sender()));
            }
            m.status = OutboxMessage.Status.SENT;
            m.sentAt = now;
            m.lastError = null;
            if (m.sensitive) {
                m.body = null;
            }
        } catch (RuntimeException e) {
            m.lastError = String.valueOf(e.getMessage());
            if (m.attempts >= config.outbox().maxAttempts()) {
                m.status = OutboxMessage.Status.DEAD;
                LOG.warnf("Outbox message %d (%s to %s) is dead after %d attempts: %s", m.id, m.kind, m.channel, m.attempts, m.lastError);
            } else {
                m.nextAttemptAt = now.plus(backoff(m.attempts));
                LOG.infof("Outbox message %d failed (attempt %d), retry at %s: %s", m.id, m.attempts, m.nextAttemptAt, m.lastError);
            }
        }
    }

    /** The mail of an outbox row: HTML or plain text, with the row's own headers (From and Reply-To as such). */
    static Mail mail(OutboxMessage m) {
        Mail mail = m.html ? Mail.withHtml(m.recipient, m.subject, m.body) : Mail.withText(m.recipient, m.subject, m.body);
        if (m.headers != null) {
            m.headers.forEach((name, value) -> {
                switch (name) {
                    case "From" -> mail.setFrom(value);
                    case "Reply-To" -> mail.setReplyTo(value);
                    default -> mail.addHeader(name, value);
                }
            });
        }
        return mail;
    }

    static Duration backoff(int attempts) {
        Duration d = Duration.ofSeconds(5L << Math.min(attempts - 1, 20));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }
}
