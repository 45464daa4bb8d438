package ru.coalition.purchases;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.audit.AuditEntry;
import ru.coalition.ledger.LedgerAudit;
import ru.coalition.rewards.OfferService;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PROGRAM-SEMANTICS.md §1 through the partner and member APIs with real tokens: examples A, B, C and the gift card. */
@QuarkusTest
class KitMediaExamplesTest {

    @Inject
    OfferService offers;

    @Inject
    LedgerAudit audit;

    MovableClock clock;

    @BeforeEach
    void clockAtExampleA() {
        clock = MovableClock.installAt("2026-03-01T14:05:00+03:00");
    }

    static Map<String, Object> line(String sku, String name, String amount, String category, boolean promo) {
        return Map.of("sku", sku, "name", name, "amount", amount, "category", category, "promo", promo);
    }

    static Map<String, Object> receiptA(String receiptId, String card) {
        return Map.of("receiptId", receiptId, "occurredAt", "2026-03-01T14:00:00+03:00",
                "member", Map.of("cardNumber", card),
                "lines", List.of(line("BANNER-3x6", "Баннер 3×6, печать", "12000.00", "print", false),
                        line("GC-3000", "Подарочная карта", "3000.00", "gift-card", false),
                        line("CARDS", "Визитки", "2500.00", "print", true),
                        line("FLYERS-A5", "Листовки А5", "1234.56", "print", false)),
                "payments", List.of(Map.of("method", "cash", "amount", "18734.56")));
    }

    static ExtractableResponse<Response> post(String till, Object body, int status) {
        return given().auth().oauth2(till).contentType(ContentType.JSON).body(body).post("/api/v1/purchases")
                .then().statusCode(status).extract();
    }

    @Test
    void exampleA_accruesOncePendingUntilTheThirtyFirstDay() {
        TestMember m = TestMembers.register();
        String till = Tokens.till("kit-media");
        String receipt = "A-" + m.cardNumber();

        var first = post(till, receiptA(receipt, m.cardNumber()), 201);
        assertEquals(13234, (int) first.path("points"));
        assertEquals("PENDING", first.path("status"));
        assertEquals("kit-media", first.path("wallet"));
        assertEquals("2026-04-01T00:00:00+03:00", first.path("activatesAt"));

        // the same receipt again: the first answer, nothing added
        var replay = post(till, receiptA(receipt, m.cardNumber()), 200);
        assertEquals(first.jsonPath().getMap("$"), replay.jsonPath().getMap("$"));
        // the same receipt by phone is the same body
        Map<String, Object> byPhone = new java.util.HashMap<>(receiptA(receipt, m.cardNumber()));
        byPhone.put("member", Map.of("phone", m.phone()));
        post(till, byPhone, 200);
        // a different body under the same receipt id
        Map<String, Object> changed = new java.util.HashMap<>(receiptA(receipt, m.cardNumber()));
        changed.put("lines", List.of(line("BANNER-3x6", "Баннер 3×6, печать", "12000.01", "print", false)));
        given().auth().oauth2(till).contentType(ContentType.JSON).body(changed).post("/api/v1/purchases")
                .then().statusCode(409).contentType("application/problem+json").body("code", equalTo("purchase.receipt-conflict"));

        String token = m.token();
        given().auth().oauth2(token).get("/api/v1/me/wallets").then().statusCode(200)
                .body("find { it.wallet == 'kit-media' }.active", equalTo(0))
                .body("find { it.wallet == 'kit-media' }.pending", equalTo(13234))
                .body("find { it.wallet == 'kit-media' }.nextActivation.points", equalTo(13234))
                .body("find { it.wallet == 'kit-media' }.nextActivation.at", equalTo("2026-04-01T00:00:00+03:00"))
                .body("find { it.wallet == 'coalition' }.active", equalTo(0));
        given().auth().oauth2(token).get("/api/v1/me/history").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].kind", equalTo("ACCRUAL")).body("items[0].points", equalTo(13234))
                .body("items[0].pending", equalTo(true));

        // the balance is read live: a second before midnight still pending, at midnight active, no job involved
        clock.set("2026-03-31T23:59:59+03:00");
        till(till, m).body("active", equalTo(0)).body("pending", equalTo(13234))
                .body("nextActivation.at", equalTo("2026-04-01T00:00:00+03:00")).body("nextActivation.date", equalTo("01.04.2026"));
        clock.set("2026-04-01T00:00:00+03:00");
        till(till, m).body("active", equalTo(13234)).body("pending", equalTo(0)).body("nextActivation", nullValue());
    }

    @Test
    void exampleB_partialRefundReversesWhatTheLineEarned() {
        TestMember m = TestMembers.register();
        String till = Tokens.till("kit-media");
        String receipt = "B-" + m.cardNumber();
        post(till, receiptA(receipt, m.cardNumber()), 201);

        clock.set("2026-03-05T11:00:00+03:00");
        Map<String, Object> refund = Map.of("refundId", "F-" + m.cardNumber(),
                "lines", List.of(Map.of("sku", "FLYERS-A5", "amount", "1234.56")));
        given().auth().oauth2(till).contentType(ContentType.JSON).body(refund)
                .post("/api/v1/purchases/{r}/refunds", receipt)
                .then().statusCode(201).body("pointsReversed", equalTo(1234)).body("refundId", equalTo("F-" + m.cardNumber()));
        // idempotent on refundId
        given().auth().oauth2(till).contentType(ContentType.JSON).body(refund)
                .post("/api/v1/purchases/{r}/refunds", receipt)
                .then().statusCode(200).body("pointsReversed", equalTo(1234));
        // taken from pending: 12 000 left to activate
        till(till, m).body("active", equalTo(0)).body("pending", equalTo(12000));
        // the line cannot be refunded twice
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("refundId", "F2-" + m.cardNumber(), "lines", List.of(Map.of("sku", "FLYERS-A5", "amount", "0.01"))))
                .post("/api/v1/purchases/{r}/refunds", receipt)
                .then().statusCode(422).body("code", equalTo("refund.exceeds"));

        clock.set("2026-04-01T00:00:00+03:00");
        till(till, m).body("active", equalTo(12000)).body("pending", equalTo(0));
        // a refund after activation takes active points, and may leave the wallet in debt after spending
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("refundId", "F3-" + m.cardNumber(), "lines", List.of(Map.of("sku", "BANNER-3x6", "amount", "2000.00"))))
                .post("/api/v1/purchases/{r}/refunds", receipt)
                .then().statusCode(201).body("pointsReversed", equalTo(2000));
        till(till, m).body("active", equalTo(10000));
        assertTrue(audit.run().clean(), () -> audit.run().breaches().toString());
    }

    @Test
    void giftCardFlow_offerNoticeCollectionAndExampleC() {
        TestMember m = TestMembers.register();
        String till = Tokens.till("kit-media");
        post(till, Map.of("receiptId", "GC-BASE-" + m.cardNumber(), "occurredAt", "2026-03-01T14:00:00+03:00",
                "member", Map.of("cardNumber", m.cardNumber()),
                "lines", List.of(line("STAND", "Выставочный стенд", "25000.00", "print", false))), 201);
        offers.makeOffers();
        given().auth().oauth2(till).get("/api/v1/members/{c}/offers", m.cardNumber()).then().statusCode(200).body("$", hasSize(0));

        // the points activate on 1 April; the job (every minute in production) makes the offer and tells the member
        clock.set("2026-04-01T00:00:30+03:00");
        assertTrue(offers.makeOffers() >= 1);
        assertEquals(0, offers.makeOffers(), "a rerun makes nothing");
        String offerId = given().auth().oauth2(till).get("/api/v1/members/{c}/offers", m.cardNumber()).then().statusCode(200)
                .body("$", hasSize(1)).body("[0].cost", equalTo(25000)).body("[0].reward.giftCard.nominal", equalTo("1500.00"))
                .body("[0].expiresAt", equalTo("2026-05-31T23:59:59+03:00"))
                .extract().path("[0].offerId");
        String mail = Inbox.body(Inbox.awaitMailTo(m.email(), "подарочная карта"));
        assertTrue(mail.contains("1 500") || mail.contains("1&nbsp;500") || mail.contains("1\u00a0500"), mail);
        assertTrue(mail.contains("31.05.2026"), mail);
        given().auth().oauth2(m.token()).get("/api/v1/me/offers").then().statusCode(200)
                .body("offers[0].status", equalTo("OPEN")).body("offers[0].nominal", equalTo("1500.00"));

        // another partner cannot see or collect it
        given().auth().oauth2(Tokens.till("smol-neft")).post("/api/v1/offers/{id}/collect", offerId).then().statusCode(404);
        given().auth().oauth2(Tokens.till("smol-neft")).get("/api/v1/members/{c}/offers", m.cardNumber()).then().statusCode(200)
                .body("$", hasSize(0));

        clock.set("2026-04-10T12:00:00+03:00");
        String code = given().auth().oauth2(till).post("/api/v1/offers/{id}/collect", offerId).then().statusCode(201)
                .body("nominal", equalTo("1500.00")).body("giftCardCode", matchesPattern("GC-[A-Z0-9]{4}-[A-Z0-9]{4}"))
                .extract().path("giftCardCode");
        given().auth().oauth2(till).post("/api/v1/offers/{id}/collect", offerId).then().statusCode(409)
                .body("code", equalTo("offer.collected"));
        // the audit log, read by all operator staff, keeps only the card's last four characters
        Object logged = QuarkusTransaction.requiringNew().call(() -> AuditEntry.<AuditEntry>find("action = ?1 and targetId = ?2",
                "offer.collect", offerId).singleResult().details.get("giftCard"));
        assertEquals("GC-****-" + code.substring(code.length() - 4), logged);
        till(till, m).body("active", equalTo(0));
        given().auth().oauth2(m.token()).get("/api/v1/me/offers").then().statusCode(200)
                .body("giftCards[0].code", equalTo(code)).body("giftCards[0].status", equalTo("ISSUED"));

        // example C: 5 000 of eligible lines, 1 500 by the gift card and 3 500 cash -> 3 500 + 1 500 = 5 000, pending
        Map<String, Object> c = Map.of("receiptId", "C-" + m.cardNumber(), "occurredAt", "2026-04-10T11:55:00+03:00",
                "member", Map.of("cardNumber", m.cardNumber()),
                "lines", List.of(line("POSTER", "Плакаты", "5000.00", "print", false)),
                "payments", List.of(Map.of("method", "gift-card", "amount", "1500.00", "giftCardCode", code),
                        Map.of("method", "cash", "amount", "3500.00")));
        var posted = post(till, c, 201);
        assertEquals(5000, (int) posted.path("points"));
        assertEquals(3500, (int) posted.path("breakdown.accrual"));
        assertEquals(1500, (int) posted.path("breakdown.giftCardBonus"));
        assertEquals("PENDING", posted.path("status"));
        assertEquals("2026-05-11T00:00:00+03:00", posted.path("activatesAt"));
        post(till, c, 200);
        // the card is single use
        Map<String, Object> again = new java.util.HashMap<>(c);
        again.put("receiptId", "C2-" + m.cardNumber());
        given().auth().oauth2(till).contentType(ContentType.JSON).body(again).post("/api/v1/purchases")
                .then().statusCode(422).body("code", equalTo("giftcard.unknown"));
        till(till, m).body("active", equalTo(0)).body("pending", equalTo(5000));
        given().auth().oauth2(m.token()).get("/api/v1/me/offers").then().statusCode(200)
                .body("giftCards[0].status", equalTo("REDEEMED"));
        assertTrue(audit.run().clean(), () -> audit.run().breaches().toString());
    }

    @Test
    void uncollectedOfferIsAnnulledAfterSixtyDaysAndMadeAgainOnNewPoints() {
        TestMember m = TestMembers.register("sms", null, "1985-01-02");
        String till = Tokens.till("kit-media");
        post(till, Map.of("receiptId", "ANN-" + m.cardNumber(), "occurredAt", "2026-03-01T14:00:00+03:00",
                "member", Map.of("cardNumber", m.cardNumber()),
                "lines", List.of(line("STAND", "Выставочный стенд", "26000.00", "print", false))), 201);
        clock.set("2026-04-01T09:00:00+03:00");
        offers.makeOffers();
        String offerId = given().auth().oauth2(till).get("/api/v1/members/{c}/offers", m.cardNumber()).then()
                .body("$", hasSize(1)).extract().path("[0].offerId");

        clock.set("2026-05-31T23:59:58+03:00");
        offers.annulExpired();
        given().auth().oauth2(till).get("/api/v1/members/{c}/offers", m.cardNumber()).then().body("$", hasSize(1));
        clock.set("2026-06-01T00:00:01+03:00");
        assertTrue(offers.annulExpired() >= 1);
        given().auth().oauth2(till).get("/api/v1/members/{c}/offers", m.cardNumber()).then().body("$", hasSize(0));
        given().auth().oauth2(till).post("/api/v1/offers/{id}/collect", offerId).then().statusCode(409)
                .body("code", equalTo("offer.expired"));
        given().auth().oauth2(m.token()).get("/api/v1/me/offers").then().body("offers[0].status", equalTo("ANNULLED"));

        // no new offer until new points become active, though the balance is still above the threshold
        offers.makeOffers();
        given().auth().oauth2(till).get("/api/v1/members/{c}/offers", m.cardNumber()).then().body("$", hasSize(0));
        clock.set("2026-06-01T10:05:00+03:00");
        post(till, Map.of("receiptId", "ANN2-" + m.cardNumber(), "occurredAt", "2026-06-01T10:00:00+03:00",
                "member", Map.of("cardNumber", m.cardNumber()),
                "lines", List.of(line("CARDS", "Визитки", "100.00", "print", false))), 201);
        clock.set("2026-07-02T00:00:01+03:00");
        offers.makeOffers();
        given().auth().oauth2(till).get("/api/v1/members/{c}/offers", m.cardNumber()).then().body("$", hasSize(1));
    }

    static io.restassured.response.ValidatableResponse till(String till, TestMember m) {
        return given().auth().oauth2(till).get("/api/v1/members/{c}/wallet", m.cardNumber()).then().statusCode(200)
                .body("wallet", equalTo("kit-media"));
    }
}
