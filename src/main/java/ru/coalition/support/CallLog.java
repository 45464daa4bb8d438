package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The phone channel (issue 11 §2): an agent logs a call, and the call opens a ticket (channel PHONE) or adds to the
 * ticket the agent names. The caller is found by the card number the agent asks for, else by the number they call
 * from; an unknown caller's ticket has no member. The call's summary is written into the ticket as the caller's words
 * (a public message signed with the caller's name or number, so the member reads in the cabinet what the desk noted);
 * the call itself, with its outcome and the agent, is kept in the call log, which never changes.
 */
@ApplicationScoped
@Transactional
public class CallLog {

    public static final List<String> OUTCOMES = List.of("answered", "ticket-opened", "callback-needed");

    @Schema(name = "CallLogged", description = "A phone call to log")
    public record Call(
            @Schema(description = "The number the member calls from, as heard or shown", examples = "+7 910 123-45-67")
            @NotBlank(message = "{coalition.field.required}") @Size(max = 32, message = "{coalition.field.too-long}") String phone,
            @Schema(description = "The card number the member gave, if any (spaces allowed); it names the member before the phone does")
            @Size(max = 32, message = "{coalition.field.too-long}") String card,
            @Schema(description = "What the member wanted and what was said")
            @NotBlank(message = "{coalition.field.required}") @Size(max = 10000, message = "{coalition.field.too-long}") String summary,
            @Schema(description = "answered, ticket-opened or callback-needed")
            @NotBlank(message = "{coalition.field.required}") @Pattern(regexp = "answered|ticket-opened|callback-needed", message = "{coalition.field.choice}") String outcome,
            @Schema(description = "The new ticket's category (question when empty)")
            @Pattern(regexp = "question|complaint|missing-points|account|other", message = "{coalition.field.choice}") String category,
            @Schema(description = "The partner the call concerns (slug), if any") @Size(max = 64, message = "{coalition.field.too-long}") String partner,
            @Schema(description = "The new ticket's subject (the summary's first line when empty)") @Size(max = 200, message = "{coalition.field.too-long}") String subject,
            @Schema(description = "A ticket the call is about: the summary is added to it instead of opening a new one") UUID ticketId) {
    }

    @Schema(name = "CallInLog")
    public record Logged(UUID callId, Instant at, String callerPhone,
                         @Schema(description = "The member's card, when the caller was found") String memberCard,
                         @Schema(description = "The member's name, when the caller was found") String memberName,
                         String summary, String outcome, String agent, UUID ticketId, String ticketNumber,
                         @Schema(description = "Whether this call opened the ticket") boolean opened) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Tickets tickets;

    @Inject
    MemberService members;

    @Inject
    CoalitionConfig config;

    /** The member a card or phone names, for the agent's form (exact card number or phone in any form). */
    public Optional<Member> caller(String card, String phone) {
        if (card != null && !card.isBlank()) {
            return members.find(card.replaceAll("\\D", "").length() == 16 ? card : "-").filter(m -> !Member.DELETED.equals(m.status));
        }
        return members.find(phone).filter(m -> !Member.DELETED.equals(m.status));
    }

    public Logged log(Call call, String agent) {
        Optional<Member> member = caller(call.card(), call.phone());
        if (call.card() != null && !call.card().isBlank() && member.isEmpty()) {
            throw new ProblemException(ErrorCode.CALL_CARD_UNKNOWN);
        }
        String phone = call.phone().strip();
        String author = member.map(Tickets::name).orElse(phone);
        String summary = call.summary().strip();
        UUID ticketId;
        boolean opened = call.ticketId() == null;
        if (opened) {
            String subject = call.subject() == null || call.subject().isBlank() ? firstLine(summary) : call.subject().strip();
            String category = call.category() == null || call.category().isBlank() ? "question" : call.category();
            ticketId = tickets.open(member.map(m -> m.id).orElse(null), author,
                    new Tickets.Opening(subject, summary, category, blankToNull(call.partner()), null), Tickets.Channel.PHONE).ticketId();
        } else {
            ticketId = call.ticketId();
            tickets.reply(ticketId, author, summary);
        }
        long id = tickets.rowId(ticketId);
        Instant now = clock.instant();
        UUID callId = UUID.randomUUID();
        em.createNativeQuery("insert into support_call (public_id, ticket_id, member_id, caller_phone, summary, outcome, agent, at)"
                        + " values (:pub, :t, :m, :p, :s, :o, :a, :at)")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("pub", callId).setParameter("t", id).setParameter("m", member.map(m -> m.id).orElse(null), Long.class)
                .setParameter("p", phone).setParameter("s", summary).setParameter("o", call.outcome()).setParameter("a", agent)
                .setParameter("at", now).executeUpdate();
        tickets.event(id, agent, "call-logged", call.outcome(), now);
        return one(callId);
    }

    /** The calls of one day in the operator's zone, newest first. */
    public List<Logged> onDay(LocalDate day) {
        ZoneId zone = ZoneId.of(config.operatorZone());
        return list(" where c.at >= :from and c.at < :to order by c.at desc, c.id desc limit 500", q -> q
                .setParameter("from", day.atStartOfDay(zone).toInstant()).setParameter("to", day.plusDays(1).atStartOfDay(zone).toInstant()));
    }

    /** Today in the operator's zone. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(config.operatorZone()));
    }

    /** The calls about one ticket, oldest first; 404 for an unknown ticket. */
    public List<Logged> ofTicket(UUID ticketId) {
        long id = tickets.rowId(ticketId);
        return list(" where c.ticket_id = :t order by c.id", q -> q.setParameter("t", id));
    }

    private Logged one(UUID callId) {
        return list(" where c.public_id = :c", q -> q.setParameter("c", callId)).get(0);
    }

    private static final String SELECT = "select c.public_id, c.at, c.caller_phone, c.member_id, c.summary, c.outcome, c.agent,"
            + " t.public_id as ticket, t.number, (select min(c2.id) from support_call c2 where c2.ticket_id = c.ticket_id) = c.id"
            + " and t.channel = 'PHONE' from support_call c join support_ticket t on t.id = c.ticket_id";

    private List<Logged> list(String where, java.util.function.UnaryOperator<jakarta.persistence.Query> params) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = params.apply(em.createNativeQuery(SELECT + where)).getResultList();
        return rows.stream().map(r -> {
            Optional<Member> m = r[3] == null ? Optional.empty() : members.byId(((Number) r[3]).longValue());
            return new Logged((UUID) r[0], SqlValues.toInstant(r[1]), (String) r[2], m.map(x -> x.cardNumber).orElse(null),
                    m.map(Tickets::name).orElse(null), (String) r[4], (String) r[5], (String) r[6], (UUID) r[7], (String) r[8],
                    Boolean.TRUE.equals(r[9]));
        }).toList();
    }

    private static String firstLine(String text) {
        String line = text.lines().filter(l -> !l.isBlank()).findFirst().orElse(text).strip();
        return line.length() <= 80 ? line : line.substring(0, 79) + "…";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
