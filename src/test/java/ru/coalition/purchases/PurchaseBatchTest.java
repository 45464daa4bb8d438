package ru.coalition.purchases;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.ledger.LedgerAudit;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /api/v1/purchase-batches: each receipt answered as if posted alone, in the order sent. */
@QuarkusTest
@SuppressWarnings("unchecked")
class PurchaseBatchTest {

    @Inject
    EntityManager em;

    @Inject
    LedgerAudit audit;

    static Map<String, Object> receipt(String id, String card, String amount) {
        Map<String, Object> line = new HashMap<>(Map.of("sku", "BANNER", "name", "Баннер", "category", "print", "amount", amount));
        return new HashMap<>(Map.of("receiptId", id, "occurredAt", PurchaseBadInputTest.now(), "member", Map.of("cardNumber", card),
                "lines", List.of(line)));
    }

    static ValidatableResponse batch(String till, List<?> purchases) {
        return given().auth().oauth2(till).contentType(ContentType.JSON).header("Accept-Language", "en")
                .body(Map.of("purchases", purchases)).post("/api/v1/purchase-batches").then();
    }

    static String id(String tag) {
        return "B-" + tag + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void eachItemIsAnsweredInOrderAndBadItemsNeverBlockGoodOnes() {
        TestMember m = TestMembers.register();
        String till = Tokens.till("kit-media");
        String a = id("a");
        String b = id("b");
        Map<String, Object> badAmount = receipt(id("bad"), m.cardNumber(), "12,00");
        Map<String, Object> unreadable = receipt(id("unreadable"), m.cardNumber(), "1.00");
        unreadable.put("lines", List.of(Map.of("sku", "X", "amount", Map.of("rub", 1))));
        Map<String, Object> unknownMember = receipt(id("nobody"), "7000000000000000", "10.00");
        Map<String, Object> first = receipt(a, m.cardNumber(), "100.00");
        Map<String, Object> second = receipt(b, m.cardNumber(), "250.00");
        List<Object> items = new ArrayList<>(List.of(first, badAmount, unknownMember, second, first,
                receipt(a, m.cardNumber(), "999.00"), unreadable));
        items.add(null);

        ValidatableResponse r = batch(till, items).statusCode(200);
        r.body("results.size()", equalTo(8))
                .body("results[0].receiptId", equalTo(a)).body("results[0].status", equalTo(201))
                .body("results[0].purchase.points", equalTo(100)).body("results[0].problem", nullValue())
                .body("results[1].status", equalTo(422)).body("results[1].problem.code", equalTo("validation"))
                .body("results[1].problem.errors.field", hasItem("lines[0].amount")).body("results[1].purchase", nullValue())
                .body("results[2].status", equalTo(404)).body("results[2].problem.code", equalTo("member.not-found"))
                .body("results[3].receiptId", equalTo(b)).body("results[3].status", equalTo(201))
                .body("results[3].purchase.points", equalTo(250))
                // the same receipt again inside the batch: the first answer; another body under its id: a conflict
                .body("results[4].status", equalTo(200))
                .body("results[5].status", equalTo(409)).body("results[5].problem.code", equalTo("purchase.receipt-conflict"))
                .body("results[6].status", equalTo(422)).body("results[6].problem.errors.field", hasItem("lines[0].amount"))
                .body("results[7].status", equalTo(422));
        String purchaseId = r.extract().jsonPath().getString("results[0].purchase.purchaseId");
        assertEquals(purchaseId, r.extract().jsonPath().getString("results[4].purchase.purchaseId"));

        // the same receipts in a later batch, and one of them posted alone: first answers, conflicts, nothing twice
        batch(till, List.of(second, receipt(a, m.cardNumber(), "1.00"))).statusCode(200)
                .body("results[0].status", equalTo(200)).body("results[0].purchase.points", equalTo(250))
                .body("results[1].status", equalTo(409));
        given().auth().oauth2(till).contentType(ContentType.JSON).body(first)
                .post("/api/v1/purchases").then().statusCode(200).body("purchaseId", equalTo(purchaseId));
        given().auth().oauth2(m.token()).get("/api/v1/me/wallets").then().statusCode(200)
                .body("find { it.wallet == 'kit-media' }.pending", equalTo(350));
        assertTrue(audit.run().clean(), "the ledger audit finds nothing wrong after the batches");
    }

    @Test
    void aReceiptRefusedEarlierInTheBatchDoesNotBlockItsCorrectedRepeat() {
        TestMember m = TestMembers.register();
        String receipt = id("fixed");
        Map<String, Object> tooOld = receipt(receipt, m.cardNumber(), "10.00");
        tooOld.put("occurredAt", java.time.OffsetDateTime.now().minusDays(91).toString());
        Map<String, Object> corrected = receipt(receipt, m.cardNumber(), "10.00");
        batch(Tokens.till("kit-media"), List.of(tooOld, corrected, corrected)).statusCode(200)
                .body("results[0].status", equalTo(422)).body("results[0].problem.code", equalTo("purchase.too-old"))
                .body("results[1].status", equalTo(201)).body("results[2].status", equalTo(200));
    }

    @Test
    void aPurchaseThatLiftsTheMemberToANewTierCountsForTheirNextReceiptInTheSameBatch() {
        TestMember m = TestMembers.register();
        Map<String, Object> big = receipt(id("gold"), m.cardNumber(), "160000.00");
        Map<String, Object> next = receipt(id("next"), m.cardNumber(), "1000.00");
        for (Map<String, Object> r : List.of(big, next)) {
            r.put("lines", List.of(Map.of("sku", "TO", "name", "ТО", "category", "service", "amount",
                    ((List<Map<String, Object>>) r.get("lines")).get(0).get("amount"))));
        }
        // avto-drive: 1 point per 100 roubles; 150 000 ₽ over 12 months is gold, which multiplies by 1.5
        batch(Tokens.till("avto-drive"), List.of(big, next)).statusCode(200)
                .body("results[0].status", equalTo(201)).body("results[0].purchase.breakdown.accrual", equalTo(1600))
                .body("results[1].status", equalTo(201)).body("results[1].purchase.breakdown.accrual", equalTo(15));
        assertEquals("gold", em.createNativeQuery("select t.tier_code from member_tier t join member m on m.id = t.member_id"
                + " where m.card_number = :c").setParameter("c", m.cardNumber()).getSingleResult());
    }

    @Test
    void aThousandReceiptsGoInOneBatchAndAThousandAndOneAreRefused() {
        TestMember m = TestMembers.register();
        String till = Tokens.till("kit-media");
        String prefix = id("k");
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < PurchaseBatchApiResource.MAX_RECEIPTS + 1; i++) {
            items.add(receipt(prefix + "-" + i, m.cardNumber(), "1.00"));
        }
        batch(till, items).statusCode(422).body("code", equalTo("purchase.batch-size"));
        batch(till, List.of()).statusCode(422).body("code", equalTo("purchase.batch-size"));
        assertEquals(0L, count(prefix));

        List<Integer> statuses = batch(till, items.subList(0, PurchaseBatchApiResource.MAX_RECEIPTS)).statusCode(200)
                .extract().jsonPath().getList("results.status");
        assertEquals(PurchaseBatchApiResource.MAX_RECEIPTS, statuses.size());
        assertTrue(statuses.stream().allMatch(s -> s == 201), "every receipt of the full batch is stored");
        assertEquals(1000L, count(prefix));
        given().auth().oauth2(m.token()).get("/api/v1/me/wallets").then().statusCode(200)
                .body("find { it.wallet == 'kit-media' }.pending", equalTo(1000));
    }

    @Test
    void aNewMembersFirstReceiptsInOneBatchEarnTheWelcomeBonusOnce() {
        TestMember m = TestMembers.register();
        String till = Tokens.till("smol-neft");
        ValidatableResponse r = batch(till, List.of(receipt(id("w1"), m.cardNumber(), "200.00"),
                receipt(id("w2"), m.cardNumber(), "200.00"))).statusCode(200);
        r.body("results[0].purchase.breakdown.welcomeBonus", equalTo(100)).body("results[0].purchase.points", equalTo(110))
                .body("results[1].purchase.breakdown.welcomeBonus", equalTo(0)).body("results[1].purchase.points", equalTo(10));
        given().auth().oauth2(m.token()).get("/api/v1/me/wallets").then().statusCode(200)
                .body("find { it.wallet == 'coalition' }.active", equalTo(120));
    }

    @Test
    void onlyATillPostsBatchesAndEachPartnerHasItsOwnReceiptIds() {
        TestMember m = TestMembers.register();
        String receipt = id("shared");
        batch(Tokens.till("kit-media"), List.of(receipt(receipt, m.cardNumber(), "10.00"))).statusCode(200)
                .body("results[0].status", equalTo(201));
        // the same receipt id at another partner is that partner's own receipt
        batch(Tokens.till("smol-neft"), List.of(receipt(receipt, m.cardNumber(), "20.00"))).statusCode(200)
                .body("results[0].status", equalTo(201)).body("results[0].purchase.wallet", equalTo("coalition"));
        given().auth().oauth2(m.token()).contentType(ContentType.JSON).body(Map.of("purchases", List.of(receipt(id("m"), m.cardNumber(), "1.00"))))
                .post("/api/v1/purchase-batches").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("purchases", List.of()))
                .post("/api/v1/purchase-batches").then().statusCode(401);
    }

    long count(String receiptPrefix) {
        return ((Number) em.createNativeQuery("select count(*) from purchase where receipt_id like :p")
                .setParameter("p", receiptPrefix + "-%").getSingleResult()).longValue();
    }
}
