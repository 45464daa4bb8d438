package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.platform.CoalitionConfig;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens and clicks of a campaign's mail (issue 12 §6), when the campaign tracks them: a 1×1 pixel {@code /t/o/{token}}
 * and redirect links {@code /t/c/{token}?u=<target>}. A token names the campaign and the member and is signed (HMAC-SHA256
 * under MAILING_LINK_KEY, apart from the unsubscribe tokens by its own prefix); a click token also signs its target, and
 * the target must be a link of that campaign's own body, so the redirect never goes anywhere else.
 */
@ApplicationScoped
public class Tracking {

    public enum Kind {
        OPEN, CLICK
    }

    /** A token that checked out. */
    public record Verified(long campaignId, long memberId) {
    }

    private static final int BODY = 8 + 8 + 1;
    private static final int MAC = 16;
    private static final Pattern HREF = Pattern.compile("<a href=\"(https?://[^\"]+)\"");
    private static final byte[] DOMAIN = "coalition-tracking:".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec key;
    private final String publicUrl;

    @Inject
    CampaignRenderer renderer;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** The links of a campaign's body in every language, by campaign id and version. */
    private final Map<String, Set<String>> links = new ConcurrentHashMap<>();

    @Inject
    public Tracking(MailingsConfig mailings, CoalitionConfig config) {
        this.key = new SecretKeySpec(Base64.getDecoder().decode(mailings.linkKey().trim()), "HmacSHA256");
        this.publicUrl = config.publicUrl().replaceAll("/+$", "");
    }

    public String token(Kind kind, long campaignId, long memberId, String url) {
        ByteBuffer b = ByteBuffer.allocate(BODY + MAC);
        b.putLong(campaignId).putLong(memberId).put((byte) kind.ordinal());
        b.put(mac(Arrays.copyOf(b.array(), BODY), url));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    }

    /** The campaign and member of a genuine token of this kind (and, for a click, this target); empty otherwise. */
    public Optional<Verified> verify(Kind kind, String token, String url) {
        byte[] raw;
        try {
            raw = token == null || token.length() > 64 ? null : Base64.getUrlDecoder().decode(token.trim());
        } catch (IllegalArgumentException e) {
            raw = null;
        }
        if (raw == null || raw.length != BODY + MAC || raw[BODY - 1] != kind.ordinal()
                || !MessageDigest.isEqual(mac(Arrays.copyOf(raw, BODY), url), Arrays.copyOfRange(raw, BODY, BODY + MAC))) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(raw);
        return Optional.of(new Verified(b.getLong(), b.getLong()));
    }

    /** The member's mail with its links turned into redirect links and the pixel added, as the campaign asks. */
    public String instrument(Campaign c, long memberId, String html) {
        String out = html;
        if (c.trackClicks) {
            Matcher m = HREF.matcher(out);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String url = unescape(m.group(1));
                String replacement = url.startsWith(publicUrl + "/u/") ? m.group()
                        : "<a href=\"" + publicUrl + "/t/c/" + token(Kind.CLICK, c.id, memberId, url) + "?u="
                        + URLEncoder.encode(url, StandardCharsets.UTF_8) + "\"";
                m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
            }
            m.appendTail(sb);
            out = sb.toString();
        }
        if (c.trackOpens) {
            String pixel = "<img src=\"" + publicUrl + "/t/o/" + token(Kind.OPEN, c.id, memberId, null)
                    + "\" width=\"1\" height=\"1\" alt=\"\" style=\"display:block;border:0\">";
            int body = out.lastIndexOf("</body>");
            out = body < 0 ? out + pixel : out.substring(0, body) + pixel + out.substring(body);
        }
        return out;
    }

    /** Whether the URL is one of the campaign's own links (of its body in any language). */
    public boolean isLinkOf(Campaign c, String url) {
        Set<String> own = links.computeIfAbsent(c.id + "/" + c.version, k -> {
            Set<String> found = new HashSet<>();
            for (String lang : new String[] {"ru", "en"}) {
                Matcher m = HREF.matcher(renderer.render(c, new CampaignRenderer.Reader("", ""), lang).html());
                while (m.find()) {
                    found.add(unescape(m.group(1)));
                }
            }
            return found;
        });
        if (links.size() > 500) {
            links.clear();
        }
        return own.contains(url);
    }

    @Transactional
    public void record(Kind kind, Verified v, String url) {
        em.createNativeQuery("insert into campaign_event (campaign_id, member_id, kind, url, at) values (:c, :m, :k, :u, :at)")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("c", v.campaignId()).setParameter("m", v.memberId()).setParameter("k", kind.name())
                .setParameter("u", url, String.class).setParameter("at", clock.instant())
                .executeUpdate();
    }

    static String unescape(String attribute) {
        return attribute.replace("&amp;", "&").replace("&#61;", "=").replace("&#64;", "@").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">");
    }

    private byte[] mac(byte[] body, String url) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(DOMAIN);
            mac.update(body);
            if (url != null) {
                mac.update(url.getBytes(StandardCharsets.UTF_8));
            }
            return Arrays.copyOf(mac.doFinal(), MAC);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
