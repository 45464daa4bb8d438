package ru.coalition.webhooks;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import ru.coalition.platform.SqlValues;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends due deliveries. A run claims a batch in a short transaction (FOR UPDATE SKIP LOCKED, moving each one's next
 * try a lease ahead), calls the endpoints with no transaction open, then writes each outcome. 2xx is delivered; any
 * other answer, a redirect, a timeout or a refused address is a failed try, retried after the configured waits and
 * dead after the last. A replica that dies mid-call leaves its claims to be tried again after the lease: delivery is
 * at least once, and receivers tell repeats apart by webhook-id.
 */
@ApplicationScoped
public class WebhookDispatcher {

    private static final Logger LOG = Logger.getLogger(WebhookDispatcher.class);

    record Claimed(long deliveryId, long partnerId, String eventId, String body, String url, String secret, String previousSecret,
                   int attempts) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    WebhooksConfig config;

    @Inject
    WebhookEndpoints endpoints;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Scheduled(every = "${coalition.webhooks.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void dispatchDue() {
        while (dispatchBatch() == config.batchSize()) {
            // a full batch may mean more are due
        }
    }

    /** Claims, sends and records one batch; returns how many it claimed. */
    public int dispatchBatch() {
        List<Claimed> claimed = QuarkusTransaction.requiringNew().call(this::claim);
        for (Claimed c : claimed) {
            Outcome o = send(c);
            QuarkusTransaction.requiringNew().run(() -> record(c, o));
        }
        return claimed.size();
    }

    private record Outcome(Integer status, String error, long millis) {
        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private List<Claimed> claim() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select d.id, d.partner_id, e.public_id, e.body, w.url, w.secret,"
                        + " case when w.previous_until > :now then w.previous_secret end, d.attempts"
                        + " from webhook_delivery d join webhook_event e on e.id = d.event_id join webhook_endpoint w on w.id = d.endpoint_id"
                        + " where d.status = 'PENDING' and d.next_attempt_at <= :now order by d.next_attempt_at, d.id"
                        + " limit " + config.batchSize() + " for update of d skip locked")
                .setParameter("now", now).getResultList();
        List<Claimed> list = new ArrayList<>();
        for (Object[] r : rows) {
            Claimed c = new Claimed(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], (String) r[6], ((Number) r[7]).intValue());
            em.createNativeQuery("update webhook_delivery set next_attempt_at = :lease where id = :id")
                    .setParameter("lease", now.plus(config.lease())).setParameter("id", c.deliveryId()).executeUpdate();
            list.add(c);
        }
        return list;
    }

    private Outcome send(Claimed c) {
        long started = System.nanoTime();
        var refused = endpoints.guard().check(c.url());
        if (refused.isPresent()) {
            return new Outcome(null, "address refused: " + refused.get().name().toLowerCase(), 0);
        }
        long timestamp = clock.instant().getEpochSecond();
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(c.url())).timeout(config.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Coalition-Webhooks/1")
                    .header("webhook-id", c.eventId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", WebhookSignature.header(c.secret(), c.previousSecret(), c.eventId(), timestamp, c.body()))
                    .POST(HttpRequest.BodyPublishers.ofString(c.body(), StandardCharsets.UTF_8)).build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            return new Outcome(response.statusCode(), response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(null, e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, "interrupted", (System.nanoTime() - started) / 1_000_000);
        }
    }

    private void record(Claimed c, Outcome o) {
        Instant now = clock.instant();
        String error = o.error() == null ? null : o.error().length() > 500 ? o.error().substring(0, 500) : o.error();
        em.createNativeQuery("insert into webhook_attempt (delivery_id, partner_id, at, status_code, error, duration_ms)"
                        + " values (:d, :p, :at, :s, :e, :ms)")
                .setParameter("d", c.deliveryId()).setParameter("p", c.partnerId()).setParameter("at", now).setParameter("s", o.status())
                .setParameter("e", error).setParameter("ms", (int) Math.min(Integer.MAX_VALUE, o.millis())).executeUpdate();
        int attempts = c.attempts() + 1;
        List<Duration> waits = config.retrySchedule();
        String status = o.delivered() ? "DELIVERED" : attempts > waits.size() ? "DEAD" : "PENDING";
        Instant next = "PENDING".equals(status) ? now.plus(waits.get(attempts - 1)) : null;
        em.createNativeQuery("update webhook_delivery set status = :st, attempts = :a, last_attempt_at = :now, last_status = :s,"
                        + " last_error = :e, next_attempt_at = :next, delivered_at = :delivered where id = :id")
                .setParameter("st", status).setParameter("a", attempts).setParameter("now", now).setParameter("s", o.status())
                .setParameter("e", error).setParameter("next", next).setParameter("delivered", o.delivered() ? now : null)
                .setParameter("id", c.deliveryId()).executeUpdate();
        if ("DEAD".equals(status)) {
            LOG.warnf("webhook %s to %s is dead after %d tries: %s", c.eventId(), c.url(), attempts, error);
        }
    }

    /** A delivery's tries, oldest first, for the portal's log. */
    public record Attempt(Instant at, Integer statusCode, String error, int durationMs) {
    }

    /** The tries of these deliveries (the caller's own), oldest first, by delivery: one statement for the log. */
    @jakarta.transaction.Transactional
    public java.util.Map<Long, List<Attempt>> attempts(List<Long> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return java.util.Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select delivery_id, at, status_code, error, duration_ms from webhook_attempt"
                        + " where delivery_id in (:d) order by delivery_id, id")
                .setParameter("d", deliveryIds).getResultList();
        java.util.Map<Long, List<Attempt>> byDelivery = new java.util.HashMap<>();
        for (Object[] r : rows) {
            byDelivery.computeIfAbsent(((Number) r[0]).longValue(), k -> new ArrayList<>()).add(new Attempt(SqlValues.toInstant(r[1]),
                    r[2] == null ? null : ((Number) r[2]).intValue(), (String) r[3], ((Number) r[4]).intValue()));
        }
        return byDelivery;
    }
}
