package ru.coalition.purchases;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each bad request gets the right 4xx problem+json and changes nothing; another partner's objects are not found. */
@QuarkusTest
class PurchaseBadInputTest {

    static Map<String, Object> receipt(String id, Object member, Object amount, String occurredAt) {
        Map<String, Object> line = new HashMap<>(Map.of("sku", "BANNER", "name", "Баннер", "category", "print"));
        line.put("amount", amount);
        return new HashMap<>(Map.of("receiptId", id, "occurredAt", occurredAt, "member", member, "lines", List.of(line)));
    }

    static String now() {
        return OffsetDateTime.now().minusMinutes(1).toString();
    }

    static void refused(String token, Object body, int status, String code) {
        given().auth().oauth2(token).contentType(ContentType.JSON).body(body).header("Accept-Language", "en")
                .post("/api/v1/purchases").then().statusCode(status).contentType("application/problem+json")
                .body("code", equalTo(code));
    }

    static int historyTotal(TestMember m) {
        return given().auth().oauth2(m.token()).get("/api/v1/me/history").then().statusCode(200).extract().path("total");
    }

    @Test
    void badPurchasesChangeNothing() {
        TestMember m = TestMembers.register();
        String till = Tokens.till("kit-media");
        Map<String, String> card = Map.of("cardNumber", m.cardNumber());

        refused(till, receipt("X-1", Map.of("cardNumber", "7000000000000000"), "10.00", now()), 404, "member.not-found");
        refused(till, receipt("X-2", Map.of("phone", "+79999999999"), "10.00", now()), 404, "member.not-found");
        for (Object amount : List.of("12,00", "-5.00", "1.234", "1e3", "", "abc")) {
            given().auth().oauth2(till).contentType(ContentType.JSON).body(receipt("X-3", card, amount, now()))
                    .post("/api/v1/purchases").then().statusCode(422).body("code", equalTo("validation"))
                    .body("errors.field", hasItem("lines[0].amount"));
        }
        refused(till, receipt("X-4", card, -5, now()), 422, "validation");
        refused(till, receipt("X-5", card, "10.00", OffsetDateTime.now().plusMinutes(10).toString()), 422, "purchase.in-future");
        refused(till, receipt("X-6", card, "10.00", OffsetDateTime.now().minusDays(91).toString()), 422, "purchase.too-old");
        refused(till, receipt("X-7", card, "10.00", "yesterday"), 422, "validation");
        Map<String, Object> noLines = receipt("X-8", card, "10.00", now());
        noLines.put("lines", List.of());
        refused(till, noLines, 422, "validation");
        Map<String, Object> unknownCard = receipt("X-9", card, "10.00", now());
        unknownCard.put("payments", List.of(Map.of("method", "gift-card", "amount", "10.00", "giftCardCode", "GC-NONE-NONE")));
        refused(till, unknownCard, 422, "giftcard.unknown");
        Map<String, Object> noCode = receipt("X-10", card, "10.00", now());
        noCode.put("payments", List.of(Map.of("method", "gift-card", "amount", "10.00")));
        refused(till, noCode, 422, "purchase.gift-card-code");
        Map<String, Object> badMethod = receipt("X-11", card, "10.00", now());
        badMethod.put("payments", List.of(Map.of("method", "barter", "amount", "10.00")));
        refused(till, badMethod, 422, "validation");
        given().auth().oauth2(till).contentType(ContentType.JSON).body("{\"receiptId\": ").post("/api/v1/purchases")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(till).contentType(ContentType.JSON).post("/api/v1/purchases").then().statusCode(422);

        assertEquals(0, historyTotal(m), "no bad request wrote anything");
        given().auth().oauth2(till).get("/api/v1/members/{c}/wallet", m.cardNumber()).then().statusCode(200)
                .body("active", equalTo(0)).body("pending", equalTo(0));
        given().auth().oauth2(till).get("/api/v1/members/{c}/wallet", "7000000000000000").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void anotherPartnersReceiptsOffersAndWalletsAreNotTheirs() {
        TestMember m = TestMembers.register();
        String kit = Tokens.till("kit-media");
        String neft = Tokens.till("smol-neft");
        String receipt = "XT-" + m.cardNumber();
        given().auth().oauth2(kit).contentType(ContentType.JSON).body(receipt(receipt, Map.of("cardNumber", m.cardNumber()), "500.00", now()))
                .post("/api/v1/purchases").then().statusCode(201).body("points", equalTo(500));

        // smol-neft cannot refund kit-media's receipt
        given().auth().oauth2(neft).contentType(ContentType.JSON)
                .body(Map.of("refundId", "XF-1", "lines", List.of(Map.of("sku", "BANNER", "amount", "500.00"))))
                .post("/api/v1/purchases/{r}/refunds", receipt).then().statusCode(404).body("code", equalTo("purchase.not-found"));
        // the same receipt id at another partner is another receipt
        given().auth().oauth2(neft).contentType(ContentType.JSON).body(receipt(receipt, Map.of("cardNumber", m.cardNumber()), "500.00", now()))
                .post("/api/v1/purchases").then().statusCode(201).body("wallet", equalTo("coalition"));
        // each partner sees its own wallet only
        given().auth().oauth2(neft).get("/api/v1/members/{c}/wallet", m.cardNumber()).then().statusCode(200)
                .body("wallet", equalTo("coalition")).body("active", equalTo(125));
        given().auth().oauth2(kit).get("/api/v1/members/{c}/wallet", m.cardNumber()).then().statusCode(200)
                .body("wallet", equalTo("kit-media")).body("pending", equalTo(500)).body("coalition", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(neft).post("/api/v1/offers/{id}/collect", java.util.UUID.randomUUID().toString()).then().statusCode(404);
        given().auth().oauth2(neft).post("/api/v1/offers/{id}/collect", "not-a-uuid").then().statusCode(404);
        // refunds: unknown sku, too much, malformed
        given().auth().oauth2(kit).contentType(ContentType.JSON)
                .body(Map.of("refundId", "XF-2", "lines", List.of(Map.of("sku", "NOPE", "amount", "1.00"))))
                .post("/api/v1/purchases/{r}/refunds", receipt).then().statusCode(422).body("code", equalTo("refund.exceeds"));
        given().auth().oauth2(kit).contentType(ContentType.JSON)
                .body(Map.of("refundId", "XF-3", "lines", List.of(Map.of("sku", "BANNER", "amount", "500.01"))))
                .post("/api/v1/purchases/{r}/refunds", receipt).then().statusCode(422);
        given().auth().oauth2(kit).contentType(ContentType.JSON)
                .body(Map.of("refundId", "XF-4", "lines", List.of(Map.of("sku", "BANNER", "amount", "-1"))))
                .post("/api/v1/purchases/{r}/refunds", receipt).then().statusCode(422).body("code", equalTo("validation"));
        given().auth().oauth2(kit).get("/api/v1/members/{c}/wallet", m.cardNumber()).then().body("pending", equalTo(500));
        // members and operator staff are not tills
        given().auth().oauth2(m.token()).contentType(ContentType.JSON).body(receipt("XM", Map.of("cardNumber", m.cardNumber()), "1.00", now()))
                .post("/api/v1/purchases").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/purchases").then().statusCode(401);
        // a till cannot adjust or audit the ledger
        given().auth().oauth2(kit).get("/api/v1/operator/ledger/audit").then().statusCode(403);
    }

    @Test
    void redemptionsNeedTheMembersCodeAndEnoughPoints() {
        TestMember m = TestMembers.register();
        String neft = Tokens.till("smol-neft");
        Map<String, Object> r = new HashMap<>(Map.of("redemptionId", "RX-" + m.cardNumber(),
                "member", Map.of("cardNumber", m.cardNumber()), "points", 10, "code", "123456"));
        given().auth().oauth2(neft).contentType(ContentType.JSON).body(r).post("/api/v1/redemptions").then().statusCode(422)
                .body("code", equalTo("redemption.bad-code"));
        r.put("code", "12");
        given().auth().oauth2(neft).contentType(ContentType.JSON).body(r).post("/api/v1/redemptions").then().statusCode(422)
                .body("code", equalTo("validation"));
        String code = given().auth().oauth2(m.token()).post("/api/v1/me/payment-codes").then().statusCode(201)
                .extract().path("code");
        r.put("code", code);
        given().auth().oauth2(neft).contentType(ContentType.JSON).body(r).post("/api/v1/redemptions").then().statusCode(422)
                .body("code", equalTo("redemption.insufficient"));
        r.put("points", 0);
        given().auth().oauth2(neft).contentType(ContentType.JSON).body(r).post("/api/v1/redemptions").then().statusCode(422);
        assertEquals(0, historyTotal(m));
    }
}
