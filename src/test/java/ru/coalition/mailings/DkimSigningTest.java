package ru.coalition.mailings;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import ru.coalition.members.Consent;
import ru.coalition.messaging.Outbox;
import ru.coalition.testing.Inbox;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With a DKIM key configured (quarkus.mailer.dkim.*, as DKIM_ENABLED and DKIM_PRIVATE_KEY set them), a marketing mail
 * reaches the SMTP server (GreenMail) signed, and the signature covers List-Unsubscribe and List-Unsubscribe-Post
 * (RFC 8058 §4): nobody on the way can change or add them without breaking it.
 */
@QuarkusTest
@TestProfile(DkimSigningTest.WithKey.class)
class DkimSigningTest {

    /** A fresh 2048-bit RSA key, PKCS#8 in base64 as DKIM_PRIVATE_KEY takes it. */
    public static class WithKey implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                String key = Base64.getEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded());
                return Map.of("quarkus.mailer.dkim.enabled", "true", "quarkus.mailer.dkim.private-key", key,
                        "quarkus.mailer.dkim.sdid", "coalition.test", "quarkus.mailer.dkim.selector", "t1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final Pattern TAG = Pattern.compile("(?:^|;)\\s*([a-z]+)\\s*=\\s*([^;]*)");

    @Inject
    Outbox outbox;

    @Inject
    UnsubscribeLinks links;

    @Test
    void theUnsubscribeHeadersAreInTheSignedSet() throws Exception {
        String to = "dkim-" + System.nanoTime() + "@example.org";
        Map<String, String> headers = links.headers(1, 2, Consent.Kind.MARKETING_EMAIL);
        QuarkusTransaction.requiringNew().run(() -> outbox.emailText("campaign.dkim", to, "DKIM check", "Hello", null, headers));
        MimeMessage mail = Inbox.awaitMailTo(to, "DKIM check");
        String[] signatures = mail.getHeader("DKIM-Signature");
        assertNotNull(signatures, "signed");
        Map<String, String> tags = new java.util.HashMap<>();
        Matcher m = TAG.matcher(signatures[0].replaceAll("\\s+", " "));
        while (m.find()) {
            tags.put(m.group(1), m.group(2).replace(" ", ""));
        }
        assertEquals("coalition.test", tags.get("d"));
        assertEquals("t1", tags.get("s"));
        List<String> signed = Arrays.stream(tags.get("h").split(":")).map(h -> h.toLowerCase(Locale.ROOT)).toList();
        assertTrue(signed.contains("list-unsubscribe") && signed.contains("list-unsubscribe-post") && signed.contains("from"),
                "h=" + tags.get("h"));
        assertEquals(headers.get("List-Unsubscribe-Post"), mail.getHeader("List-Unsubscribe-Post")[0]);
        assertTrue(mail.getHeader("List-Unsubscribe")[0].contains("/u/"), mail.getHeader("List-Unsubscribe")[0]);
    }
}
