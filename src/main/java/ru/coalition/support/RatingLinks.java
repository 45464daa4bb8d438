package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;

/**
 * The token of a rating link: the ticket's public id and the link's expiry, signed with HMAC-SHA-256 under a key from
 * the environment (SUPPORT_RATING_LINK_KEY). Whoever holds the link may rate that one ticket until it expires, with no
 * sign-in; nothing is stored per link. Token: base64url(16 bytes id + 8 bytes expiry in epoch seconds + 32 bytes MAC).
 */
@ApplicationScoped
public class RatingLinks {

    private static final int MIN_KEY_BYTES = 32;
    private static final int BODY = 16 + 8;
    private static final int MAC = 32;

    private final SecretKeySpec key;

    /** A link that checked out: the ticket it is for and until when it works. */
    public record Verified(UUID ticketId, Instant expiresAt) {
    }

    @Inject
    public RatingLinks(SatisfactionConfig config) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(config.linkKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("SUPPORT_RATING_LINK_KEY is not base64");
        }
        if (k.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("SUPPORT_RATING_LINK_KEY must hold at least " + MIN_KEY_BYTES + " random bytes (base64)");
        }
        this.key = new SecretKeySpec(k, "HmacSHA256");
    }

    public String issue(UUID ticketId, Instant expiresAt) {
        ByteBuffer b = ByteBuffer.allocate(BODY + MAC);
        b.putLong(ticketId.getMostSignificantBits()).putLong(ticketId.getLeastSignificantBits()).putLong(expiresAt.getEpochSecond());
        b.put(mac(Arrays.copyOf(b.array(), BODY)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** The ticket a token names; a forged or damaged one is refused as invalid, an old one as expired. */
    public Verified verify(String token, Instant now) {
        byte[] raw;
        try {
            raw = token == null || token.length() > 200 ? null : Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.length != BODY + MAC
                || !MessageDigest.isEqual(mac(Arrays.copyOf(raw, BODY)), Arrays.copyOfRange(raw, BODY, BODY + MAC))) {
            throw new ProblemException(ErrorCode.RATING_LINK_INVALID);
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        UUID ticket = new UUID(b.getLong(), b.getLong());
        Instant expires = Instant.ofEpochSecond(b.getLong());
        if (!now.isBefore(expires)) {
            throw new ProblemException(ErrorCode.RATING_LINK_EXPIRED);
        }
        return new Verified(ticket, expires);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
