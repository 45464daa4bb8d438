package ru.coalition.support;

import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;

import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mail to the support mailbox as the desk reads it: who sent it, its ids for threading, and its text (plain text
 * preferred, HTML-only mails turned into text). Attachments are not kept; their names are.
 *
 * @param messageId   its Message-ID, or one made from its content when it has none
 * @param from        the sender's address, lower case
 * @param fromName    the sender's name as their mail program gives it, or null
 * @param references  the ids of In-Reply-To and References, newest first
 * @param automatic   an auto-reply (Auto-Submitted, an out-of-office): it never opens or reopens a ticket
 */
record IncomingMail(String messageId, String from, String fromName, String subject, List<String> references, String text,
                    List<String> attachments, boolean automatic) {

    private static final Pattern ID = Pattern.compile("<[^<>\\s]+>");

    static IncomingMail of(Message m) throws MessagingException, IOException {
        InternetAddress sender = sender(m);
        String from = sender == null ? "" : sender.getAddress().toLowerCase(Locale.ROOT);
        String name = sender == null || sender.getPersonal() == null || sender.getPersonal().isBlank() ? null : sender.getPersonal().strip();
        String subject = m.getSubject() == null ? "" : m.getSubject().strip();
        LinkedHashSet<String> refs = new LinkedHashSet<>(ids(m.getHeader("In-Reply-To")));
        List<String> older = ids(m.getHeader("References"));
        for (int i = older.size() - 1; i >= 0; i--) {
            refs.add(older.get(i));
        }
        Body body = new Body();
        body.read(m);
        String text = body.plain != null ? MailText.tidy(body.plain) : body.html != null ? MailText.fromHtml(body.html) : "";
        String[] auto = m.getHeader("Auto-Submitted");
        boolean automatic = auto != null && auto.length > 0 && !"no".equalsIgnoreCase(auto[0].strip());
        String messageId = first(ids(m.getHeader("Message-ID")));
        if (messageId == null) {
            messageId = "<" + sha256(from + "\n" + m.getSentDate() + "\n" + subject + "\n" + text) + "@no-message-id>";
        }
        return new IncomingMail(messageId, from, name, subject, List.copyOf(refs), text, List.copyOf(body.attachments), automatic);
    }

    private static InternetAddress sender(Message m) throws MessagingException {
        var replyTo = m.getReplyTo();
        var from = m.getFrom();
        var all = from != null && from.length > 0 ? from : replyTo;
        if (all == null || all.length == 0 || !(all[0] instanceof InternetAddress a)) {
            return null;
        }
        return a;
    }

    static List<String> ids(String[] headers) {
        List<String> out = new ArrayList<>();
        if (headers == null) {
            return out;
        }
        for (String h : headers) {
            Matcher matcher = ID.matcher(h);
            while (matcher.find()) {
                if (matcher.group().length() <= 998) {
                    out.add(matcher.group());
                }
            }
        }
        return out;
    }

    private static String first(List<String> ids) {
        return ids.isEmpty() ? null : ids.get(0);
    }

    /** The first plain-text and the first HTML part that are not attachments, and the attachments' names. */
    private static final class Body {
        String plain;
        String html;
        final List<String> attachments = new ArrayList<>();

        void read(Part part) throws MessagingException, IOException {
            String disposition = part.getDisposition();
            String fileName = fileName(part);
            if (Part.ATTACHMENT.equalsIgnoreCase(disposition) || (fileName != null && !part.isMimeType("multipart/*"))) {
                attachments.add(fileName == null ? "?" : fileName);
                return;
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multi = (Multipart) part.getContent();
                for (int i = 0; i < multi.getCount(); i++) {
                    BodyPart child = multi.getBodyPart(i);
                    read(child);
                }
            } else if (part.isMimeType("message/rfc822")) {
                attachments.add(fileName == null ? "message.eml" : fileName);
            } else if (part.isMimeType("text/plain") && plain == null) {
                plain = String.valueOf(part.getContent());
            } else if (part.isMimeType("text/html") && html == null) {
                html = String.valueOf(part.getContent());
            } else if (!part.isMimeType("text/*")) {
                attachments.add(fileName == null ? "?" : fileName);
            }
        }

        private static String fileName(Part part) throws MessagingException {
            String name = part.getFileName();
            if (name == null) {
                return null;
            }
            try {
                return MimeUtility.decodeText(name);
            } catch (UnsupportedEncodingException e) {
                return name;
            }
        }
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
