package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.messaging.Outbox;
import ru.coalition.platform.Messages;
import ru.coalition.platform.SupportMsg;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Staff's public replies go out by mail (issue 11 §2): to the ticket's member when they have an address, or to the
 * sender of a ticket without a member. The mail is queued in the outbox in the reply's own transaction, from the
 * support mailbox, as {@code Re: <subject> [S-…]}, threaded after the last mail of the ticket (In-Reply-To, References);
 * its Message-ID is recorded so the member's answer finds the ticket. Internal notes never go out; nothing goes out
 * while the mailbox is disabled (replies would come back to no one).
 */
@ApplicationScoped
public class MailReplies {

    /** At most this many earlier ids in References (the newest ones). */
    private static final int REFERENCES = 20;

    @Inject
    EntityManager em;

    @Inject
    Outbox outbox;

    @Inject
    MemberService members;

    @Inject
    MailboxConfig mailbox;

    @Inject
    MailTickets mails;

    @Transactional(Transactional.TxType.MANDATORY)
    void answered(@Observes Tickets.Answered answer) {
        if (!mailbox.enabled()) {
            return;
        }
        Object[] t = (Object[]) em.createNativeQuery("select number, subject, member_id, contact_email from support_ticket where id = :id")
                .setParameter("id", answer.id()).getSingleResult();
        String to = (String) t[3];
        Long memberId = t[2] == null ? null : ((Number) t[2]).longValue();
        Locale locale = Locale.of("ru");
        if (memberId != null) {
            Member m = members.byId(memberId).orElse(null);
            to = m == null || m.email == null || m.email.isBlank() || Member.DELETED.equals(m.status) ? null : m.email;
            locale = Locale.of(m == null || m.language == null ? "ru" : m.language);
        }
        if (to == null) {
            return;
        }
        String number = (String) t[0];
        SupportMsg texts = Messages.support(locale);
        @SuppressWarnings("unchecked")
        List<Object[]> earlier = em.createNativeQuery("select message_id, direction from support_mail where ticket_id = :t order by id desc limit "
                + REFERENCES).setParameter("t", answer.id()).getResultList();
        String messageId = "<" + number.toLowerCase(Locale.ROOT) + "." + UUID.randomUUID() + "@" + domain(mailbox.address()) + ">";
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("From", from(mailbox.displayName(), mailbox.address()));
        headers.put("Reply-To", mailbox.address());
        headers.put("Message-ID", messageId);
        // the member's last mail if there is one (their program threads under it), else the desk's last
        earlier.stream().filter(r -> "IN".equals(r[1])).findFirst().or(() -> earlier.stream().findFirst())
                .ifPresent(r -> headers.put("In-Reply-To", (String) r[0]));
        if (!earlier.isEmpty()) {
            headers.put("References", String.join(" ", earlier.reversed().stream().map(r -> (String) r[0]).toList()));
        }
        headers.put("Auto-Submitted", "no");
        String subject = texts.mailReplySubject((String) t[1], number);
        String text = answer.body() + "\n\n-- \n" + texts.mailReplySignature(answer.agent(), number);
        outbox.emailText("support-reply", to, subject, text, memberId, headers);
        mails.record(messageId, answer.id(), "OUT");
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "coalition.local" : address.substring(at + 1);
    }

    private static String from(String name, String address) {
        try {
            return new jakarta.mail.internet.InternetAddress(address, name, "UTF-8").toString();
        } catch (java.io.UnsupportedEncodingException e) {
            return address;
        }
    }
}
