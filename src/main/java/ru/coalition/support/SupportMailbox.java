package ru.coalition.support;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import org.jboss.logging.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Reads the support mailbox over IMAP (issue 11 §2): every unseen mail becomes a ticket or a reply
 * ({@link MailTickets}), each in its own transaction, and is marked \Seen only after that transaction committed. One
 * replica reads at a time: a poll holds a PostgreSQL advisory lock on a connection of its own, and a replica that
 * cannot take it skips its turn (the lock goes with the connection if the replica dies). A mail read twice (a crash
 * between the commit and \Seen) is recognised by its Message-ID and makes no second record. Mails are read with
 * BODY.PEEK, so reading alone never marks one seen.
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
        if (!config.enabled()) {
            return new Polled(false, 0, 0, 0, 0, 0);
        }
        try (Connection lockHolder = dataSource.getConnection()) {
            if (!advisory(lockHolder, "select pg_try_advisory_lock(?)")) {
                return new Polled(false, 0, 0, 0, 0, 0);
            }
            try {
                return read();
            } finally {
                advisory(lockHolder, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the mailbox lock could not be taken", e);
        }
    }

    private static boolean advisory(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, LOCK);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    private Polled read() {
        int opened = 0, replied = 0, already = 0, ignored = 0, failed = 0;
        Session session = Session.getInstance(properties());
        try (Store store = session.getStore(config.protocol())) {
            store.connect(config.host(), config.port(), config.user().orElse(config.address()), config.password().orElse(""));
            Folder folder = store.getFolder(config.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                int n = Math.min(unseen.length, config.batchSize());
                for (int i = 0; i < n; i++) {
                    Message m = unseen[i];
                    MailTickets.Outcome outcome;
                    try {
                        outcome = mails.take(IncomingMail.of(m));
                    } catch (Exception e) {
                        // left unseen: read again next time (a fault of ours, or of the database, may pass)
                        failed++;
                        LOG.warnf(e, "Support mailbox: mail %d not taken", m.getMessageNumber());
                        continue;
                    }
                    // the transaction committed: only now is the mail marked read
                    m.setFlag(Flags.Flag.SEEN, true);
                    switch (outcome.taken()) {
                        case OPENED -> opened++;
                        case REPLIED -> replied++;
                        case ALREADY_TAKEN -> already++;
                        case IGNORED -> ignored++;
                    }
                }
            } finally {
                folder.close(false);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("the support mailbox could not be read: " + e.getMessage(), e);
        }
        return new Polled(true, opened, replied, already, ignored, failed);
    }

    private Properties properties() {
        String p = "mail." + config.protocol() + ".";
        Properties props = new Properties();
        props.put("mail.store.protocol", config.protocol());
        props.put(p + "host", config.host());
        props.put(p + "port", String.valueOf(config.port()));
        // read without setting \Seen: a mail is marked only once its ticket is written
        props.put(p + "peek", "true");
        props.put(p + "connectiontimeout", "10000");
        props.put(p + "timeout", "30000");
        props.put(p + "writetimeout", "30000");
        return props;
    }
}
