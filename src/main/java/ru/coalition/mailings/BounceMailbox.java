package ru.coalition.mailings;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jboss.logging.Logger;
import org.jsoup.Jsoup;
import ru.coalition.platform.MailboxReader;

import javax.sql.DataSource;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the bounce mailbox over IMAP (issue 12 §6): each unseen delivery status notification is parsed
 * ({@link DeliveryReports}) and its bounced recipients recorded ({@link Bounces}) in one transaction per mail; the mail is
 * marked \Seen (or deleted, with coalition.bounces.mailbox.delete-taken) only after that transaction committed. A mail
 * that is no DSN is handed on as a {@link NonBounceMail} event. A DSN that cannot be read is marked \Seen and counted as
 * malformed, so it never holds up the mails behind it; a mail whose recording failed (the database) stays unseen and
 * is read again next time.
 * <p>
 * One replica reads at a time ({@link MailboxReader}). A DSN read twice anyway (a crash between the commit and \Seen)
 * makes no second row: mail_bounce is unique per notice and address.
 */
@ApplicationScoped
public class BounceMailbox {

    private static final Logger LOG = Logger.getLogger(BounceMailbox.class);
    /** The advisory lock key of the mailbox poll ("bouncemb"). */
    static final long LOCK = 0x626f_756e_6365_6d62L;

    @Inject
    BounceConfig config;

    @Inject
    Bounces bounces;

    @Inject
    Event<NonBounceMail> others;

    @Inject
    DataSource dataSource;

    /**
     * How a poll went: DSNs taken (bounced recipients recorded, of them newly), other mails handed on, DSNs that could
     * not be read (marked read, skipped), mails whose recording failed (left unread).
     */
    public record Polled(boolean ran, int reports, int bounces, int other, int malformed, int failed) {
        static final Polled SKIPPED = new Polled(false, 0, 0, 0, 0, 0);
    }

    @Scheduled(identity = "bounce-mailbox", every = "${coalition.bounces.mailbox.every}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        try {
            Polled p = poll();
            if (p.reports() + p.other() + p.malformed() + p.failed() > 0) {
                LOG.infof("Bounce mailbox: %d reports (%d new bounces), %d other mails, %d malformed, %d failed",
                        p.reports(), p.bounces(), p.other(), p.malformed(), p.failed());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Bounce mailbox not read: %s", e.getMessage());
        }
    }

    /** Reads the unseen mails once (at most a batch); does nothing while the mailbox is disabled or another poll reads. */
    public Polled poll() {
        int[] reports = {0}, recorded = {0}, other = {0}, malformed = {0}, failed = {0};
        boolean ran = MailboxReader.poll(dataSource, LOCK, config.mailbox(), config.mailbox().deleteTaken(), (m, session) -> {
            MimeMessage copy;
            try {
                // the whole mail, read once: parsing then works on these bytes, not on the IMAP connection
                copy = new MimeMessage((MimeMessage) m);
            } catch (MessagingException | RuntimeException e) {
                failed[0]++;
                LOG.warnf(e, "Bounce mailbox: mail %d not fetched", m.getMessageNumber());
                return false;
            }
            try {
                if (DeliveryReports.isReport(copy)) {
                    DeliveryReports.Report report = DeliveryReports.read(copy, session);
                    recorded[0] += record(report);
                    reports[0]++;
                } else {
                    others.fire(nonBounce(copy));
                    other[0]++;
                }
            } catch (DeliveryReports.Malformed e) {
                // reading it again would fail again: it is marked read and the next mail's turn comes
                malformed[0]++;
                LOG.warnf("Bounce mailbox: mail %d skipped: %s", m.getMessageNumber(), e.getMessage());
            } catch (Exception e) {
                // left unseen: read again next time (a fault of the database, or of an observer, may pass)
                failed[0]++;
                LOG.warnf(e, "Bounce mailbox: mail %d not taken", m.getMessageNumber());
                return false;
            }
            // taken (its transaction committed) or unreadable: only now is the mail marked
            return true;
        });
        return ran ? new Polled(true, reports[0], recorded[0], other[0], malformed[0], failed[0]) : Polled.SKIPPED;
    }

    /** Records a report's bounced recipients in one transaction; how many were new. */
    private int record(DeliveryReports.Report report) {
        return bounces.recordAll(report.recipients().stream().map(r -> new Bounces.Notice(Bounces.Source.IMAP, report.reportId(),
                r.address(), r.kind(), r.status(), r.diagnostic(), report.campaignId(), report.memberId())).toList());
    }

    private static NonBounceMail nonBounce(MimeMessage m) throws MessagingException, IOException {
        String from = "";
        Address[] senders = m.getFrom();
        if (senders != null && senders.length > 0 && senders[0] instanceof InternetAddress a && a.getAddress() != null) {
            from = a.getAddress().toLowerCase(Locale.ROOT);
        }
        List<String> to = new ArrayList<>();
        Address[] all = m.getAllRecipients();
        if (all != null) {
            for (Address a : all) {
                if (a instanceof InternetAddress ia && ia.getAddress() != null) {
                    to.add(ia.getAddress().toLowerCase(Locale.ROOT));
                }
            }
        }
        String id = m.getMessageID();
        if (id == null || id.isBlank()) {
            id = "<" + Integer.toHexString(java.util.Objects.hash(from, m.getSubject(), m.getSentDate())) + "@no-message-id>";
        }
        Text text = new Text();
        text.read(m);
        String body = text.plain != null ? text.plain : text.html != null ? Jsoup.parse(text.html).text() : "";
        return new NonBounceMail(id, from, List.copyOf(to), m.getSubject() == null ? "" : m.getSubject().strip(), body);
    }

    /** The first plain-text and the first HTML part that are not attachments. */
    private static final class Text {
        String plain;
        String html;

        void read(Part part) throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multi) {
                for (int i = 0; i < multi.getCount(); i++) {
                    BodyPart child = multi.getBodyPart(i);
                    read(child);
                }
            } else if (part.isMimeType("text/plain") && plain == null) {
                plain = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            }
        }
    }
}
