package ru.coalition.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.PartnerService;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a partner's event in the transaction of what it tells (so it exists exactly when that did), with one delivery
 * per active endpoint that wants its type; {@link WebhookDispatcher} sends them. A partner without such an endpoint
 * costs no statement. The member is named by id and card number only, never by a name or contact.
 */
@ApplicationScoped
public class WebhookEvents {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    WebhookEndpoints endpoints;

    @Inject
    MemberService members;

    @Inject
    PartnerService partners;

    /** Whether an active endpoint of the partner wants the type: callers on hot paths ask before building the data. */
    public boolean wanted(long partnerId, String type) {
        return endpoints.subscribed(partnerId).contains(type);
    }

    /** Records the event when an endpoint of the partner wants it; memberId (nullable) adds "member": {id, card}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void emit(long partnerId, String type, Long memberId, Map<String, Object> data) {
        if (!endpoints.subscribed(partnerId).contains(type)) {
            return;
        }
        write(partnerId, type, memberId, data, null);
    }

    /** A test event to one endpoint, from the portal's button; returns the event's id. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String ping(long partnerId, long endpointRow) {
        return write(partnerId, WebhookTypes.PING, null, Map.of("message", "Coalition webhook test"), endpointRow);
    }

    private String write(long partnerId, String type, Long memberId, Map<String, Object> data, Long onlyEndpoint) {
        Instant now = clock.instant();
        String id = "msg_" + randomId();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("type", type);
        body.put("timestamp", DateTimeFormatter.ISO_INSTANT.format(now));
        body.put("partner", partners.findById(partnerId).map(p -> p.slug).orElse(null));
        Map<String, Object> payload = new LinkedHashMap<>();
        if (memberId != null) {
            Member m = members.byId(memberId).orElse(null);
            if (m != null) {
                payload.put("member", Map.of("id", m.publicId.toString(), "card", m.cardNumber));
            }
        }
        payload.putAll(data);
        body.put("data", payload);
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        long eventRow = ((Number) em.createNativeQuery("insert into webhook_event (public_id, partner_id, type, body, created_at)"
                        + " values (:id, :p, :t, :b, :now) returning id")
                .setParameter("id", id).setParameter("p", partnerId).setParameter("t", type).setParameter("b", text)
                .setParameter("now", now).getSingleResult()).longValue();
        em.createNativeQuery("insert into webhook_delivery (event_id, endpoint_id, partner_id, status, next_attempt_at, created_at)"
                        + " select :e, id, partner_id, 'PENDING', :now, :now from webhook_endpoint where partner_id = :p and active"
                        + (onlyEndpoint == null ? " and :t = any(events)" : " and id = :only"))
                .setParameter("e", eventRow).setParameter("now", now).setParameter("p", partnerId)
                .setParameter(onlyEndpoint == null ? "t" : "only", onlyEndpoint == null ? type : onlyEndpoint).executeUpdate();
        return id;
    }

    /** 27 random characters, as Svix's ids: unique without a sequence shared across replicas. */
    private static String randomId() {
        char[] c = new char[27];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }

    /** For the jobs that emit for many partners: the partners with an active endpoint wanting the type. */
    public List<Long> partnersWanting(String type) {
        return endpoints.partnersWanting(type);
    }
}
