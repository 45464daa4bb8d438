package ru.coalition.testing;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the test SMTP server (GreenMail) received. */
public final class Inbox {

    private static final Pattern PASSWORD = Pattern.compile("letter-spacing: 2px;\">([A-Za-z0-9]{10})<");

    private Inbox() {
    }

    /** Waits for the first mail to this address. */
    public static MimeMessage awaitMailTo(String email) {
        return awaitMailTo(email, "");
    }

    /**
     * Waits for a mail to this address whose subject contains the given text. A minute: a send that meets a pooled SMTP
     * connection the server has just dropped waits out the socket timeout (30 s) and is sent again by the outbox.
     */
    public static MimeMessage awaitMailTo(String email, String subjectPart) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> Arrays.stream(DevStackTestResource.stack().mail.getReceivedMessages())
                .filter(m -> recipient(m).equals(email) && subject(m).contains(subjectPart)).findFirst().orElse(null), m -> m != null);
    }

    /**
     * Waits for an SMS to this number and gives the latest one. A minute, as for mail: the outbox sends in batches, and
     * one that meets a dropped SMTP connection holds the messages behind it for the socket timeout.
     */
    public static ru.coalition.devstack.SmsCatcher.Sms awaitSmsTo(String phone) {
        return await().atMost(Duration.ofSeconds(60)).until(() -> DevStackTestResource.stack().sms.received().stream()
                .filter(s -> s.to().equals(phone)).reduce((a, b) -> b).orElse(null), s -> s != null);
    }

    /** Whether a mail to this address with this text in its subject has arrived (no wait). */
    public static boolean hasMailTo(String email, String subjectPart) {
        return Arrays.stream(DevStackTestResource.stack().mail.getReceivedMessages())
                .anyMatch(m -> recipient(m).equals(email) && subject(m).contains(subjectPart));
    }

    public static String subject(MimeMessage m) {
        try {
            return m.getSubject() == null ? "" : m.getSubject();
        } catch (MessagingException e) {
            return "";
        }
    }

    /** The decoded HTML body of a mail. */
    public static String body(MimeMessage mail) {
        try {
            Object content = mail.getContent();
            if (content instanceof String text) {
                return text;
            }
            if (content instanceof jakarta.mail.Multipart multi && multi.getCount() > 0
                    && multi.getBodyPart(0).getContent() instanceof String text) {
                return text;
            }
        } catch (Exception e) {
            // fall through to the raw body
        }
        return GreenMailUtil.getBody(mail).replace("=\r\n", "").replace("=3D", "=");
    }

    /** The temporary password from the registration mail to this address. */
    public static String passwordMailedTo(String email) {
        String body = body(awaitMailTo(email));
        Matcher m = PASSWORD.matcher(body);
        assertTrue(m.find(), "the mail carries the password: " + body);
        return m.group(1);
    }

    public static String recipient(MimeMessage m) {
        try {
            return m.getAllRecipients()[0].toString();
        } catch (MessagingException e) {
            return "";
        }
    }
}
