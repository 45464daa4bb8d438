package ru.coalition.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Standard Webhooks' signature: HMAC-SHA256 keyed with the secret's bytes (whsec_ + base64) over
 * "{webhook-id}.{webhook-timestamp}.{body}", sent as "v1,&lt;base64&gt;"; several space-separated while a secret is
 * rotated.
 */
public final class WebhookSignature {

    public static final String PREFIX = "whsec_";
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSignature() {
    }

    /** A new secret: 32 random bytes. */
    public static String newSecret() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    public static String sign(String secret, String id, long timestamp, String body) {
        byte[] key = Base64.getDecoder().decode(secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] sig = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(sig);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The header value: the current secret's signature, and the previous one's while it is still honoured. */
    public static String header(String secret, String previousSecret, String id, long timestamp, String body) {
        String current = sign(secret, id, timestamp, body);
        return previousSecret == null ? current : current + " " + sign(previousSecret, id, timestamp, body);
    }

    /** Whether any v1 signature of the header is right for the secret (what a receiver does; used by our tests and docs). */
    public static boolean verify(String secret, String id, long timestamp, String body, String header) {
        byte[] expected = sign(secret, id, timestamp, body).getBytes(StandardCharsets.US_ASCII);
        for (String part : header.split(" ")) {
            if (java.security.MessageDigest.isEqual(expected, part.getBytes(StandardCharsets.US_ASCII))) {
                return true;
            }
        }
        return false;
    }
}
