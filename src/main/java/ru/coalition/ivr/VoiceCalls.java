package ru.coalition.ivr;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.platform.SqlValues;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The voice menu's call log (issue 14 §2): each call with who called, the keys, the way through the menu and the outcome. */
@ApplicationScoped
@Transactional
public class VoiceCalls {

    public static final int LIMIT = 200;

    public record Logged(UUID callId, String partner, String partnerName, String adapter, String caller, String memberCard,
                         String orderNumber, String digits, String path, String outcome, String ticketNumber, Instant startedAt,
                         Instant endedAt) {
        /** Whole seconds, or null while the call goes on. */
        public Long seconds() {
            return endedAt == null ? null : Duration.between(startedAt, endedAt).toSeconds();
        }
    }

    @Inject
    EntityManager em;

    @Inject
    PartnerScope scope;

    /** The partner's calls, newest first. */
    public List<Logged> of(Partner partner) {
        scope.enter(partner);
        return list("c.partner_id = :p", partner.id);
    }

    /** Every partner's calls, or one's, for the operator. */
    public List<Logged> all(Long partnerId) {
        return list(partnerId == null ? null : "c.partner_id = :p", partnerId);
    }

    private List<Logged> list(String where, Long partnerId) {
        var q = em.createNativeQuery("select c.public_id, p.slug, p.name, c.adapter, c.caller, m.card_number, c.order_number, c.digits,"
                + " c.path, coalesce(c.outcome, case when c.ended_at is null then 'IN_PROGRESS' end), c.ticket_number, c.started_at, c.ended_at"
                + " from ivr_call c join partner p on p.id = c.partner_id left join member m on m.id = c.member_id"
                + (where == null ? "" : " where " + where) + " order by c.started_at desc, c.id desc limit " + LIMIT);
        if (where != null) {
            q.setParameter("p", partnerId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Logged((UUID) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4], (String) r[5],
                (String) r[6], (String) r[7], (String) r[8], (String) r[9], (String) r[10], SqlValues.toInstant(r[11]),
                SqlValues.toInstantOrNull(r[12]))).toList();
    }
}
