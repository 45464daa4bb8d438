package ru.coalition.platform;

import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Properties;

/**
 * One poll of a mailbox the app reads (support.SupportMailbox, mailings.BounceMailbox): the unseen mails, at most a batch,
 * each handed to the feature, and marked \Seen (or deleted) only when the feature says it is done with it — after its
 * transaction committed. Mails are fetched with BODY.PEEK, so reading alone never marks one.
 *
 * <p>One replica reads a mailbox at a time: the poll holds a PostgreSQL advisory lock (the mailbox's own key) on a
 * connection of its own, and a replica, or a second call, that cannot take it skips its turn. The lock goes with the
 * connection if the replica dies.
 */
public final class MailboxReader {

    /** What the feature did with a mail. */
    public interface Handler {
        /** True: done with it (mark it); false: leave it unseen to be read again next time. */
        boolean take(Message mail, Session session);
    }

    private MailboxReader() {
    }

    /**
     * Reads once; false when the mailbox is disabled or another poll holds its lock (nothing was read).
     *
     * @param expunge whether mails the feature is done with are deleted rather than only marked read
     */
    public static boolean poll(DataSource db, long lock, MailboxSettings box, boolean expunge, Handler handler) {
        if (!box.enabled()) {
            return false;
        }
        try (Connection lockHolder = db.getConnection()) {
            if (!advisory(lockHolder, "select pg_try_advisory_lock(?)", lock)) {
                return false;
            }
            try {
                read(box, expunge, handler);
                return true;
            } finally {
                advisory(lockHolder, "select pg_advisory_unlock(?)", lock);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the lock of mailbox " + box.address() + " could not be taken", e);
        }
    }

    private static void read(MailboxSettings box, boolean expunge, Handler handler) {
        Session session = Session.getInstance(properties(box));
        try (Store store = session.getStore(box.protocol())) {
            store.connect(box.host(), box.port(), box.user().orElse(box.address()), box.password().orElse(""));
            Folder folder = store.getFolder(box.folder());
            folder.open(Folder.READ_WRITE);
            try {
                Message[] unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
                int n = Math.min(unseen.length, box.batchSize());
                for (int i = 0; i < n; i++) {
                    Message m = unseen[i];
                    if (!handler.take(m, session)) {
                        continue;
                    }
                    m.setFlag(Flags.Flag.SEEN, true);
                    if (expunge) {
                        m.setFlag(Flags.Flag.DELETED, true);
                    }
                }
            } finally {
                folder.close(expunge);
            }
        } catch (MessagingException e) {
            throw new IllegalStateException("mailbox " + box.address() + " could not be read: " + e.getMessage(), e);
        }
    }

    private static boolean advisory(Connection c, String sql, long lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, lock);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getBoolean(1);
            }
        }
    }

    private static Properties properties(MailboxSettings box) {
        String p = "mail." + box.protocol() + ".";
        Properties props = new Properties();
        props.put("mail.store.protocol", box.protocol());
        props.put(p + "host", box.host());
        props.put(p + "port", String.valueOf(box.port()));
        // read without setting \Seen: a mail is marked only once the feature has taken it
        props.put(p + "peek", "true");
        props.put(p + "connectiontimeout", "10000");
        props.put(p + "timeout", "30000");
        props.put(p + "writetimeout", "30000");
        return props;
    }
}
