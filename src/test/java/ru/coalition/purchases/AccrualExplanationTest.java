package ru.coalition.purchases;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * An accrual explained (issue 13 §5) on a receipt worked out by hand under kit-media's rule (1 point per 1.00 ₽, rounded
 * down once per receipt; promo lines and the gift-card category earn nothing; points activate 30 days after the purchase
 * day, not counting it): which lines earned what, which earned nothing and why, the sum, the activation, and a refund.
 */
@QuarkusTest
class AccrualExplanationTest {

    @Test
    void anAccrualOpensIntoItsLinesTheRuleAndTheSum() {
        var member = TestMembers.register();
        String till = Tokens.till("kit-media");
        String receipt = "EXPLAIN-" + member.cardNumber();
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", receipt, "occurredAt", OffsetDateTime.now().minusMinutes(5).toString(),
                        "member", Map.of("cardNumber", member.cardNumber()),
                        "lines", List.of(
                                Map.of("sku", "FLYERS-A5", "name", "Флаеры А5", "amount", "1234.56", "category", "print"),
                                Map.of("sku", "CARDS-PROMO", "name", "Визитки по акции", "amount", "500.00", "category", "print", "promo", true),
                                Map.of("sku", "GIFT-1000", "name", "Подарочная карта", "amount", "1000.00", "category", "gift-card"))))
                .post("/api/v1/purchases").then().statusCode(201).body("points", equalTo(1234));

        // the history says the entry can be opened
        Object entry = given().auth().oauth2(member.token()).get("/api/v1/me/history").then().statusCode(200)
                .body("items[0].kind", equalTo("ACCRUAL")).body("items[0].explained", equalTo(true))
                .extract().path("items[0].id");

        given().auth().oauth2(member.token()).get("/api/v1/me/history/{id}", entry).then().statusCode(200)
                .body("entry.points", equalTo(1234))
                .body("purchase.receiptId", equalTo(receipt))
                .body("purchase.partner", equalTo("РА «КИТ МЕДИА»"))
                .body("purchase.rule.points", equalTo(1)).body("purchase.rule.perRubles", equalTo("1.00"))
                .body("purchase.rule.rounding", equalTo("floor")).body("purchase.rule.excludePromo", equalTo(true))
                .body("purchase.rule.excludedCategories", equalTo(List.of("gift-card")))
                .body("purchase.rule.activationDelayDays", equalTo(30)).body("purchase.rule.purchaseDayCounts", equalTo(false))
                .body("purchase.lines", hasSize(3))
                // 1 234,56 ₽ at 1 point per rouble: 1 234,56 points before the rounding
                .body("purchase.lines[0].earns", equalTo(true)).body("purchase.lines[0].points", equalTo(1234.56f))
                .body("purchase.lines[0].excludedBecause", nullValue())
                .body("purchase.lines[1].earns", equalTo(false)).body("purchase.lines[1].excludedBecause", equalTo("promo"))
                .body("purchase.lines[2].earns", equalTo(false)).body("purchase.lines[2].excludedBecause", equalTo("category"))
                .body("purchase.total", equalTo("2734.56")).body("purchase.eligible", equalTo("1234.56"))
                .body("purchase.giftCardPaid", equalTo("0.00")).body("purchase.base", equalTo("1234.56"))
                .body("purchase.multiplier", equalTo(1)).body("purchase.beforeRounding", equalTo(1234.56f))
                // rounded down once for the receipt
                .body("purchase.accrual", equalTo(1234)).body("purchase.giftCardBonus", equalTo(0))
                // kit-media has no welcome bonus
                .body("purchase.welcomeBonus", equalTo(0)).body("purchase.points", equalTo(1234))
                .body("purchase.consistent", equalTo(true))
                .body("purchase.refunds", hasSize(0));
    }

    @Test
    void aRefundsReversalOpensIntoTheSameReceiptWithTheRefundListed() {
        var member = TestMembers.register();
        String till = Tokens.till("kit-media");
        String receipt = "EXPLAIN-R-" + member.cardNumber();
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", receipt, "occurredAt", OffsetDateTime.now().minusMinutes(5).toString(),
                        "member", Map.of("cardNumber", member.cardNumber()),
                        "lines", List.of(Map.of("sku", "BANNER", "amount", "2000.00", "category", "print"),
                                Map.of("sku", "FLYERS", "amount", "300.00", "category", "print"))))
                .post("/api/v1/purchases").then().statusCode(201);
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("refundId", "R-" + member.cardNumber(), "lines", List.of(Map.of("sku", "FLYERS", "amount", "300.00"))))
                .post("/api/v1/purchases/{r}/refunds", receipt).then().statusCode(201).body("pointsReversed", equalTo(300));

        Object reversal = given().auth().oauth2(member.token()).get("/api/v1/me/history").then().statusCode(200)
                .body("items[0].kind", equalTo("REVERSAL")).body("items[0].explained", equalTo(true))
                .extract().path("items[0].id");
        given().auth().oauth2(member.token()).get("/api/v1/me/history/{id}", reversal).then().statusCode(200)
                .body("entry.points", equalTo(-300))
                .body("purchase.receiptId", equalTo(receipt)).body("purchase.accrual", equalTo(2300))
                .body("purchase.refunds", hasSize(1))
                .body("purchase.refunds[0].refundId", equalTo("R-" + member.cardNumber()))
                .body("purchase.refunds[0].amount", equalTo("300.00")).body("purchase.refunds[0].pointsReversed", equalTo(300));
    }

    @Test
    void anotherMembersEntryIsNotFoundAndAnEntryWithoutAReceiptHasNoPurchase() {
        var owner = TestMembers.register();
        given().auth().oauth2(Tokens.till("kit-media")).contentType(ContentType.JSON)
                .body(Map.of("receiptId", "EXPLAIN-O-" + owner.cardNumber(), "occurredAt", OffsetDateTime.now().minusMinutes(5).toString(),
                        "member", Map.of("cardNumber", owner.cardNumber()),
                        "lines", List.of(Map.of("sku", "X", "amount", "100.00", "category", "print"))))
                .post("/api/v1/purchases").then().statusCode(201);
        Object entry = given().auth().oauth2(owner.token()).get("/api/v1/me/history").then().extract().path("items[0].id");

        var stranger = TestMembers.register();
        given().auth().oauth2(stranger.token()).get("/api/v1/me/history/{id}", entry).then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("history.entry-not-found"));
        given().auth().oauth2(stranger.token()).get("/api/v1/me/history/{id}", 999_999_999L).then().statusCode(404);
        given().auth().oauth2(stranger.token()).get("/api/v1/me/history/{id}", "abc").then().statusCode(404);
        // a till's token is no member's
        given().auth().oauth2(Tokens.till("kit-media")).get("/api/v1/me/history/{id}", entry).then().statusCode(403);
    }
}
