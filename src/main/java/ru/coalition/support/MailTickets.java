package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.platform.Messages;
import ru.coalition.platform.SqlValues;
import ru.coalition.platform.SupportMsg;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mails to the support mailbox become tickets or replies (issue 11 §2). A mail belongs to a ticket when
 * <ul>
 *   <li>its In-Reply-To or References names a mail the desk received or sent for that ticket, or</li>
 *   <li>its subject carries the ticket's number in brackets ({@code [S-2026-000123]}) and it comes from the ticket's
 *   member or sender (a number is easy to guess; a Message-ID the desk made is not);</li>
 * </ul>
 * otherwise it opens a new ticket (channel EMAIL, category question). The sender is matched to a member by address;
 * an unknown sender's ticket has no member and keeps their address and name. Each mail is taken once: its Message-ID
 * is recorded in the same transaction.
 */
@ApplicationScoped
@Transactional
public class MailTickets {

    /** What became of a mail. */
    public enum Taken { OPENED, REPLIED, ALREADY_TAKEN, IGNORED }

    public record Outcome(Taken taken, UUID ticketId) {
    }

    private static final Pattern NUMBER = Pattern.compile("\\[(S-\\d{4}-\\d{6})]");
    private static final Pattern PREFIX = Pattern.compile("^((re|fwd?|aw|ответ|отв|пересл)\\s*(\\[\\d+])?\\s*:\\s*)+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Tickets tickets;

    @Inject
    MemberService members;

    @Inject
    MailboxConfig mailbox;

    public Outcome take(IncomingMail mail) {
        if (!em.createNativeQuery("select 1 from support_mail where message_id = :id").setParameter("id", mail.messageId())
                .getResultList().isEmpty()) {
            return new Outcome(Taken.ALREADY_TAKEN, null);
        }
        if (mail.automatic() || mail.from().isEmpty() || mail.from().equalsIgnoreCase(mailbox.address())) {
            return new Outcome(Taken.IGNORED, null);
        }
        SupportMsg texts = Messages.support(Locale.of("ru"));
        Optional<Member> member = members.byEmail(mail.from());
        String author = member.map(Tickets::name).orElseGet(() -> mail.fromName() != null ? mail.fromName() : mail.from());
        String ending = mail.attachments().isEmpty() ? null : texts.mailAttachmentsNotKept(String.join(", ", mail.attachments()));
        String text = mail.text().isBlank() ? texts.mailEmptyBody() : MailText.withoutQuotes(mail.text());
        String body = MailText.limited(text, ending);

        Optional<Object[]> thread = thread(mail, member);
        if (thread.isPresent()) {
            UUID ticketId = (UUID) thread.get()[1];
            tickets.reply(ticketId, author, body);
            record(mail.messageId(), ((Number) thread.get()[0]).longValue(), "IN");
            return new Outcome(Taken.REPLIED, ticketId);
        }
        String subject = subject(mail.subject());
        Tickets.Opened opened = tickets.open(member.map(m -> m.id).orElse(null), author,
                new Tickets.Opening(subject.isEmpty() ? texts.mailNoSubject() : subject, body, "question", null, null),
                Tickets.Channel.EMAIL);
        long id = tickets.rowId(opened.ticketId());
        if (member.isEmpty()) {
            em.createNativeQuery("update support_ticket set contact_email = :e, contact_name = :n where id = :id")
                    .unwrap(org.hibernate.query.NativeQuery.class)
                    .setParameter("e", cut(mail.from(), 254)).setParameter("n", mail.fromName() == null ? null : cut(mail.fromName(), 200), String.class)
                    .setParameter("id", id).executeUpdate();
        }
        record(mail.messageId(), id, "IN");
        return new Outcome(Taken.OPENED, opened.ticketId());
    }

    /**
     * The ticket (row id, public id) a mail answers, if any: by the ids it names, then by the number in its subject. A
     * ticket that takes no more replies (closed, or solved over 7 days ago) is none: the mail opens a new ticket, as
     * the cabinet asks the member to.
     */
    private Optional<Object[]> thread(IncomingMail mail, Optional<Member> member) {
        return threadNamed(mail, member).filter(t -> {
            Tickets.State state = Tickets.State.valueOf((String) t[4]);
            return state != Tickets.State.CLOSED && (state != Tickets.State.SOLVED || t[5] == null
                    || clock.instant().isBefore(SqlValues.toInstant(t[5]).plus(Tickets.REOPEN_WITHIN)));
        });
    }

    private Optional<Object[]> threadNamed(IncomingMail mail, Optional<Member> member) {
        if (!mail.references().isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select t.id, t.public_id, t.member_id, t.contact_email, t.state, t.solved_at"
                            + " from support_mail m join support_ticket t on t.id = m.ticket_id"
                            + " where m.message_id in (:ids) order by m.id desc limit 1")
                    .setParameter("ids", mail.references()).getResultList();
            if (!rows.isEmpty()) {
                return Optional.of(rows.get(0));
            }
        }
        Matcher number = NUMBER.matcher(mail.subject());
        if (number.find()) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select t.id, t.public_id, t.member_id, t.contact_email, t.state, t.solved_at from support_ticket t"
                    + " where t.number = :n").setParameter("n", number.group(1)).getResultList();
            if (!rows.isEmpty()) {
                Object[] t = rows.get(0);
                boolean sameMember = t[2] != null && member.isPresent() && ((Number) t[2]).longValue() == member.get().id;
                boolean sameSender = t[3] != null && mail.from().equalsIgnoreCase((String) t[3]);
                if (sameMember || sameSender) {
                    return Optional.of(t);
                }
            }
        }
        return Optional.empty();
    }

    /** A mail the desk took in or sent for a ticket, by its Message-ID. */
    void record(String messageId, long ticketId, String direction) {
        em.createNativeQuery("insert into support_mail (message_id, ticket_id, direction, at) values (:m, :t, :d, :at)")
                .setParameter("m", messageId).setParameter("t", ticketId).setParameter("d", direction).setParameter("at", clock.instant())
                .executeUpdate();
    }

    /** The subject without "Re:"/"Fwd:" and without a ticket number, at most 200 characters. */
    static String subject(String raw) {
        String s = NUMBER.matcher(raw == null ? "" : raw).replaceAll(" ");
        s = PREFIX.matcher(s.strip()).replaceFirst("").replaceAll("\\s+", " ").strip();
        return cut(s, 200);
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
