package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.members.Member;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

/**
 * Support tickets (issue 11 §1): a ticket's life NEW → OPEN → PENDING_MEMBER → SOLVED → CLOSED, its public replies
 * and internal notes, and the history of who did what. A member's reply to a ticket waiting for them opens it again,
 * and so does a reply within 7 days of its solution; later the member opens a new one.
 */
@ApplicationScoped
@Transactional
public class Tickets {

    /** How long after its solution a member's reply still reopens a ticket. */
    public static final Duration REOPEN_WITHIN = Duration.ofDays(7);

    public enum State { NEW, OPEN, PENDING_MEMBER, SOLVED, CLOSED }

    public enum Channel { CABINET, PHONE, EMAIL, BOARD }

    /** What a member asks about, as the API names it. */
    public static final List<String> CATEGORIES = List.of("question", "complaint", "missing-points", "account", "other");

    /**
     * A new ticket as a channel brings it. A missing-points claim names the receipt, or the purchase's date and amount;
     * a complaint may name an order.
     */
    public record Opening(String subject, String body, String category, String partner, String receiptId,
                          LocalDate purchaseDate, java.math.BigDecimal purchaseAmount, String orderRef) {
        public Opening(String subject, String body, String category, String partner, String receiptId) {
            this(subject, body, category, partner, receiptId, null, null, null);
        }
    }

    @Schema(name = "TicketOpened")
    public record Opened(@Schema(description = "The ticket's id") UUID ticketId,
                         @Schema(description = "The number people read and say", examples = "S-2026-000123") String number,
                         @Schema(description = "NEW, OPEN, PENDING_MEMBER, SOLVED or CLOSED") String state) {
    }

    @Schema(name = "TicketSummary")
    public record Summary(UUID ticketId, String number, String subject, String category,
                          @Schema(description = "The partner it concerns (slug), if any") String partner, String state,
                          Instant createdAt, Instant updatedAt) {
    }

    @Schema(name = "TicketMessage")
    public record Message(@Schema(description = "MEMBER, AGENT, PARTNER or SYSTEM") String from,
                          @Schema(description = "Who wrote it, as the member sees it") String author, String body, Instant at) {
    }

    @Schema(name = "Ticket")
    public record View(UUID ticketId, String number, String subject, String category, String partner, String receiptId,
                       String state, Instant createdAt, Instant updatedAt, Instant solvedAt,
                       @Schema(description = "1–5 once the member rated the ticket") Integer rating,
                       @Schema(description = "Public replies, oldest first") List<Message> messages) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PartnerService partners;

    @Inject
    CoalitionConfig config;

    @Inject
    Satisfaction satisfaction;

    /** A ticket's id as a path names it; anything that is not an id answers 404, as a missing ticket. */
    public static UUID idOf(String path) {
        try {
            return UUID.fromString(path);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(ErrorCode.TICKET_NOT_FOUND);
        }
    }

    @Inject
    jakarta.enterprise.event.Event<Answered> answered;

    @Inject
    ServiceLevels levels;

    /** The ticket people name by its number (S-2026-000123, in any case), if there is one. */
    public java.util.Optional<UUID> findByNumber(String number) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("select public_id from support_ticket where number = :n")
                .setParameter("n", number == null ? "" : number.strip().toUpperCase(java.util.Locale.ROOT)).getResultList();
        return ids.stream().findFirst();
    }

    /** A member opens a ticket from the cabinet or the API. */
    public Opened open(Member member, Opening o, Channel channel) {
        return open(member.id, name(member), o, channel);
    }

    /**
     * A ticket as a channel opens it: for a member (null for a sender the desk does not know), with the opening
     * message written by the author as the member's words.
     */
    Opened open(Long memberId, String author, Opening o, Channel channel) {
        Long partnerId = null;
        if (o.partner() != null && !o.partner().isBlank()) {
            partnerId = partners.cachedBySlug(o.partner().trim())
                    .orElseThrow(() -> new ProblemException(ErrorCode.TICKET_PARTNER_UNKNOWN, o.partner().trim())).id;
        }
        Instant now = clock.instant();
        UUID publicId = UUID.randomUUID();
        String number = nextNumber(now);
        long id = ((Number) em.createNativeQuery("insert into support_ticket (public_id, number, member_id, partner_id, receipt_id,"
                        + " subject, category, priority, state, channel, created_at, updated_at, purchase_date, purchase_amount, order_ref)"
                        + " values (:pub, :no, :m, :p, :r, :s, :c, :pr, 'NEW', :ch, :t, :t, :pd, :pa, :or) returning id")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("pub", publicId).setParameter("no", number).setParameter("m", memberId, Long.class)
                .setParameter("p", partnerId, Long.class).setParameter("r", blankToNull(o.receiptId()), String.class)
                .setParameter("s", o.subject().trim()).setParameter("c", o.category())
                .setParameter("pr", "complaint".equals(o.category()) ? "HIGH" : "NORMAL")
                .setParameter("ch", channel.name()).setParameter("t", now)
                .setParameter("pd", o.purchaseDate(), LocalDate.class).setParameter("pa", o.purchaseAmount(), java.math.BigDecimal.class)
                .setParameter("or", blankToNull(o.orderRef()), String.class).getSingleResult()).longValue();
        message(id, "MEMBER", author, o.body().trim(), false, now);
        event(id, author, "opened", channel.name(), now);
        levels.opened(id);
        return new Opened(publicId, number, State.NEW.name());
    }

    /** The member's tickets, newest first. */
    public List<Summary> of(Member member) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.public_id, t.number, t.subject, t.category, p.slug, t.state, t.created_at,"
                        + " t.updated_at from support_ticket t left join partner p on p.id = t.partner_id"
                        + " where t.member_id = :m order by t.id desc")
                .setParameter("m", member.id).getResultList();
        return rows.stream().map(r -> new Summary((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                (String) r[5], SqlValues.toInstant(r[6]), SqlValues.toInstant(r[7]))).toList();
    }

    /** One of the member's tickets with its public replies; another member's answers 404 as a missing one. */
    public View view(Member member, UUID ticketId) {
        Object[] t = ownTicket(member, ticketId, false);
        long id = ((Number) t[0]).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> messages = em.createNativeQuery("select author_kind, author, body, created_at from support_message"
                        + " where ticket_id = :t and not internal order by id")
                .setParameter("t", id).getResultList();
        @SuppressWarnings("unchecked")
        List<Object> rating = em.createNativeQuery("select score from support_rating where ticket_id = :t").setParameter("t", id)
                .getResultList();
        String partner = t[4] == null ? null : partners.cachedById(((Number) t[4]).longValue()).map(p -> p.slug).orElse(null);
        return new View(ticketId, (String) t[1], (String) t[2], (String) t[3], partner, (String) t[5], (String) t[6],
                SqlValues.toInstant(t[7]), SqlValues.toInstant(t[8]), instantOrNull(t[9]),
                rating.isEmpty() ? null : ((Number) rating.get(0)).intValue(),
                messages.stream().map(m -> new Message((String) m[0], (String) m[1], (String) m[2], SqlValues.toInstant(m[3]))).toList());
    }

    /**
     * The member writes to their ticket: a ticket waiting for them, or solved less than 7 days ago, is open again; a
     * closed one, or one solved longer ago, takes no more replies.
     */
    public void reply(Member member, UUID ticketId, String body) {
        ownTicket(member, ticketId, true);
        reply(ticketId, name(member), body);
    }

    /** The member's (or an unknown sender's) words on a ticket, as a channel brings them; the same rules as above. */
    void reply(UUID ticketId, String author, String body) {
        Object[] t = ticket(ticketId, true);
        long id = ((Number) t[0]).longValue();
        State state = State.valueOf((String) t[6]);
        Instant now = clock.instant();
        Instant solvedAt = instantOrNull(t[9]);
        if (state == State.CLOSED || (state == State.SOLVED && solvedAt != null && !now.isBefore(solvedAt.plus(REOPEN_WITHIN)))) {
            throw new ProblemException(ErrorCode.TICKET_CLOSED);
        }
        message(id, "MEMBER", author, body.trim(), false, now);
        State next = state == State.NEW ? State.NEW : State.OPEN;
        em.createNativeQuery("update support_ticket set state = :s, updated_at = :t, solved_at = case when :open then null"
                        + " else solved_at end where id = :id").setParameter("open", next == State.OPEN)
                .setParameter("s", next.name()).setParameter("t", now).setParameter("id", id).executeUpdate();
        event(id, author, state == State.SOLVED ? "reopened" : "replied", null, now);
        levels.moved(id);
    }

    /** The member's one rating of a solved (or closed) ticket. */
    public void rate(Member member, UUID ticketId, int score, String comment) {
        Object[] t = ownTicket(member, ticketId, true);
        long id = ((Number) t[0]).longValue();
        State state = State.valueOf((String) t[6]);
        if (state != State.SOLVED && state != State.CLOSED) {
            throw new ProblemException(ErrorCode.TICKET_NOT_SOLVED);
        }
        Instant now = clock.instant();
        int rated = em.createNativeQuery("insert into support_rating (ticket_id, score, comment, at) values (:t, :s, :c, :at)"
                        + " on conflict (ticket_id) do nothing")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("t", id).setParameter("s", score).setParameter("c", blankToNull(comment), String.class).setParameter("at", now)
                .executeUpdate();
        if (rated == 0) {
            throw new ProblemException(ErrorCode.TICKET_RATED);
        }
        event(id, name(member), "rated", String.valueOf(score), now);
    }

    /**
     * Staff answer a ticket: a public reply (the first one is the first response, and the ticket then waits for the
     * member) or an internal note (the ticket is open).
     */
    public void answer(UUID ticketId, String agent, String body, boolean internal) {
        Object[] t = ticket(ticketId, true);
        long id = ((Number) t[0]).longValue();
        Instant now = clock.instant();
        message(id, "AGENT", agent, body.trim(), internal, now);
        em.createNativeQuery("update support_ticket set state = :s, updated_at = :t,"
                        + " first_response_at = case when :pub then coalesce(first_response_at, :t) else first_response_at end"
                        + " where id = :id")
                .setParameter("s", internal ? State.OPEN.name() : State.PENDING_MEMBER.name()).setParameter("t", now)
                .setParameter("pub", !internal).setParameter("id", id).executeUpdate();
        event(id, agent, internal ? "noted" : "answered", null, now);
        levels.moved(id);
        if (!internal) {
            answered.fire(new Answered(id, ticketId, agent, body.trim()));
        }
    }

    /** A public reply from staff was written (in the writer's transaction): channels pass it on, e.g. by mail. */
    public record Answered(long id, UUID ticketId, String agent, String body) {
    }

    /** Tells the channels of a public reply written elsewhere (a partner's, on a routed case). */
    void announce(Answered a) {
        answered.fire(a);
    }

    /** Staff mark a ticket solved: the member may still reply within 7 days, and may rate it. */
    public void solve(UUID ticketId, String agent) {
        Object[] t = ticket(ticketId, true);
        long id = ((Number) t[0]).longValue();
        Instant now = clock.instant();
        em.createNativeQuery("update support_ticket set state = 'SOLVED', solved_at = :t, updated_at = :t where id = :id")
                .setParameter("t", now).setParameter("id", id).executeUpdate();
        event(id, agent, "solved", null, now);
        levels.moved(id);
        satisfaction.ask(id, now);
    }

    /** A ticket as staff see it in a queue. */
    @Schema(name = "TicketInQueue")
    public record Queued(UUID ticketId, String number, String subject, String category, String priority, String state,
                         String channel, @Schema(description = "The partner it concerns (slug), if any") String partner,
                         @Schema(description = "The agent working on it (Keycloak id), if any") String assignee,
                         Instant createdAt, Instant updatedAt,
                         @Schema(description = "The first public reply is due by then (service levels)") Instant firstResponseDueAt,
                         @Schema(description = "The solution is due by then; it moves later while the ticket waits for the member")
                         Instant resolutionDueAt,
                         @Schema(description = "When 80 % of a target's business time was used, if it was") Instant atRiskAt,
                         @Schema(description = "When a target was missed, if it was") Instant breachedAt,
                         @Schema(description = "When the breach was handed to the supervisor, if it was") Instant escalatedAt) {
    }

    /**
     * Staff queues: every ticket not closed, unassigned ones, or the agent's own; most urgent first, then oldest.
     * Overdue: breached or at-risk tickets not yet solved, breached first, then by the nearest due moment.
     */
    public enum Queue { OPEN, UNASSIGNED, MINE, OVERDUE }

    public List<Queued> queue(Queue queue, String agent) {
        return queue(queue, agent, false);
    }

    /** A queue; overdueFirst (the supervisor's view) puts breached, then at-risk tickets first. */
    public List<Queued> queue(Queue queue, String agent, boolean overdueFirst) {
        String where = switch (queue) {
            case OPEN -> "";
            case UNASSIGNED -> " and t.assignee is null";
            case MINE -> " and t.assignee = :a";
            case OVERDUE -> " and t.state not in ('SOLVED', 'CLOSED') and (t.breached_at is not null or t.at_risk_at is not null)";
        };
        String order = queue == Queue.OVERDUE ? ServiceLevels.OVERDUE_ORDER
                : (overdueFirst ? ServiceLevels.OVERDUE_FIRST : "")
                + "case t.priority when 'URGENT' then 0 when 'HIGH' then 1 when 'NORMAL' then 2 else 3 end, t.id";
        var q = em.createNativeQuery(QUEUED + " where t.state <> 'CLOSED'" + where + " order by " + order + " limit 500");
        if (queue == Queue.MINE) {
            q.setParameter("a", agent);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(Tickets::queuedOf).toList();
    }

    static final String QUEUED = "select t.public_id, t.number, t.subject, t.category, t.priority, t.state, t.channel, p.slug,"
            + " t.assignee, t.created_at, t.updated_at, t.first_response_due_at, t.resolution_due_at, t.at_risk_at, t.breached_at,"
            + " t.escalated_at from support_ticket t left join partner p on p.id = t.partner_id";

    static Queued queuedOf(Object[] r) {
        return new Queued((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5], (String) r[6],
                (String) r[7], (String) r[8], SqlValues.toInstant(r[9]), SqlValues.toInstant(r[10]), instantOrNull(r[11]),
                instantOrNull(r[12]), instantOrNull(r[13]), instantOrNull(r[14]), instantOrNull(r[15]));
    }

    /** A message as staff see it: internal notes too. */
    @Schema(name = "TicketMessageForStaff")
    @io.quarkus.qute.TemplateData
    public record StaffMessage(String from, String author, String body, boolean internal, Instant at) {
    }

    @Schema(name = "TicketForStaff")
    public record StaffView(Queued ticket, String receiptId, List<StaffMessage> messages, List<Event> history) {
    }

    public StaffView staffView(UUID ticketId) {
        Queued ticket = queued(ticketId);
        Object[] row = ticket(ticketId, false);
        long id = ((Number) row[0]).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> messages = em.createNativeQuery("select author_kind, author, body, internal, created_at from support_message"
                        + " where ticket_id = :t order by id")
                .setParameter("t", id).getResultList();
        return new StaffView(ticket, (String) row[5], messages.stream().map(m -> new StaffMessage((String) m[0], (String) m[1], (String) m[2],
                (Boolean) m[3], SqlValues.toInstant(m[4]))).toList(), history(ticketId));
    }

    private Queued queued(UUID ticketId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(QUEUED + " where t.public_id = :pub").setParameter("pub", ticketId).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(ErrorCode.TICKET_NOT_FOUND);
        }
        return queuedOf(rows.get(0));
    }

    /** An agent takes a ticket (a NEW one is then OPEN). */
    public void assign(UUID ticketId, String assignee, String actor) {
        long id = ((Number) ticket(ticketId, true)[0]).longValue();
        Instant now = clock.instant();
        em.createNativeQuery("update support_ticket set assignee = :a, updated_at = :t,"
                        + " state = case when state = 'NEW' then 'OPEN' else state end where id = :id")
                .setParameter("a", assignee).setParameter("t", now).setParameter("id", id).executeUpdate();
        event(id, actor, "assigned", assignee, now);
    }

    /** Staff change a ticket's priority: its service-level targets are those of the new priority, from its opening on. */
    public void prioritize(UUID ticketId, String priority, String actor) {
        long id = ((Number) ticket(ticketId, true)[0]).longValue();
        Instant now = clock.instant();
        em.createNativeQuery("update support_ticket set priority = :p, updated_at = :t where id = :id")
                .setParameter("p", priority).setParameter("t", now).setParameter("id", id).executeUpdate();
        event(id, actor, "prioritized", priority, now);
        levels.reprioritized(id);
    }

    /** Who did what to a ticket, oldest first (staff pages). */
    public record Event(String actor, String action, String detail, Instant at) {
    }

    public List<Event> history(UUID ticketId) {
        long id = ((Number) ticket(ticketId, false)[0]).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select actor, action, detail, at from support_event where ticket_id = :t order by id")
                .setParameter("t", id).getResultList();
        return rows.stream().map(r -> new Event((String) r[0], (String) r[1], (String) r[2], SqlValues.toInstant(r[3]))).toList();
    }

    private static final String COLUMNS = "select t.id, t.number, t.subject, t.category, t.partner_id, t.receipt_id, t.state,"
            + " t.created_at, t.updated_at, t.solved_at, t.member_id from support_ticket t where t.public_id = :pub";

    private Object[] ownTicket(Member member, UUID ticketId, boolean lock) {
        Object[] t = ticket(ticketId, lock);
        if (t[10] == null || ((Number) t[10]).longValue() != member.id) {
            throw new ProblemException(ErrorCode.TICKET_NOT_FOUND);
        }
        return t;
    }

    Object[] ticket(UUID ticketId, boolean lock) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(COLUMNS + (lock ? " for update" : "")).setParameter("pub", ticketId).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(ErrorCode.TICKET_NOT_FOUND);
        }
        return rows.get(0);
    }

    /** S-2026-000123: the year in the operator's zone and that year's next number, without gaps under concurrency. */
    private String nextNumber(Instant now) {
        int year = LocalDate.ofInstant(now, ZoneId.of(config.operatorZone())).getYear();
        int n = ((Number) em.createNativeQuery("insert into support_ticket_counter (year, last) values (:y, 1)"
                        + " on conflict (year) do update set last = support_ticket_counter.last + 1 returning last")
                .setParameter("y", year).getSingleResult()).intValue();
        return "S-%d-%06d".formatted(year, n);
    }

    /** The row id of a ticket (channels keep their records by it); 404 for an unknown one. */
    long rowId(UUID ticketId) {
        return ((Number) ticket(ticketId, false)[0]).longValue();
    }

    void message(long ticketId, String kind, String author, String body, boolean internal, Instant at) {
        em.createNativeQuery("insert into support_message (ticket_id, author_kind, author, body, internal, created_at)"
                        + " values (:t, :k, :a, :b, :i, :at)")
                .setParameter("t", ticketId).setParameter("k", kind).setParameter("a", author).setParameter("b", body)
                .setParameter("i", internal).setParameter("at", at).executeUpdate();
    }

    void event(long ticketId, String actor, String action, String detail, Instant at) {
        em.createNativeQuery("insert into support_event (ticket_id, actor, action, detail, at) values (:t, :a, :x, :d, :at)")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("t", ticketId).setParameter("a", actor).setParameter("x", action).setParameter("d", detail, String.class)
                .setParameter("at", at).executeUpdate();
    }

    /** How a member signs their messages: as the desk knows them. */
    public static String name(Member m) {
        String n = ((m.firstName == null ? "" : m.firstName) + " " + (m.lastName == null ? "" : m.lastName)).trim();
        return n.isEmpty() ? m.cardNumber : n;
    }

    private static Instant instantOrNull(Object value) {
        return value == null ? null : SqlValues.toInstant(value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
