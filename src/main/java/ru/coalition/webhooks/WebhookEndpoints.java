package ru.coalition.webhooks;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.audit.AuditLog;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A partner's webhook endpoints (issue 14 §3): registered with the events they want, their secret shown once and
 * rotatable (the old one keeps signing beside the new for a day), switched off and on; their delivery log, and a
 * delivery sent again on request.
 */
@ApplicationScoped
@Transactional
public class WebhookEndpoints {

    /** How long a rotated-out secret still signs, so a receiver can switch without losing a delivery. */
    public static final Duration OLD_SECRET_HONOURED = Duration.ofHours(24);
    public static final int MAX_PER_PARTNER = 10;

    @Schema(name = "WebhookEndpoint")
    public record Endpoint(UUID endpointId, String url, String description, List<String> events, boolean active,
                           Instant createdAt, @Schema(description = "The secret's first characters, to tell it apart") String secretHint,
                           long pending, long dead) {
    }

    @Schema(name = "WebhookEndpointCreated")
    public record Created(Endpoint endpoint, @Schema(description = "Shown only now: keep it in the receiver") String secret) {
    }

    @Schema(name = "WebhookDelivery")
    public record Delivery(long deliveryId, String eventId, String type, String status, int attempts, Integer lastStatus,
                           String lastError, Instant createdAt, Instant lastAttemptAt, Instant nextAttemptAt, Instant deliveredAt) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PartnerScope scope;

    @Inject
    WebhooksConfig config;

    @Inject
    AuditLog audit;

    /** Per partner: the event types some active endpoint wants, read again after a few seconds or a change here. */
    private final Map<Long, Subscriptions> subscriptions = new ConcurrentHashMap<>();

    private record Subscriptions(Set<String> types, Instant readAt) {
    }

    static final Duration SUBSCRIPTIONS_FRESH = Duration.ofSeconds(5);

    public EndpointGuard guard() {
        return new EndpointGuard(config.requireHttps(), config.allowPrivateAddresses());
    }

    public Created create(Partner partner, String url, String description, List<String> events, String who) {
        scope.enter(partner);
        check(url, events);
        long count = ((Number) em.createNativeQuery("select count(*) from webhook_endpoint where partner_id = :p")
                .setParameter("p", partner.id).getSingleResult()).longValue();
        if (count >= MAX_PER_PARTNER) {
            throw new ProblemException(ErrorCode.WEBHOOK_TOO_MANY, MAX_PER_PARTNER);
        }
        String secret = WebhookSignature.newSecret();
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        em.createNativeQuery("insert into webhook_endpoint (public_id, partner_id, url, description, events, secret, active, created_at,"
                        + " updated_at) values (:id, :p, :u, :d, cast(:e as text[]), :s, true, :t, :t)")
                .setParameter("id", id).setParameter("p", partner.id).setParameter("u", url.trim())
                .setParameter("d", description == null || description.isBlank() ? null : description.trim())
                .setParameter("e", "{" + String.join(",", events) + "}").setParameter("s", secret).setParameter("t", now).executeUpdate();
        audit.record("webhook.create", partner.id, "webhook", id.toString(), Map.of("url", url.trim(), "events", String.join(",", events),
                "by", who == null ? "" : who));
        forget(partner.id);
        return new Created(endpoint(partner, id), secret);
    }

    public Endpoint update(Partner partner, UUID id, String url, String description, List<String> events, boolean active, String who) {
        row(partner, id);
        check(url, events);
        em.createNativeQuery("update webhook_endpoint set url = :u, description = :d, events = cast(:e as text[]), active = :a,"
                        + " updated_at = :t where public_id = :id and partner_id = :p")
                .setParameter("u", url.trim()).setParameter("d", description == null || description.isBlank() ? null : description.trim())
                .setParameter("e", "{" + String.join(",", events) + "}").setParameter("a", active).setParameter("t", clock.instant())
                .setParameter("id", id).setParameter("p", partner.id).executeUpdate();
        audit.record("webhook.update", partner.id, "webhook", id.toString(), Map.of("url", url.trim(), "active", active,
                "events", String.join(",", events), "by", who == null ? "" : who));
        forget(partner.id);
        return endpoint(partner, id);
    }

    /** A new secret, shown once; the old one signs beside it for a day. */
    public String rotate(Partner partner, UUID id, String who) {
        row(partner, id);
        String secret = WebhookSignature.newSecret();
        Instant now = clock.instant();
        em.createNativeQuery("update webhook_endpoint set previous_secret = secret, previous_until = :until, secret = :s, updated_at = :t"
                        + " where public_id = :id and partner_id = :p")
                .setParameter("until", now.plus(OLD_SECRET_HONOURED)).setParameter("s", secret).setParameter("t", now)
                .setParameter("id", id).setParameter("p", partner.id).executeUpdate();
        audit.record("webhook.rotate", partner.id, "webhook", id.toString(), Map.of("by", who == null ? "" : who));
        return secret;
    }

    public List<Endpoint> of(Partner partner) {
        scope.enter(partner);
        @SuppressWarnings("unchecked")
        List<Object> ids = em.createNativeQuery("select public_id from webhook_endpoint where partner_id = :p order by id")
                .setParameter("p", partner.id).getResultList();
        return ids.stream().map(id -> endpoint(partner, (UUID) id)).toList();
    }

    public Endpoint endpoint(Partner partner, UUID id) {
        Object[] r = row(partner, id);
        long rowId = ((Number) r[0]).longValue();
        Object[] counts = (Object[]) em.createNativeQuery("select count(*) filter (where status = 'PENDING'), count(*) filter (where status = 'DEAD')"
                + " from webhook_delivery where endpoint_id = :e").setParameter("e", rowId).getSingleResult();
        String secret = (String) r[5];
        return new Endpoint(id, (String) r[1], (String) r[2], List.of((String[]) r[3]), (Boolean) r[4], SqlValues.toInstant(r[6]),
                secret.substring(0, Math.min(secret.length(), WebhookSignature.PREFIX.length() + 4)) + "…",
                ((Number) counts[0]).longValue(), ((Number) counts[1]).longValue());
    }

    /** The endpoint's row id (for its test event); another partner's endpoint is not found. */
    public long rowId(Partner partner, UUID id) {
        return ((Number) row(partner, id)[0]).longValue();
    }

    /** The endpoint's latest deliveries, newest first. */
    public List<Delivery> deliveries(Partner partner, UUID id, int limit) {
        long rowId = ((Number) row(partner, id)[0]).longValue();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select d.id, e.public_id, e.type, d.status, d.attempts, d.last_status, d.last_error,"
                        + " d.created_at, d.last_attempt_at, d.next_attempt_at, d.delivered_at from webhook_delivery d"
                        + " join webhook_event e on e.id = d.event_id where d.endpoint_id = :e order by d.id desc limit " + limit)
                .setParameter("e", rowId).getResultList();
        List<Delivery> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(new Delivery(((Number) r[0]).longValue(), (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).intValue(),
                    r[5] == null ? null : ((Number) r[5]).intValue(), (String) r[6], SqlValues.toInstant(r[7]), SqlValues.toInstantOrNull(r[8]),
                    "PENDING".equals(r[3]) ? SqlValues.toInstantOrNull(r[9]) : null, SqlValues.toInstantOrNull(r[10])));
        }
        return list;
    }

    /** Sends a delivery again now, whatever became of it; it keeps the event's id, so a receiver that had it can tell. */
    public void replay(Partner partner, UUID id, long deliveryId, String who) {
        long rowId = ((Number) row(partner, id)[0]).longValue();
        int n = em.createNativeQuery("update webhook_delivery set status = 'PENDING', attempts = 0, next_attempt_at = :t, delivered_at = null"
                        + " where id = :d and endpoint_id = :e")
                .setParameter("t", clock.instant()).setParameter("d", deliveryId).setParameter("e", rowId).executeUpdate();
        if (n == 0) {
            throw new ProblemException(ErrorCode.WEBHOOK_DELIVERY_NOT_FOUND);
        }
        audit.record("webhook.replay", partner.id, "webhook", id.toString(), Map.of("delivery", deliveryId, "by", who == null ? "" : who));
    }

    /** The event types some active endpoint of the partner wants; empty (and no query) for most partners most of the time. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Set<String> subscribed(long partnerId) {
        Instant now = Instant.now();
        Subscriptions s = subscriptions.get(partnerId);
        if (s == null || s.readAt().plus(SUBSCRIPTIONS_FRESH).isBefore(now)) {
            @SuppressWarnings("unchecked")
            List<String> types = em.createNativeQuery("select distinct unnest(events) from webhook_endpoint where partner_id = :p and active")
                    .setParameter("p", partnerId).getResultList();
            s = new Subscriptions(Set.copyOf(types), now);
            subscriptions.put(partnerId, s);
        }
        return s.types();
    }

    /** Partners with an active endpoint wanting the type (for the jobs that look for events). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Long> partnersWanting(String type) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select distinct partner_id from webhook_endpoint where active and :t = any(events)")
                .setParameter("t", type).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    void forget(long partnerId) {
        subscriptions.remove(partnerId);
    }

    private void check(String url, List<String> events) {
        if (url == null || url.isBlank() || url.length() > 2000 || guard().check(url.trim()).isPresent()) {
            throw new ProblemException(ErrorCode.WEBHOOK_URL_REFUSED, List.of(new Problem.FieldError("url", null)));
        }
        if (events == null || events.isEmpty() || !WebhookTypes.ALL.containsAll(events)) {
            throw new ProblemException(ErrorCode.WEBHOOK_EVENTS_INVALID, List.of(new Problem.FieldError("events", null)));
        }
    }

    private Object[] row(Partner partner, UUID id) {
        scope.enter(partner);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, url, description, events, active, secret, created_at from webhook_endpoint"
                + " where public_id = :id and partner_id = :p").setParameter("id", id).setParameter("p", partner.id).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(ErrorCode.WEBHOOK_NOT_FOUND);
        }
        return rows.get(0);
    }
}
