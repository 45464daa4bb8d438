package ru.coalition.mailings;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.dsn.DeliveryStatus;
import org.eclipse.angus.mail.dsn.MessageHeaders;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads delivery status notifications (RFC 3464: a multipart/report of report-type delivery-status) with Angus' dsn
 * module: the reporting MTA's Action and Status per recipient (5.x.x a hard bounce, 4.x.x a soft one; without a Status,
 * Action failed is hard and delayed soft; delivered, relayed and expanded are no bounce), the final recipient, and the
 * original mail's headers (text/rfc822-headers, or the whole message/rfc822) for the campaign and member its
 * Message-ID names. The parts are read from their bytes, not through the mailcap's content handlers, so what the
 * class path registers does not matter.
 */
final class DeliveryReports {

    private static final Pattern STATUS = Pattern.compile("^\\s*([245])\\.(\\d{1,3})\\.(\\d{1,3})");

    /** One bounced recipient of a report. */
    record Recipient(String address, Bounces.Kind kind, String status, String diagnostic) {
    }

    /**
     * A report: its id (the report mail's Message-ID, or a digest of its bytes), the bounced recipients (none when it
     * only tells of deliveries), and the campaign and member of the original mail when its headers name them.
     */
    record Report(String reportId, List<Recipient> recipients, Long campaignId, Long memberId) {
    }

    /** A mail that says it is a delivery status notification but cannot be read as one. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }

        Malformed(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private DeliveryReports() {
    }

    /** Whether the mail is a delivery status notification at all (others are not bounces). */
    static boolean isReport(MimeMessage m) throws MessagingException {
        if (!m.isMimeType("multipart/report")) {
            return false;
        }
        String type;
        try {
            type = new ContentType(m.getContentType()).getParameter("report-type");
        } catch (MessagingException e) {
            return true; // claims to be a report; read() will tell it is malformed
        }
        return type == null || type.equalsIgnoreCase("delivery-status");
    }

    /** The report a DSN carries; {@link Malformed} when it claims to be one and is not readable. */
    static Report read(MimeMessage m, Session session) throws Malformed {
        try {
            String reportId = m.getMessageID();
            if (reportId == null || reportId.isBlank() || reportId.length() > 998) {
                reportId = "<" + digest(m) + "@no-message-id>";
            }
            Multipart parts = new MimeMultipart(m.getDataHandler().getDataSource());
            DeliveryStatus status = null;
            InternetHeaders original = null;
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                if (status == null && (part.isMimeType("message/delivery-status") || part.isMimeType("message/global-delivery-status"))) {
                    status = new DeliveryStatus(part.getInputStream());
                } else if (original == null && (part.isMimeType("text/rfc822-headers") || part.isMimeType("message/global-headers"))) {
                    original = headersOf(new MessageHeaders(part.getInputStream()));
                } else if (original == null && (part.isMimeType("message/rfc822") || part.isMimeType("message/global"))) {
                    original = headersOf(new MimeMessage(session, part.getInputStream()));
                }
            }
            if (status == null) {
                throw new Malformed("no message/delivery-status part");
            }
            List<Recipient> recipients = new ArrayList<>();
            for (int i = 0; i < status.getRecipientDSNCount(); i++) {
                recipient(status.getRecipientDSN(i)).ifPresent(recipients::add);
            }
            Long campaignId = null;
            Long memberId = null;
            if (original != null) {
                Optional<CampaignMessageIds.Ref> ref = CampaignMessageIds.parse(original.getHeader("Message-ID", " "));
                if (ref.isPresent()) {
                    campaignId = ref.get().campaignId();
                    memberId = ref.get().memberId();
                } else {
                    campaignId = CampaignMessageIds.campaign(original.getHeader(CampaignMessageIds.CAMPAIGN_HEADER, null)).orElse(null);
                }
            }
            return new Report(reportId, List.copyOf(recipients), campaignId, memberId);
        } catch (MessagingException | IOException | RuntimeException e) {
            throw new Malformed("not a readable delivery status notification: " + e.getMessage(), e);
        }
    }

    private static InternetHeaders headersOf(MimeMessage m) throws MessagingException {
        InternetHeaders h = new InternetHeaders();
        var all = m.getAllHeaders();
        while (all.hasMoreElements()) {
            var header = all.nextElement();
            h.addHeader(header.getName(), header.getValue());
        }
        return h;
    }

    /** A recipient's fields: a bounce when its Action and Status say so and its address is one. */
    static Optional<Recipient> recipient(InternetHeaders h) {
        String action = field(h, "Action");
        String status = field(h, "Status");
        String address = address(field(h, "Final-Recipient"));
        if (address == null) {
            address = address(field(h, "Original-Recipient"));
        }
        if (address == null) {
            return Optional.empty();
        }
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        if (a.equals("delivered") || a.equals("relayed") || a.equals("expanded")) {
            return Optional.empty();
        }
        Bounces.Kind kind = null;
        String code = null;
        Matcher s = status == null ? null : STATUS.matcher(status);
        if (s != null && s.find()) {
            code = s.group(1) + "." + s.group(2) + "." + s.group(3);
            kind = switch (s.group(1)) {
                case "5" -> Bounces.Kind.HARD;
                case "4" -> Bounces.Kind.SOFT;
                default -> null;
            };
        } else if (a.equals("failed")) {
            kind = Bounces.Kind.HARD;
        } else if (a.equals("delayed")) {
            kind = Bounces.Kind.SOFT;
        }
        if (kind == null) {
            return Optional.empty();
        }
        return Optional.of(new Recipient(address, kind, code, cut(field(h, "Diagnostic-Code"), 1000)));
    }

    private static String field(InternetHeaders h, String name) {
        String v = h.getHeader(name, " ");
        if (v == null) {
            return null;
        }
        v = MimeUtility.unfold(v).strip();
        return v.isEmpty() ? null : v;
    }

    /** "rfc822; Someone@Example.org" gives someone@example.org; anything that is not an address gives null. */
    static String address(String field) {
        if (field == null) {
            return null;
        }
        int semicolon = field.indexOf(';');
        String v = (semicolon >= 0 ? field.substring(semicolon + 1) : field).strip();
        if (v.startsWith("<") && v.endsWith(">")) {
            v = v.substring(1, v.length() - 1).strip();
        }
        v = v.toLowerCase(Locale.ROOT);
        return Bounces.isAddress(v) ? v : null;
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    private static String digest(Part m) throws MessagingException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        m.writeTo(bytes);
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.toByteArray()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
