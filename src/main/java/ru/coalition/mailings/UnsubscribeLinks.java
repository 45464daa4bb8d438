package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.members.Consent;
import ru.coalition.platform.CoalitionConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one-click unsubscribe link of a marketing message (RFC 8058): a token naming the member, the campaign and the
 * consent it withdraws, signed with HMAC-SHA256 under MAILING_LINK_KEY. It works without sign-in and never expires
 * (a member may unsubscribe from an old mail); whoever holds it can only withdraw that one consent.
 */
@ApplicationScoped
public class UnsubscribeLinks {

    private static final int MIN_KEY_BYTES = 32;
    private static final int BODY = 8 + 8 + 1;
    // 128 bits of the MAC: forging one still takes 2^128 tries, and the link stays short enough for an SMS
    private static final int MAC = 16;

    /** A token that checked out. */
    public record Verified(long memberId, long campaignId, Consent.Kind kind) {
    }

    private final SecretKeySpec key;
    private final String publicUrl;
    private final String mailbox;

    @Inject
    public UnsubscribeLinks(MailingsConfig mailings, CoalitionConfig config) {
        byte[] k;
        try {
            k = Base64.getDecoder().decode(mailings.linkKey().trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("MAILING_LINK_KEY is not base64");
        }
        if (k.length < MIN_KEY_BYTES) {
            throw new IllegalStateException("MAILING_LINK_KEY must hold at least " + MIN_KEY_BYTES + " random bytes (base64)");
        }
        this.key = new SecretKeySpec(k, "HmacSHA256");
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
        this.mailbox = mailings.unsubscribeAddress();
    }

    public String token(long memberId, long campaignId, Consent.Kind kind) {
        ByteBuffer b = ByteBuffer.allocate(BODY + MAC);
        b.putLong(memberId).putLong(campaignId).put((byte) kind.ordinal());
        b.put(mac(Arrays.copyOf(b.array(), BODY)));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** The member, campaign and consent of a genuine token; empty for a forged, damaged or foreign one. */
    public Optional<Verified> verify(String token) {
        byte[] raw;
        try {
            raw = token == null || token.length() > 100 ? null : Base64.getUrlDecoder().decode(token.trim());
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.length != BODY + MAC
                || !MessageDigest.isEqual(mac(Arrays.copyOf(raw, BODY)), Arrays.copyOfRange(raw, BODY, BODY + MAC))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        long member = b.getLong();
        long campaign = b.getLong();
        int kind = b.get();
        if (kind < 0 || kind >= Consent.Kind.values().length || Consent.Kind.values()[kind].purpose == null) {
            return Optional.empty();
        }
        return Optional.of(new Verified(member, campaign, Consent.Kind.values()[kind]));
    }

    public String url(String token) {
        return publicUrl + "/u/" + token;
    }

    public String mailto(String token) {
        return "mailto:" + mailbox + "?subject=" + URLEncoder.encode("unsubscribe " + token, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** List-Unsubscribe (URL and mailto) and List-Unsubscribe-Post for one marketing e-mail (RFC 2369, RFC 8058). */
    public Map<String, String> headers(long memberId, long campaignId, Consent.Kind kind) {
        String token = token(memberId, campaignId, kind);
        Map<String, String> h = new LinkedHashMap<>();
        h.put("List-Unsubscribe", "<" + url(token) + ">, <" + mailto(token) + ">");
        h.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return h;
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Arrays.copyOf(mac.doFinal(body), MAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
