package ru.coalition.support;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import ru.coalition.messaging.Outbox;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.Formats;
import ru.coalition.platform.Messages;
import ru.coalition.platform.SlaMsg;
import ru.coalition.platform.SqlValues;
import ru.coalition.platform.Texts;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One transaction of the SLA job: claims tickets whose clock runs and that passed a mark (FOR UPDATE SKIP LOCKED, so
 * replicas take different tickets and a ticket being answered right now waits for the next run), then
 * <ul>
 *   <li>marks a ticket at risk once 80 % of a target's business time is used (at_risk_at) and tells the assignee;</li>
 *   <li>marks it breached once a target is missed (breached_at) and tells the assignee;</li>
 *   <li>escalates a breached ticket to the supervisor: assigns it to them, tells them (escalated_at).</li>
 * </ul>
 * Each mark is set once (the claim asks for a mark not yet set, and the updates repeat the condition), and a notice is
 * appended once per ticket, kind and person, so two replicas never escalate a ticket twice.
 */
@ApplicationScoped
public class SlaWatch {

    private static final Logger LOG = Logger.getLogger(SlaWatch.class);
    static final String ACTOR = "SLA";

    @Inject
    EntityManager em;

    @Inject
    SupportNotices notices;

    @Inject
    SupportStaff staff;

    @Inject
    Outbox outbox;

    @Inject
    CoalitionConfig config;

    @Inject
    @Location("support/sla-notice-email.html")
    Template noticeEmail;

    /** What one transaction did: tickets claimed, and tickets that got a mark. */
    public record Batch(int claimed, int marked) {
    }

    private static final String CLAIM = "select id, public_id, number, subject, assignee, first_response_at, solved_at,"
            + " first_response_risk_at, first_response_due_at, resolution_risk_at, resolution_due_at, at_risk_at, breached_at"
            + " from support_ticket where state in ('NEW', 'OPEN') and sla_paused_since is null and escalated_at is null and ("
            + " (at_risk_at is null and ((first_response_at is null and first_response_risk_at <= :now)"
            + "   or (solved_at is null and resolution_risk_at <= :now)))"
            + " or (breached_at is null and ((first_response_at is null and first_response_due_at <= :now)"
            + "   or (solved_at is null and resolution_due_at <= :now)))"
            + " or breached_at is not null)"
            + " order by id limit :n for update skip locked";

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Batch run(Instant now, int size, Supplier<Optional<SupportStaff.Person>> supervisor) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery(CLAIM).setParameter("now", now).setParameter("n", size).getResultList();
        int marked = 0;
        for (Object[] t : due) {
            if (watch(t, now, supervisor)) {
                marked++;
            }
        }
        return new Batch(due.size(), marked);
    }

    private boolean watch(Object[] t, Instant now, Supplier<Optional<SupportStaff.Person>> supervisor) {
        long id = ((Number) t[0]).longValue();
        Ticket ticket = new Ticket(id, t[1].toString(), (String) t[2], (String) t[3]);
        String assignee = (String) t[4];
        boolean firstResponseOpen = t[5] == null;
        boolean resolutionOpen = t[6] == null;
        Instant firstRisk = SqlValues.toInstantOrNull(t[7]);
        Instant firstDue = SqlValues.toInstantOrNull(t[8]);
        Instant resRisk = SqlValues.toInstantOrNull(t[9]);
        Instant resDue = SqlValues.toInstantOrNull(t[10]);
        boolean atRisk = t[11] != null;
        boolean breached = t[12] != null;
        boolean changed = false;

        String missed = firstResponseOpen && passed(firstDue, now) ? "first-response" : resolutionOpen && passed(resDue, now) ? "resolution" : null;
        String risky = firstResponseOpen && passed(firstRisk, now) ? "first-response" : resolutionOpen && passed(resRisk, now) ? "resolution" : null;
        if (!breached && missed != null) {
            if (em.createNativeQuery("update support_ticket set breached_at = :t, at_risk_at = coalesce(at_risk_at, :t)"
                    + " where id = :id and breached_at is null").setParameter("t", now).setParameter("id", id).executeUpdate() == 1) {
                event(id, "breached", missed, now);
                tell(assignee, ticket, "breached", missed, missed.equals("first-response") ? firstDue : resDue, now);
                breached = true;
                changed = true;
            }
        } else if (!atRisk && risky != null) {
            if (em.createNativeQuery("update support_ticket set at_risk_at = :t where id = :id and at_risk_at is null")
                    .setParameter("t", now).setParameter("id", id).executeUpdate() == 1) {
                event(id, "at-risk", risky, now);
                Instant dueOf = risky.equals("first-response") ? firstDue : resDue;
                if (assignee != null) {
                    tell(assignee, ticket, "at-risk", risky, dueOf, now);
                } else {
                    // nobody works on it yet: the supervisor hears of it before it is missed
                    supervisor.get().ifPresent(s -> tell(s.id(), ticket, "at-risk", risky, dueOf, now));
                }
                changed = true;
            }
        }
        if (breached) {
            Optional<SupportStaff.Person> to = supervisor.get();
            if (to.isEmpty()) {
                LOG.warnf("support: ticket %s is breached but no support supervisor is known; it is escalated on a later run", ticket.number());
                return changed;
            }
            SupportStaff.Person s = to.get();
            if (em.createNativeQuery("update support_ticket set escalated_at = :t, assignee = :a, updated_at = :t"
                            + " where id = :id and escalated_at is null")
                    .setParameter("t", now).setParameter("a", s.id()).setParameter("id", id).executeUpdate() == 1) {
                event(id, "escalated", s.name(), now);
                if (!s.id().equals(assignee)) {
                    event(id, "assigned", s.id(), now);
                }
                tell(s.id(), ticket, "escalated", missed, missed == null ? null : missed.equals("first-response") ? firstDue : resDue, now);
                changed = true;
            }
        }
        return changed;
    }

    private record Ticket(long id, String publicId, String number, String subject) {
    }

    private static boolean passed(Instant mark, Instant now) {
        return mark != null && !mark.isAfter(now);
    }

    /** A notice for the person, once; and an e-mail to them when Keycloak knows their address. */
    private void tell(String recipient, Ticket ticket, String kind, String target, Instant due, Instant now) {
        if (recipient == null || !notices.add(recipient, ticket.id(), kind, now)) {
            return;
        }
        staff.person(recipient).map(SupportStaff.Person::email).filter(e -> !e.isBlank()).ifPresent(email -> {
            SlaMsg sla = Messages.sla(Texts.RUSSIAN);
            ZoneId zone = ZoneId.of(config.operatorZone());
            outbox.email("support-sla-" + kind, email, sla.slaMailSubject(kind, ticket.number()),
                    noticeEmail.instance().setLocale(Texts.RUSSIAN).data("language", "ru").data("kind", kind)
                            .data("target", target == null ? "" : target).data("number", ticket.number())
                            .data("subject", ticket.subject())
                            .data("due", due == null ? "" : Formats.dateTime(due, zone, Texts.RUSSIAN))
                            .data("link", config.publicUrl() + "/operator/support/sla#notices").render(),
                    null, false);
        });
    }

    private void event(long ticketId, String action, String detail, Instant at) {
        em.createNativeQuery("insert into support_event (ticket_id, actor, action, detail, at) values (:t, :a, :x, :d, :at)")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("t", ticketId).setParameter("a", ACTOR).setParameter("x", action).setParameter("d", detail, String.class)
                .setParameter("at", at).executeUpdate();
    }
}
