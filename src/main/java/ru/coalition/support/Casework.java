package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.ledger.Adjustments;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What staff do with a ticket beyond answering it (issue 11 §4, §5): what a claim or a complaint is about and how it
 * ended, a ledger adjustment posted with the ticket as its reason (linked both ways), the case routed to a partner's
 * staff, duplicates merged, the member's other tickets.
 */
@ApplicationScoped
@Transactional
public class Casework {

    /** How a complaint or a claim ended, for the quality report. */
    public static final List<String> OUTCOMES = List.of("upheld", "partly", "rejected", "compensated");

    /** The ledger entries a ticket's adjustments post name this as their source. */
    public static final String LEDGER_SOURCE = "support-ticket";

    /** The facts of a ticket staff work with beside its conversation. */
    public record Facts(long id, UUID ticketId, String number, Long memberId, String partner, String partnerName,
                        String routedPartner, String routedPartnerName, String receiptId, LocalDate purchaseDate,
                        BigDecimal purchaseAmount, String orderRef, String outcome, String mergedInto, List<Adjustment> adjustments) {
    }

    /** A ledger adjustment posted for a ticket. */
    public record Adjustment(String wallet, long points, String reason, String agent, Instant at) {
    }

    /** Another ticket of the same member, as the agent's page lists it. */
    public record Previous(UUID ticketId, String number, String subject, String state, Instant createdAt) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Tickets tickets;

    @Inject
    ServiceLevels levels;

    @Inject
    PartnerService partners;

    @Inject
    MemberService members;

    @Inject
    Adjustments adjustments;

    /** S-2026-000123 → the ticket's id; an unknown number answers 404. */
    public UUID byNumber(String number) {
        return tickets.findByNumber(number).orElseThrow(() -> new ProblemException(ErrorCode.TICKET_NOT_FOUND));
    }

    public Facts facts(UUID ticketId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select t.id, t.number, t.member_id, t.partner_id, t.routed_partner_id, t.receipt_id,"
                        + " t.purchase_date, t.purchase_amount, t.order_ref, t.outcome, m.number from support_ticket t"
                        + " left join support_ticket m on m.id = t.merged_into where t.public_id = :pub")
                .setParameter("pub", ticketId).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(ErrorCode.TICKET_NOT_FOUND);
        }
        Object[] r = rows.get(0);
        long id = ((Number) r[0]).longValue();
        Optional<Partner> partner = partnerOf(r[3]);
        Optional<Partner> routed = partnerOf(r[4]);
        @SuppressWarnings("unchecked")
        List<Object[]> adj = em.createNativeQuery("select wallet, points, reason, agent, at from support_adjustment where ticket_id = :t order by id")
                .setParameter("t", id).getResultList();
        return new Facts(id, ticketId, (String) r[1], r[2] == null ? null : ((Number) r[2]).longValue(),
                partner.map(p -> p.slug).orElse(null), partner.map(p -> p.name).orElse(null),
                routed.map(p -> p.slug).orElse(null), routed.map(p -> p.name).orElse(null), (String) r[5],
                r[6] == null ? null : r[6] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[6], (BigDecimal) r[7], (String) r[8], (String) r[9], (String) r[10],
                adj.stream().map(a -> new Adjustment((String) a[0], ((Number) a[1]).longValue(), (String) a[2], (String) a[3],
                        SqlValues.toInstant(a[4]))).toList());
    }

    /** The member's other tickets, newest first (at most 20). */
    public List<Previous> others(long memberId, UUID except) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select public_id, number, subject, state, created_at from support_ticket"
                        + " where member_id = :m and public_id <> :x order by id desc limit 20")
                .setParameter("m", memberId).setParameter("x", except).getResultList();
        return rows.stream().map(r -> new Previous((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], SqlValues.toInstant(r[4]))).toList();
    }

    /** How a complaint or claim ended; said again, it is changed (the history keeps both). */
    public void outcome(UUID ticketId, String outcome, String agent) {
        if (!OUTCOMES.contains(outcome)) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new ru.coalition.platform.Problem.FieldError("outcome", null)));
        }
        long id = ((Number) tickets.ticket(ticketId, true)[0]).longValue();
        Instant now = clock.instant();
        em.createNativeQuery("update support_ticket set outcome = :o, updated_at = :t where id = :id")
                .setParameter("o", outcome).setParameter("t", now).setParameter("id", id).executeUpdate();
        tickets.event(id, agent, "outcome", outcome, now);
    }

    /**
     * Points posted to the member's wallet with the ticket as the reason: the ledger entry names the ticket as its
     * source, the ticket keeps the adjustment, and the audit record carries the ticket's number. All in one transaction.
     */
    public Adjustments.Adjusted adjust(UUID ticketId, String wallet, long points, String reason, String agent) {
        Object[] t = tickets.ticket(ticketId, true);
        long id = ((Number) t[0]).longValue();
        if (t[10] == null) {
            throw new ProblemException(ErrorCode.TICKET_NO_MEMBER);
        }
        Member m = members.byId(((Number) t[10]).longValue()).orElseThrow(() -> new ProblemException(ErrorCode.MEMBER_NOT_FOUND));
        String number = (String) t[1];
        String fullReason = number + ": " + reason.trim();
        if (fullReason.length() > 300) {
            fullReason = fullReason.substring(0, 300);
        }
        Adjustments.Adjusted done = adjustments.adjust(new Adjustments.Adjustment(m.cardNumber, wallet, points, fullReason),
                LEDGER_SOURCE, id, Map.of("ticket", number));
        Instant now = clock.instant();
        em.createNativeQuery("insert into support_adjustment (ticket_id, wallet, points, reason, agent, at) values (:t, :w, :p, :r, :a, :at)")
                .setParameter("t", id).setParameter("w", wallet).setParameter("p", points).setParameter("r", fullReason)
                .setParameter("a", agent).setParameter("at", now).executeUpdate();
        em.createNativeQuery("update support_ticket set updated_at = :t where id = :id").setParameter("t", now).setParameter("id", id)
                .executeUpdate();
        tickets.event(id, agent, "adjusted", (points > 0 ? "+" : "") + points + " " + wallet, now);
        return done;
    }

    /**
     * The operator hands the case to a partner's staff: they see it in the portal and answer it there. Null takes it
     * back.
     */
    public void route(UUID ticketId, String partnerSlug, String agent) {
        long id = ((Number) tickets.ticket(ticketId, true)[0]).longValue();
        Long partnerId = null;
        if (partnerSlug != null && !partnerSlug.isBlank()) {
            partnerId = partners.cachedBySlug(partnerSlug.trim())
                    .orElseThrow(() -> new ProblemException(ErrorCode.TICKET_PARTNER_UNKNOWN, partnerSlug.trim())).id;
        }
        Instant now = clock.instant();
        em.createNativeQuery("update support_ticket set routed_partner_id = :p, updated_at = :t,"
                        + " state = case when state = 'NEW' then 'OPEN' else state end where id = :id")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("p", partnerId, Long.class).setParameter("t", now).setParameter("id", id).executeUpdate();
        tickets.event(id, agent, partnerId == null ? "unrouted" : "routed", partnerId == null ? null : partnerSlug.trim(), now);
    }

    /**
     * A duplicate is closed into another ticket of the same member: its messages are copied there (as they were, with
     * their authors and times), both histories say so, and the duplicate points to the one kept.
     */
    public void merge(UUID duplicateId, String intoNumber, String agent) {
        UUID intoId = byNumber(intoNumber);
        if (intoId.equals(duplicateId)) {
            throw new ProblemException(ErrorCode.TICKET_MERGE_SELF);
        }
        Object[] dup = tickets.ticket(duplicateId, true);
        Object[] into = tickets.ticket(intoId, true);
        if (!java.util.Objects.equals(dup[10], into[10])) {
            throw new ProblemException(ErrorCode.TICKET_MERGE_OTHER_MEMBER);
        }
        long dupId = ((Number) dup[0]).longValue();
        long keptId = ((Number) into[0]).longValue();
        Instant now = clock.instant();
        em.createNativeQuery("insert into support_message (ticket_id, author_kind, author, body, internal, created_at)"
                        + " select :k, author_kind, author, body, internal, created_at from support_message where ticket_id = :d order by id")
                .setParameter("k", keptId).setParameter("d", dupId).executeUpdate();
        em.createNativeQuery("update support_ticket set merged_into = :k, state = 'CLOSED', closed_at = :t, updated_at = :t where id = :d")
                .setParameter("k", keptId).setParameter("t", now).setParameter("d", dupId).executeUpdate();
        em.createNativeQuery("update support_ticket set updated_at = :t where id = :k").setParameter("t", now).setParameter("k", keptId)
                .executeUpdate();
        tickets.event(dupId, agent, "merged", (String) into[1], now);
        tickets.event(keptId, agent, "merged-from", (String) dup[1], now);
    }

    /** A case the operator routed to a partner, as the partner's staff list it. */
    public record Routed(UUID ticketId, String number, String subject, String category, String state, Instant createdAt, Instant updatedAt) {
    }

    public List<Routed> routedTo(long partnerId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select public_id, number, subject, category, state, created_at, updated_at"
                        + " from support_ticket where routed_partner_id = :p order by (state in ('SOLVED', 'CLOSED')), id desc limit 500")
                .setParameter("p", partnerId).getResultList();
        return rows.stream().map(r -> new Routed((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                SqlValues.toInstant(r[5]), SqlValues.toInstant(r[6]))).toList();
    }

    /** A routed case as the partner's staff see it: a ticket not routed to this partner answers 404, as a missing one. */
    public Tickets.StaffView forPartner(long partnerId, UUID ticketId) {
        requireRoutedTo(partnerId, ticketId);
        return tickets.staffView(ticketId);
    }

    /**
     * The partner's staff answer a routed case: a public reply the member sees (signed with the partner's name), or a
     * note to the operator's agents.
     */
    public void partnerAnswer(long partnerId, UUID ticketId, String author, String body, boolean internal) {
        long id = requireRoutedTo(partnerId, ticketId);
        Instant now = clock.instant();
        tickets.message(id, "PARTNER", author, body.trim(), internal, now);
        em.createNativeQuery("update support_ticket set updated_at = :t,"
                        + " state = case when :pub then 'PENDING_MEMBER' else state end,"
                        + " first_response_at = case when :pub then coalesce(first_response_at, :t) else first_response_at end where id = :id")
                .setParameter("t", now).setParameter("pub", !internal).setParameter("id", id).executeUpdate();
        tickets.event(id, author, internal ? "partner-noted" : "partner-answered", null, now);
        if (!internal) {
            // a public reply goes out by mail as the desk's own do (MailReplies)
            tickets.announce(new Tickets.Answered(id, ticketId, author, body.trim()));
        }
        levels.moved(id);
    }

    private long requireRoutedTo(long partnerId, UUID ticketId) {
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("select id from support_ticket where public_id = :pub and routed_partner_id = :p")
                .setParameter("pub", ticketId).setParameter("p", partnerId).getResultList();
        if (ids.isEmpty()) {
            throw new ProblemException(ErrorCode.TICKET_NOT_FOUND);
        }
        return ((Number) ids.get(0)).longValue();
    }

    private Optional<Partner> partnerOf(Object id) {
        return id == null ? Optional.empty() : partners.cachedById(((Number) id).longValue());
    }
}
