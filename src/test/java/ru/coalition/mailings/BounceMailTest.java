package ru.coalition.mailings;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.activation.DataHandler;
import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.search.FlagTerm;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.devstack.DevStack;
import ru.coalition.testing.DevStackTestResource;
import ru.coalition.testing.TestMembers;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounce mailbox (issue 12 §6) against GreenMail's real SMTP and IMAP: delivery status notifications built as an
 * MTA builds them (multipart/report with message/delivery-status and the original's headers) are read, recorded once,
 * and suppress the address; mails that are no DSN are handed on; a broken one does not hold up the rest.
 */
@QuarkusTest
class BounceMailTest {

    @Inject
    BounceMailbox mailbox;

    @Inject
    Suppressions suppressions;

    @Inject
    Bounces bounces;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @Inject
    NonBounceMails otherMails;

    /** One recipient's part of a report: Final-Recipient, Action, Status, Diagnostic-Code (null: left out). */
    record Rcpt(String address, String action, String status, String diagnostic) {
    }

    static Session smtp() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", DevStackTestResource.stack().environment().get("SMTP_PORT"));
        return Session.getInstance(p);
    }

    static MimeMessage withId(Session session, String messageId) {
        return new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
    }

    static MimeBodyPart part(String content, String type) throws MessagingException {
        MimeBodyPart p = new MimeBodyPart();
        try {
            p.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        p.setHeader("Content-Type", type);
        return p;
    }

    /**
     * Mails a DSN to the bounce mailbox as a reporting MTA would: a human-readable part, the machine-readable
     * message/delivery-status, and the original mail's headers (text/rfc822-headers) or the whole original
     * (message/rfc822). Returns the report's Message-ID.
     */
    static String sendDsn(List<Rcpt> recipients, Map<String, String> originalHeaders, boolean wholeOriginal) throws Exception {
        Session session = smtp();
        String reportId = "<" + UUID.randomUUID() + "@mx.example.net>";
        MimeMessage m = withId(session, reportId);
        m.setFrom(new InternetAddress("MAILER-DAEMON@mx.example.net", "Mail Delivery System"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(DevStack.BOUNCE_MAILBOX));
        m.setSubject("Undelivered Mail Returned to Sender");
        m.setHeader("Auto-Submitted", "auto-replied");

        MimeMultipart report = new MimeMultipart("report") {
            {
                ContentType ct = new ContentType(contentType);
                ct.setParameter("report-type", "delivery-status");
                contentType = ct.toString();
            }
        };
        report.addBodyPart(part("This is the mail system at host mx.example.net.\r\n\r\nI'm sorry to have to inform you that your"
                + " message could not be delivered to one or more recipients.\r\n", "text/plain; charset=us-ascii"));
        StringBuilder status = new StringBuilder("Reporting-MTA: dns; mx.example.net\r\nX-Postfix-Queue-ID: 4QwXyZ1abc\r\n"
                + "Arrival-Date: Sun, 6 Dec 2026 06:00:00 +0000 (UTC)\r\n");
        for (Rcpt r : recipients) {
            status.append("\r\nFinal-Recipient: rfc822; ").append(r.address()).append("\r\nOriginal-Recipient: rfc822;").append(r.address())
                    .append("\r\nAction: ").append(r.action()).append("\r\n");
            if (r.status() != null) {
                status.append("Status: ").append(r.status()).append("\r\n");
            }
            status.append("Remote-MTA: dns; mx.recipient.example\r\n");
            if (r.diagnostic() != null) {
                status.append("Diagnostic-Code: smtp; ").append(r.diagnostic()).append("\r\n");
            }
        }
        report.addBodyPart(part(status.toString(), "message/delivery-status"));
        StringBuilder headers = new StringBuilder();
        originalHeaders.forEach((k, v) -> headers.append(k).append(": ").append(v).append("\r\n"));
        headers.append("From: Coalition <news@coalition.local>\r\nSubject: =?UTF-8?B?0J3QvtCy0L7RgdGC0Lg=?=\r\n");
        if (wholeOriginal) {
            report.addBodyPart(part(headers + "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nHello\r\n", "message/rfc822"));
        } else {
            report.addBodyPart(part(headers.toString(), "text/rfc822-headers"));
        }
        setReport(m, report);
        Transport.send(m);
        return reportId;
    }

    /**
     * The report as the mail's body, written by jakarta.mail's own MimeMultipart: the dsn module's content handler for
     * multipart/report writes only its own MultipartReport objects, so a plain MimeMultipart goes in as bytes.
     */
    static void setReport(MimeMessage m, MimeMultipart report) throws Exception {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        report.writeTo(body);
        m.setDataHandler(new DataHandler(new ByteArrayDataSource(body.toByteArray(), report.getContentType())));
    }

    static void sendPlain(String from, String subject, String text) throws Exception {
        Session session = smtp();
        MimeMessage m = withId(session, "<" + UUID.randomUUID() + "@example.org>");
        m.setFrom(new InternetAddress(from));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(DevStack.BOUNCE_MAILBOX));
        m.setSubject(subject, "UTF-8");
        m.setText(text, "UTF-8");
        Transport.send(m);
    }

    /** A mail that says it is a DSN and has no delivery-status part. */
    static void sendBrokenReport() throws Exception {
        Session session = smtp();
        MimeMessage m = withId(session, "<" + UUID.randomUUID() + "@mx.example.net>");
        m.setFrom(new InternetAddress("MAILER-DAEMON@mx.example.net"));
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(DevStack.BOUNCE_MAILBOX));
        m.setSubject("Undelivered Mail Returned to Sender");
        MimeMultipart report = new MimeMultipart("report") {
            {
                ContentType ct = new ContentType(contentType);
                ct.setParameter("report-type", "delivery-status");
                contentType = ct.toString();
            }
        };
        report.addBodyPart(part("The mail system could not deliver it.\r\n", "text/plain; charset=us-ascii"));
        setReport(m, report);
        Transport.send(m);
    }

    static String address(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.org";
    }

    long memberRow(String email) {
        return ((Number) em.createNativeQuery("select id from member where lower(email) = lower(:e)").setParameter("e", email)
                .getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    List<Object[]> bouncesOf(String address) {
        return em.createNativeQuery("select kind, status_code, diagnostic, campaign_id, member_id, source, report_id from mail_bounce"
                + " where address = lower(:a) order by id").setParameter("a", address).getResultList();
    }

    @SuppressWarnings("unchecked")
    Object[] suppressionOf(String address) {
        List<Object[]> rows = em.createNativeQuery("select reason, bounce_count, lifted_at from email_suppression where address = lower(:a)")
                .setParameter("a", address).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void aHardBounceIsRecordedForItsCampaignAndMemberAndSuppressesTheAddress() throws Exception {
        var member = TestMembers.register();
        long memberId = memberRow(member.email());
        long seed = System.nanoTime();
        System.out.println("BounceMailTest seed " + seed);
        long campaignId = 900_000_000L + new Random(seed).nextInt(1_000_000);
        String originalId = CampaignMessageIds.of(campaignId, memberId, "mail.coalition.local");
        String delivered = address("delivered");
        String reportId = sendDsn(List.of(
                        new Rcpt(member.email().toUpperCase(), "failed", "5.1.1",
                                "550 5.1.1 <" + member.email() + ">: Recipient address rejected: User unknown in virtual mailbox table"),
                        new Rcpt(delivered, "delivered", "2.0.0", "250 2.0.0 Ok")),
                Map.of("Message-ID", originalId, CampaignMessageIds.CAMPAIGN_HEADER, String.valueOf(campaignId),
                        "To", member.email(), "Return-Path", "<" + DevStack.BOUNCE_MAILBOX + ">"), false);

        BounceMailbox.Polled polled = mailbox.poll();
        assertTrue(polled.ran());
        assertTrue(polled.reports() >= 1 && polled.bounces() >= 1, "the report was taken: " + polled);

        List<Object[]> rows = bouncesOf(member.email());
        assertEquals(1, rows.size(), "one bounce for the failed recipient");
        Object[] b = rows.get(0);
        assertEquals("HARD", b[0]);
        assertEquals("5.1.1", b[1]);
        assertTrue(((String) b[2]).contains("User unknown"), "the server's answer is kept: " + b[2]);
        assertEquals(campaignId, ((Number) b[3]).longValue(), "the campaign from the original Message-ID");
        assertEquals(memberId, ((Number) b[4]).longValue(), "the member from the original Message-ID");
        assertEquals("IMAP", b[5]);
        assertEquals(reportId, b[6]);
        assertTrue(bouncesOf(delivered).isEmpty(), "a delivered recipient is no bounce");

        Object[] s = suppressionOf(member.email());
        assertEquals("HARD_BOUNCE", s[0]);
        assertEquals(1, ((Number) s[1]).intValue());
        assertEquals(Set.of(member.email().toLowerCase()), suppressions.suppressed(List.of(" " + member.email().toUpperCase() + " ", delivered)));
        assertEquals(new Bounces.Counts(1, 0), bounces.countByCampaign(campaignId));
    }

    @Test
    void threeSoftBouncesSuppressTheAddress() throws Exception {
        String to = address("mailbox-full");
        long campaignId = 910_000_000L + (System.nanoTime() % 1_000_000);
        for (int i = 1; i <= 3; i++) {
            // the whole original comes back this time, with the campaign header and no Message-ID of ours
            sendDsn(List.of(new Rcpt(to, "delayed", "4.2.2", "452 4.2.2 Mailbox full")),
                    Map.of("Message-ID", "<" + UUID.randomUUID() + "@elsewhere.example>", CampaignMessageIds.CAMPAIGN_HEADER,
                            String.valueOf(campaignId), "To", to), true);
            mailbox.poll();
            assertEquals(i, bouncesOf(to).size());
            if (i < 3) {
                assertNull(suppressionOf(to), "not suppressed after " + i + " soft bounces");
            }
        }
        Object[] s = suppressionOf(to);
        assertEquals("REPEATED_SOFT", s[0]);
        assertEquals(3, ((Number) s[1]).intValue());
        Object[] b = bouncesOf(to).get(0);
        assertEquals("SOFT", b[0]);
        assertEquals(campaignId, ((Number) b[3]).longValue(), "the campaign from X-Coalition-Campaign");
        assertNull(b[4], "no member has that address");
        assertEquals(new Bounces.Counts(0, 1), bounces.countByCampaign(campaignId), "one address bounced, softly");

        // the operator lifts it (audited); the next soft bounce alone does not suppress again
        suppressions.lift(to, "mailer");
        assertTrue(suppressions.suppressed(List.of(to)).isEmpty());
        assertEquals(1L, ((Number) em.createNativeQuery("select count(*) from audit_entry where action = 'email-suppression.lift'"
                + " and target_id = lower(:a)").setParameter("a", to).getSingleResult()).longValue());
        sendDsn(List.of(new Rcpt(to, "delayed", "4.2.2", "452 4.2.2 Mailbox full")), Map.of("To", to), false);
        mailbox.poll();
        assertTrue(suppressions.suppressed(List.of(to)).isEmpty(), "soft bounces before the lift do not count");
    }

    @Test
    void aBrokenReportIsSkippedAndTheNextOneTakenOtherMailsAreHandedOn() throws Exception {
        String to = address("after-broken");
        String from = address("reader").toLowerCase();
        sendBrokenReport();
        sendPlain(from, "Отписаться", "Прошу больше не присылать рассылку.");
        sendDsn(List.of(new Rcpt(to, "failed", "5.2.1", "550 5.2.1 Mailbox disabled")), Map.of("To", to), false);

        BounceMailbox.Polled first = mailbox.poll();
        assertTrue(first.malformed() >= 1, "the broken one was skipped: " + first);
        assertEquals(0, first.failed(), first.toString());
        assertEquals(1, bouncesOf(to).size(), "the report after the broken one was taken");
        assertEquals("HARD_BOUNCE", suppressionOf(to)[0]);
        assertTrue(first.other() >= 1, "the plain mail was handed on: " + first);
        NonBounceMail other = otherMails.seen().stream().filter(m -> m.from().equals(from)).findFirst()
                .orElseThrow(() -> new AssertionError("handed on: " + otherMails.seen()));
        assertEquals("Отписаться", other.subject());
        assertTrue(other.text().contains("Прошу больше не присылать"), other.text());
        assertTrue(other.to().contains(DevStack.BOUNCE_MAILBOX));

        BounceMailbox.Polled second = mailbox.poll();
        assertEquals(0, second.malformed() + second.reports() + second.other(), "nothing is read twice: " + second);
    }

    @Test
    void twoPollsAtOnceRecordEachBounceOnceAndAMailReadAgainMakesNoSecondRow() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String to = address("twice-" + i);
            addresses.add(to);
            sendDsn(List.of(new Rcpt(to, "failed", "5.1.1", "550 5.1.1 User unknown")), Map.of("To", to), false);
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<BounceMailbox.Polled>> polls = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                polls.add(pool.submit(() -> {
                    start.await();
                    return mailbox.poll();
                }));
            }
            start.countDown();
            for (Future<BounceMailbox.Polled> f : polls) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        mailbox.poll(); // whatever a skipped poll left
        for (String a : addresses) {
            assertEquals(1, bouncesOf(a).size(), "one row for " + a);
        }

        // a crash between the commit and \Seen: the mails come again, and make no second row
        markAllUnseen();
        BounceMailbox.Polled again = mailbox.poll();
        assertTrue(again.reports() >= 4, "the mails were read again: " + again);
        assertEquals(0, again.bounces(), "and recorded nothing new: " + again);
        for (String a : addresses) {
            assertEquals(1, bouncesOf(a).size(), "still one row for " + a);
        }
        otherMails.clear();
    }

    @Test
    void aPollWhileAnotherReplicaReadsSkipsItsTurn() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement lock = c.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, BounceMailbox.LOCK);
                lock.execute();
            }
            try {
                assertFalse(mailbox.poll().ran(), "the other replica holds the mailbox");
            } finally {
                try (PreparedStatement unlock = c.prepareStatement("select pg_advisory_unlock(?)")) {
                    unlock.setLong(1, BounceMailbox.LOCK);
                    unlock.execute();
                }
            }
        }
        assertTrue(mailbox.poll().ran());
    }

    static void markAllUnseen() throws MessagingException {
        Properties p = new Properties();
        p.put("mail.store.protocol", "imap");
        Session session = Session.getInstance(p);
        try (Store store = session.getStore("imap")) {
            store.connect("127.0.0.1", DevStackTestResource.stack().imapPort, DevStack.BOUNCE_MAILBOX, DevStack.BOUNCE_MAILBOX_PASSWORD);
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            try {
                Message[] seen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), true));
                inbox.setFlags(seen, new Flags(Flags.Flag.SEEN), false);
            } finally {
                inbox.close(false);
            }
        }
    }
}
