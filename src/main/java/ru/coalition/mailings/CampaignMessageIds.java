package ru.coalition.mailings;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Message-ID every campaign mail carries, {@code <c{campaignId}.m{memberId}.{random}@{mail domain}>}: a bounce
 * notice that quotes it names the campaign and the member the bounce is for. The sending engine makes them with
 * {@link #of}; the bounce readers parse them with {@link #parse}.
 */
public final class CampaignMessageIds {

    /** The header that names the campaign beside the Message-ID. */
    public static final String CAMPAIGN_HEADER = "X-Coalition-Campaign";

    private static final Pattern ID = Pattern.compile("<c(\\d{1,18})\\.m(\\d{1,18})\\.[^@<>\\s]+@[^<>\\s]+>");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The campaign and member a Message-ID names. */
    public record Ref(long campaignId, long memberId) {
    }

    private CampaignMessageIds() {
    }

    /** A new Message-ID for the mail of one campaign to one member. */
    public static String of(long campaignId, long memberId, String domain) {
        byte[] random = new byte[8];
        RANDOM.nextBytes(random);
        return "<c" + campaignId + ".m" + memberId + "." + HexFormat.of().formatHex(random) + "@" + domain + ">";
    }

    /** The campaign and member of a header value holding such a Message-ID (the first one it holds), if any. */
    public static Optional<Ref> parse(String header) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = ID.matcher(header);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new Ref(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
    }

    /** The campaign an X-Coalition-Campaign header names, if it is a number. */
    public static Optional<Long> campaign(String header) {
        if (header == null) {
            return Optional.empty();
        }
        String v = header.strip();
        return v.matches("\\d{1,18}") ? Optional.of(Long.parseLong(v)) : Optional.empty();
    }
}
