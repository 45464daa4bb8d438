package ru.coalition.webhooks;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.JobCursors;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outgoing webhooks against real HTTP receivers on loopback (issue 14 §3): each event arrives once per delivery with a
 * valid Standard Webhooks signature, a receiver that fails three times gets it on the fourth try, a replay carries the
 * same id, and a partner never hears of another partner's events.
 */
@QuarkusTest
class WebhooksTest {

    /** What one receiver got: the headers that matter and the body. */
    record Received(String id, String timestamp, String signature, String body) {
        String type() {
            return body.replaceAll("(?s).*\"type\":\"([^\"]+)\".*", "$1");
        }
    }

    /** A local HTTP server that answers 500 to its first {@code failures} calls, then 204. */
    static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<Received> got = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failures;

        Receiver(int failures) throws IOException {
            this.failures = new AtomicInteger(failures);
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                var h = exchange.getRequestHeaders();
                got.add(new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"), h.getFirst("webhook-signature"),
                        new String(body, StandardCharsets.UTF_8)));
                int status = this.failures.getAndDecrement() > 0 ? 500 : 204;
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        List<Received> of(String type) {
            synchronized (got) {
                return got.stream().filter(r -> r.type().equals(type)).toList();
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Inject
    WebhookEndpoints endpoints;

    @Inject
    WebhookJobs jobs;

    @Inject
    PartnerService partners;

    @Inject
    JobCursors cursors;

    @Inject
    EntityManager em;

    private final List<UUID> made = new ArrayList<>();

    @AfterEach
    void switchOff() {
        // this test's endpoints stop wanting events, so other tests' receipts queue nothing to a closed port
        if (!made.isEmpty()) {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update webhook_endpoint set active = false where public_id in (:ids)")
                    .setParameter("ids", made).executeUpdate());
            List.of("kit-media", "smol-neft").forEach(slug -> endpoints.forget(partner(slug).id));
        }
    }

    @Test
    void eachEventArrivesOnceSignedAndOnlyToItsOwnPartner() throws Exception {
        try (Receiver kit = new Receiver(0); Receiver smol = new Receiver(0)) {
            String kitSecret = create("kit-media", kit.url(), List.of(WebhookTypes.PURCHASE_ACCRUED, WebhookTypes.PURCHASE_REFUNDED,
                    WebhookTypes.ORDER_STATE_CHANGED, WebhookTypes.CONSENT_WITHDRAWN));
            String smolSecret = create("smol-neft", smol.url(), List.of(WebhookTypes.PURCHASE_ACCRUED, WebhookTypes.PURCHASE_REFUNDED,
                    WebhookTypes.CONSENT_WITHDRAWN));
            TestMember m = TestMembers.register();
            String receipt = "WH-" + UUID.randomUUID().toString().substring(0, 8);
            post("kit-media", receipt, m.cardNumber(), "1200.00");
            await().atMost(Duration.ofSeconds(30)).until(() -> kit.of(WebhookTypes.PURCHASE_ACCRUED).stream().anyMatch(r -> r.body().contains(receipt)));
            Received accrued = kit.of(WebhookTypes.PURCHASE_ACCRUED).stream().filter(r -> r.body().contains(receipt)).findFirst().orElseThrow();
            assertTrue(WebhookSignature.verify(kitSecret, accrued.id(), Long.parseLong(accrued.timestamp()), accrued.body(), accrued.signature()),
                    "a valid signature: " + accrued);
            assertFalse(WebhookSignature.verify(kitSecret, accrued.id(), Long.parseLong(accrued.timestamp()), accrued.body().replace("1200", "9200"),
                    accrued.signature()), "a changed body does not verify");
            assertTrue(accrued.id().startsWith("msg_"));
            assertTrue(accrued.body().contains("\"card\":\"" + m.cardNumber() + "\"") && accrued.body().contains("\"points\":1200"), accrued.body());
            assertFalse(accrued.body().contains(m.email()) || accrued.body().contains(m.phone()), "no contact data: " + accrued.body());

            // a refund, and a consent withdrawn: the member is a customer of kit-media only
            given().auth().oauth2(Tokens.till("kit-media")).contentType(ContentType.JSON)
                    .body(Map.of("refundId", "R-" + receipt, "lines", List.of(Map.of("sku", "BANNER", "amount", "200.00"))))
                    .post("/api/v1/purchases/" + receipt + "/refunds").then().statusCode(201);
            given().auth().oauth2(m.token()).contentType(ContentType.JSON).body(Map.of("marketingEmail", false))
                    .put("/api/v1/me/consents").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> !kit.of(WebhookTypes.PURCHASE_REFUNDED).isEmpty()
                    && kit.of(WebhookTypes.CONSENT_WITHDRAWN).stream().anyMatch(r -> r.body().contains(m.cardNumber())));
            assertTrue(kit.of(WebhookTypes.CONSENT_WITHDRAWN).stream().anyMatch(r -> r.body().contains("\"consent\":\"marketingEmail\"")));

            // smol-neft's own receipt reaches smol-neft; nothing of kit-media's ever did
            String smolReceipt = "WH-" + UUID.randomUUID().toString().substring(0, 8);
            post("smol-neft", smolReceipt, m.cardNumber(), "800.00");
            await().atMost(Duration.ofSeconds(30)).until(() -> smol.of(WebhookTypes.PURCHASE_ACCRUED).stream().anyMatch(r -> r.body().contains(smolReceipt)));
            Received smolAccrued = smol.of(WebhookTypes.PURCHASE_ACCRUED).stream().filter(r -> r.body().contains(smolReceipt)).findFirst().orElseThrow();
            assertTrue(WebhookSignature.verify(smolSecret, smolAccrued.id(), Long.parseLong(smolAccrued.timestamp()), smolAccrued.body(),
                    smolAccrued.signature()));
            synchronized (smol.got) {
                assertTrue(smol.got.stream().noneMatch(r -> r.body().contains("\"partner\":\"kit-media\"") || r.body().contains(receipt)),
                        "smol-neft heard nothing of kit-media");
            }
            synchronized (kit.got) {
                assertTrue(kit.got.stream().noneMatch(r -> r.body().contains("\"partner\":\"smol-neft\"") || r.body().contains(smolReceipt)),
                        "kit-media heard nothing of smol-neft");
                // once per delivery: no id twice (no failures, no replays here)
                assertEquals(kit.got.size(), kit.got.stream().map(Received::id).distinct().count(), "each event once");
            }
        }
    }

    @Test
    void aReceiverThatFailsThreeTimesGetsTheEventOnTheFourthTryAndAReplayCarriesTheSameId() throws Exception {
        try (Receiver flaky = new Receiver(3)) {
            String secret = create("kit-media", flaky.url(), List.of(WebhookTypes.PURCHASE_ACCRUED));
            TestMember m = TestMembers.register();
            String receipt = "WH-" + UUID.randomUUID().toString().substring(0, 8);
            post("kit-media", receipt, m.cardNumber(), "300.00");
            await().atMost(Duration.ofSeconds(60)).until(() -> delivery(receipt).status().equals("DELIVERED"));
            List<Received> tries = flaky.of(WebhookTypes.PURCHASE_ACCRUED).stream().filter(r -> r.body().contains(receipt)).toList();
            assertEquals(4, tries.size(), "three failures, then the fourth try");
            assertEquals(1, tries.stream().map(Received::id).distinct().count(), "every try carries the event's id");
            tries.forEach(t -> assertTrue(WebhookSignature.verify(secret, t.id(), Long.parseLong(t.timestamp()), t.body(), t.signature())));
            WebhookEndpoints.Delivery d = delivery(receipt);
            assertEquals(4, d.attempts());
            assertEquals(204, d.lastStatus());

            Partner kit = partner("kit-media");
            QuarkusTransaction.requiringNew().run(() -> endpoints.replay(kit, made.get(made.size() - 1), d.deliveryId(), "test"));
            await().atMost(Duration.ofSeconds(30)).until(() -> flaky.of(WebhookTypes.PURCHASE_ACCRUED).stream()
                    .filter(r -> r.body().contains(receipt)).count() == 5);
            assertEquals(tries.get(0).id(), flaky.of(WebhookTypes.PURCHASE_ACCRUED).stream().filter(r -> r.body().contains(receipt))
                    .reduce((a, b) -> b).orElseThrow().id());
        }
    }

    @Test
    void aReceiverThatNeverAnswersRightEndsDeadAfterTheLastTry() throws Exception {
        try (Receiver broken = new Receiver(Integer.MAX_VALUE)) {
            create("kit-media", broken.url(), List.of(WebhookTypes.PURCHASE_ACCRUED));
            TestMember m = TestMembers.register();
            String receipt = "WH-" + UUID.randomUUID().toString().substring(0, 8);
            post("kit-media", receipt, m.cardNumber(), "100.00");
            await().atMost(Duration.ofSeconds(60)).until(() -> delivery(receipt).status().equals("DEAD"));
            // the test profile's schedule has seven waits: eight tries in all
            assertEquals(8, delivery(receipt).attempts());
        }
    }

    @Test
    void pointsActivatedAreToldOnceWhenTheirMomentPasses() throws Exception {
        MovableClock clock = MovableClock.installAt(OffsetDateTime.now(ZoneOffset.ofHours(3)).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        try (Receiver kit = new Receiver(0)) {
            create("kit-media", kit.url(), List.of(WebhookTypes.POINTS_ACTIVATED));
            Partner p = partner("kit-media");
            QuarkusTransaction.requiringNew().run(() -> cursors.reset(WebhookJobs.ACTIVATION_JOB, p.id));
            assertEquals(0, (int) QuarkusTransaction.requiringNew().call(() -> jobs.activations(p.id)), "the first run only starts the cursor");
            TestMember m = TestMembers.register();
            post("kit-media", "WH-" + UUID.randomUUID().toString().substring(0, 8), m.cardNumber(), "700.00");
            clock.move(Duration.ofDays(32));
            assertTrue(QuarkusTransaction.requiringNew().call(() -> jobs.activations(p.id)) >= 1);
            assertEquals(0, (int) QuarkusTransaction.requiringNew().call(() -> jobs.activations(p.id)), "a second run finds nothing new");
            await().atMost(Duration.ofSeconds(30)).until(() -> kit.of(WebhookTypes.POINTS_ACTIVATED).stream()
                    .anyMatch(r -> r.body().contains(m.cardNumber())));
            Received told = kit.of(WebhookTypes.POINTS_ACTIVATED).stream().filter(r -> r.body().contains(m.cardNumber())).findFirst().orElseThrow();
            assertTrue(told.body().contains("\"points\":700"), told.body());
        }
    }

    private String create(String slug, String url, List<String> events) {
        Partner p = partner(slug);
        WebhookEndpoints.Created created = QuarkusTransaction.requiringNew().call(() -> endpoints.create(p, url, "test", events, "test"));
        made.add(created.endpoint().endpointId());
        return created.secret();
    }

    private WebhookEndpoints.Delivery delivery(String receipt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Number id = (Number) em.createNativeQuery("select d.id from webhook_delivery d join webhook_event e on e.id = d.event_id"
                    + " where e.body like :r order by d.id desc limit 1").setParameter("r", "%" + receipt + "%").getSingleResult();
            Object[] r = (Object[]) em.createNativeQuery("select status, attempts, last_status from webhook_delivery where id = :id")
                    .setParameter("id", id.longValue()).getSingleResult();
            return new WebhookEndpoints.Delivery(id.longValue(), null, null, (String) r[0], ((Number) r[1]).intValue(),
                    r[2] == null ? null : ((Number) r[2]).intValue(), null, null, null, null, null);
        });
    }

    private Partner partner(String slug) {
        return partners.cachedBySlug(slug).orElseThrow();
    }

    private static void post(String slug, String receipt, String card, String amount) {
        Map<String, Object> line = new HashMap<>(Map.of("sku", "BANNER", "name", "Баннер", "category", "print", "amount", amount));
        given().auth().oauth2(Tokens.till(slug)).contentType(ContentType.JSON)
                .body(Map.of("receiptId", receipt, "occurredAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).toString(),
                        "member", Map.of("cardNumber", card), "lines", List.of(line)))
                .post("/api/v1/purchases").then().statusCode(201);
    }
}
