package ru.coalition.support;

import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateGlobal;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the SLA job told a staff member (support_notice): a ticket at risk, breached, or escalated to them. Appended once
 * per ticket, kind and person; the person marks them read.
 */
@ApplicationScoped
@Transactional
public class SupportNotices {

    public static final int LIMIT = 100;

    @Schema(name = "SupportNotice")
    public record Notice(@Schema(description = "The notice's number, for marking it read") long id,
                         @Schema(description = "at-risk, breached or escalated") String kind,
                         UUID ticketId, String number, String subject, Instant at,
                         @Schema(description = "When the person marked it read; null while unread") Instant readAt) {
        public boolean unread() {
            return readAt == null;
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** Appends a notice once per ticket, kind and person; false when it was there already. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean add(String recipient, long ticketId, String kind, Instant at) {
        return em.createNativeQuery("insert into support_notice (recipient, ticket_id, kind, at) values (:r, :t, :k, :at)"
                        + " on conflict on constraint support_notice_once do nothing")
                .setParameter("r", recipient).setParameter("t", ticketId).setParameter("k", kind).setParameter("at", at)
                .executeUpdate() == 1;
    }

    /** The person's notices, newest first (at most 100); only unread ones if asked. */
    public List<Notice> of(String recipient, boolean unreadOnly) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select n.id, n.kind, t.public_id, t.number, t.subject, n.at, n.read_at"
                        + " from support_notice n join support_ticket t on t.id = n.ticket_id where n.recipient = :r"
                        + (unreadOnly ? " and n.read_at is null" : "") + " order by n.id desc limit " + LIMIT)
                .setParameter("r", recipient).getResultList();
        return rows.stream().map(r -> new Notice(((Number) r[0]).longValue(), (String) r[1], (UUID) r[2], (String) r[3], (String) r[4],
                SqlValues.toInstant(r[5]), SqlValues.toInstantOrNull(r[6]))).toList();
    }

    /** Marks one of the person's notices read; another person's (or none) answers 404. Reading twice changes nothing. */
    public void markRead(String recipient, long id) {
        @SuppressWarnings("unchecked")
        List<Object> found = em.createNativeQuery("select read_at from support_notice where id = :id and recipient = :r for update")
                .setParameter("id", id).setParameter("r", recipient).getResultList();
        if (found.isEmpty()) {
            throw new ProblemException(ErrorCode.NOTICE_NOT_FOUND);
        }
        em.createNativeQuery("update support_notice set read_at = :t where id = :id and read_at is null")
                .setParameter("t", clock.instant()).setParameter("id", id).executeUpdate();
    }

    /** Marks all the person's notices read; returns how many were unread. */
    public int markAllRead(String recipient) {
        return em.createNativeQuery("update support_notice set read_at = :t where recipient = :r and read_at is null")
                .setParameter("t", clock.instant()).setParameter("r", recipient).executeUpdate();
    }

    /**
     * The signed-in support agent's or supervisor's unread notices, for the list at the top of the support pages
     * ({#include support/notices /}); nobody else has any.
     */
    @TemplateGlobal(name = "supportNotices")
    public static List<Notice> unreadOfViewer() {
        var container = Arc.container();
        if (container == null || !container.requestContext().isActive()) {
            return List.of();
        }
        SecurityIdentity identity = container.instance(SecurityIdentity.class).get();
        if (identity.isAnonymous() || !(identity.hasRole(Roles.SUPPORT_AGENT) || identity.hasRole(Roles.SUPPORT_SUPERVISOR))) {
            return List.of();
        }
        String subject = container.instance(JsonWebToken.class).get().getSubject();
        return subject == null ? List.of() : container.instance(SupportNotices.class).get().of(subject, true);
    }
}
