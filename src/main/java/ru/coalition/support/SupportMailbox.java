package ru.coalition.support;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import ru.coalition.platform.MailboxReader;

import javax.sql.DataSource;

/**
 * Reads the support mailbox over IMAP (issue 11 §2): every unseen mail becomes a ticket or a reply
 * ({@link MailTickets}), each in its own transaction, and is marked \Seen only after that transaction committed; one
 * replica reads at a time ({@link MailboxReader}). A mail read twice (a crash between the commit and \Seen) is
 * recognised by its Message-ID and makes no second record.
 */
@ApplicationScoped
public class SupportMailbox {

    private static final Logger LOG = Logger.getLogger(SupportMailbox.class);
    /** The advisory lock key of the mailbox poll ("support-mailbox"). */
    static final long LOCK = 0x5375_7070_6d62_6f78L;

    @Inject
    MailboxConfig config;

    @Inject
    MailTickets mails;

    @Inject
    DataSource dataSource;

    /** How a poll went: mails taken as new tickets, as replies, already taken before, ignored (auto-replies), failed. */
    public record Polled(boolean ran, int opened, int replied, int already, int ignored, int failed) {
    }

    @Scheduled(identity = "support-mailbox", every = "${coalition.support.mailbox.every}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            Polled p = poll();
            if (p.opened() + p.replied() + p.failed() > 0) {
                LOG.infof("Support mailbox: %d new tickets, %d replies, %d failed", p.opened(), p.replied(), p.failed());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Support mailbox not read: %s", e.getMessage());
        }
    }

    /** Reads the unseen mails once (at most a batch); does nothing while the mailbox is disabled or another replica reads. */
    public Polled poll() {
        int[] opened = {0}, replied = {0}, already = {0}, ignored = {0}, failed = {0};
        boolean ran = MailboxReader.poll(dataSource, LOCK, config, false, (m, session) -> {
            MailTickets.Outcome outcome;
            try {
                outcome = mails.take(IncomingMail.of(m));
            } catch (Exception e) {
                // left unseen: read again next time (a fault of ours, or of the database, may pass)
                failed[0]++;
                LOG.warnf(e, "Support mailbox: mail %d not taken", m.getMessageNumber());
                return false;
            }
            switch (outcome.taken()) {
                case OPENED -> opened[0]++;
                case REPLIED -> replied[0]++;
                case ALREADY_TAKEN -> already[0]++;
                case IGNORED -> ignored[0]++;
            }
            // the transaction committed: only now is the mail marked read
            return true;
        });
        return new Polled(ran, opened[0], replied[0], already[0], ignored[0], failed[0]);
    }
}
