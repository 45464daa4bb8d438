package ru.coalition.analytics;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The rule back-test (issue 13 §4) on a small fixed data set at kit-media in March 2047, a month no other test buys in,
 * worked out by hand below: a draft of 2 points per rouble beside what the versions in force issued; another partner's
 * admin cannot read it; bad periods and drafts are 422.
 */
@QuarkusTest
class RuleBacktestTest {

    static boolean seeded;
    /** What the receipts of March earned as posted (accrual and gift-card bonus, less the refund's reversal). */
    static long inForce;
    static final Map<String, Long> inForceByMember = new LinkedHashMap<>();

    @Inject
    EntityManager em;

    @BeforeEach
    void seed() {
        MovableClock.installAt("2047-04-05T12:00:00+03:00");
        if (seeded) {
            return;
        }
        String kit = Tokens.till("kit-media");
        var a = TestMembers.register();
        var b = TestMembers.register();
        var c = TestMembers.register();
        // A: 1 000.00, then 500.00 and a promo line of 200.00 (promo earns nothing under the draft): spend 1 700.00
        long pa = buy(kit, a.cardNumber(), "BT-A1", "2047-03-02T10:00:00+03:00", List.of(line("1000.00", false)));
        pa += buy(kit, a.cardNumber(), "BT-A2", "2047-03-05T10:00:00+03:00", List.of(line("500.00", false), line("200.00", true)));
        // B: 2 000.00 late on 3 March, 500.00 of it refunded: it counts as 1 500.00
        long pb = buy(kit, b.cardNumber(), "BT-B1", "2047-03-03T23:30:00+03:00", List.of(line("2000.00", false)));
        pb -= given().auth().oauth2(kit).contentType(ContentType.JSON)
                .body(Map.of("refundId", "BT-B1-R", "lines", List.of(Map.of("sku", "ITEM0", "amount", "500.00"))))
                .post("/api/v1/purchases/{r}/refunds", "BT-B1-" + b.cardNumber()).then().statusCode(201)
                .extract().jsonPath().getLong("pointsReversed");
        // C: half an hour into 1 April, local time: not March
        buy(kit, c.cardNumber(), "BT-C1", "2047-04-01T00:30:00+03:00", List.of(line("999.00", false)));
        inForce = pa + pb;
        inForceByMember.put("a", pa);
        inForceByMember.put("b", pb);
        seeded = true;
    }

    private static Map<String, Object> line(String amount, boolean promo) {
        return Map.of("amount", amount, "category", "print", "promo", promo);
    }

    /** Posts a receipt and answers the points it earned itself (accrual and gift-card bonus, not the welcome bonus). */
    private static long buy(String till, String card, String receipt, String at, List<Map<String, Object>> lines) {
        List<Map<String, Object>> numbered = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Map<String, Object> l = new LinkedHashMap<>(lines.get(i));
            l.put("sku", "ITEM" + i);
            numbered.add(l);
        }
        JsonPath answer = given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", receipt + "-" + card, "occurredAt", at, "member", Map.of("cardNumber", card), "lines", numbered))
                .post("/api/v1/purchases").then().statusCode(201).extract().jsonPath();
        return answer.getLong("breakdown.accrual") + answer.getLong("breakdown.giftCardBonus");
    }

    static Map<String, Object> doublePoints() {
        Map<String, Object> program = new LinkedHashMap<>();
        program.put("name", "Бонус ×2");
        program.put("earn", Map.of("points", 2, "perRubles", "1.00", "rounding", "floor", "excludedCategories", List.of("gift-card"),
                "excludePromo", true));
        program.put("activation", Map.of("delayDays", 30, "purchaseDayCounts", false));
        program.put("thresholds", List.of(Map.of("id", "t3000", "balance", 3000, "reward", Map.of("giftCard", Map.of("nominal", "100.00")),
                "cost", 3000, "claimWindowDays", 30)));
        return program;
    }

    private JsonPath run(String token, Map<String, Object> body) {
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/partner/analytics/backtests").then().statusCode(202)
                .body("status", equalTo("RUNNING")).extract().jsonPath().getString("id");
        for (int i = 0; i < 120; i++) {
            JsonPath got = given().auth().oauth2(token).get("/api/v1/partner/analytics/backtests/{id}", id).then().statusCode(200)
                    .extract().jsonPath();
            if (!"RUNNING".equals(got.getString("status"))) {
                assertEquals("DONE", got.getString("status"), got.prettify());
                return got;
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(e);
            }
        }
        fail("the back-test did not finish");
        return null;
    }

    private BigDecimal rate() {
        return QuarkusTransaction.requiringNew().call(() -> (BigDecimal) em.createNativeQuery(
                "select rate_per_point from partner where slug = 'kit-media'").getSingleResult());
    }

    @Test
    void aDraftOfTwoPointsPerRoubleDoublesWhatMarchEarned() {
        String admin = Tokens.user("kit-media-admin", "demo1234");
        JsonPath r = run(admin, Map.of("from", "2047-03-01", "to", "2047-03-31", "program", doublePoints()));
        // receipts A1, A2, B1 (C's is April); spend 1 000 + 700 + 2 000 - 500 = 3 200.00
        assertEquals(3, r.getInt("result.receipts"));
        assertEquals(2, r.getInt("result.members"));
        assertEquals("3200.00", r.getString("result.spend"));
        // draft: A 2 × 1 000 + 2 × 500 (the promo 200 earns nothing) = 3 000; B 2 × (2 000 - 500) = 3 000
        assertEquals(6000, r.getLong("result.pointsDraft"));
        assertEquals(inForce, r.getLong("result.pointsInForce"));
        BigDecimal rate = rate();
        assertEquals(BigDecimal.valueOf(6000).multiply(rate).setScale(2, RoundingMode.HALF_UP).toPlainString(), r.getString("result.costDraft"));
        assertEquals(BigDecimal.valueOf(inForce).multiply(rate).setScale(2, RoundingMode.HALF_UP).toPlainString(), r.getString("result.costInForce"));
        if (inForce == 0) {
            assertNull(r.get("result.change"));
        } else {
            assertEquals(BigDecimal.valueOf((6000 - inForce) * 100).divide(BigDecimal.valueOf(inForce), 0, RoundingMode.HALF_UP).intValue(),
                    r.getInt("result.change"));
        }
        // both members reach 3 000 under the draft; as posted, those whose own points did
        Map<String, Object> t3000 = r.getMap("result.thresholds.find { it.id == 't3000' }");
        assertEquals(3000, ((Number) t3000.get("balance")).intValue());
        assertEquals(2, ((Number) t3000.get("membersDraft")).intValue());
        assertEquals(inForceByMember.values().stream().filter(p -> p >= 3000).count(), ((Number) t3000.get("membersInForce")).longValue());
        assertEquals(true, t3000.get("inDraft"));
        // the draft has no tiers: both members in the one "no tiers" row
        assertEquals(2, r.getList("result.tiers.membersDraft", Integer.class).stream().mapToInt(Integer::intValue).sum());
        assertEquals(2, r.getList("result.tiers.membersInForce", Integer.class).stream().mapToInt(Integer::intValue).sum());
        assertEquals(100, r.getInt("stepsDone") * 100 / r.getInt("stepsTotal"));
    }

    @Test
    void tiersOfTheDraftSortTheMembersByTheirSpendInThePeriod() {
        Map<String, Object> program = new LinkedHashMap<>(doublePoints());
        program.put("tiers", Map.of("qualificationMonths", 12, "levels", List.of(
                Map.of("code", "base", "name", "База", "minSpend", "0.00", "welcomePoints", 0, "multiplier", "1", "privileges", List.of()),
                Map.of("code", "gold", "name", "Золото", "minSpend", "1600.00", "welcomePoints", 0, "multiplier", "1.5", "privileges", List.of()))));
        JsonPath r = run(Tokens.user("kit-media-admin", "demo1234"), Map.of("from", "2047-03-01", "to", "2047-03-31", "program", program));
        // A spent 1 700.00 (gold), B 1 500.00 (base)
        assertEquals(1, r.getInt("result.tiers.find { it.code == 'base' }.membersDraft"));
        assertEquals(1, r.getInt("result.tiers.find { it.code == 'gold' }.membersDraft"));
        assertEquals("Золото", r.getString("result.tiers.find { it.code == 'gold' }.name"));
    }

    @Test
    void anotherPartnersAdminCannotReadIt() {
        String id = given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234")).contentType(ContentType.JSON)
                .body(Map.of("from", "2047-03-01", "to", "2047-03-31", "program", doublePoints()))
                .post("/api/v1/partner/analytics/backtests").then().statusCode(202).extract().jsonPath().getString("id");
        given().auth().oauth2(Tokens.user("smol-neft-admin", "demo1234")).get("/api/v1/partner/analytics/backtests/{id}", id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234")).get("/api/v1/partner/analytics/backtests/{id}", "not-a-uuid")
                .then().statusCode(404);
        // a till's own client is not a partner admin
        given().auth().oauth2(Tokens.till("kit-media")).get("/api/v1/partner/analytics/backtests/{id}", id).then().statusCode(403);
    }

    @Test
    void badPeriodsAndDraftsAre422() {
        String admin = Tokens.user("kit-media-admin", "demo1234");
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("from", "2047-03-31", "to", "2047-03-01", "program", doublePoints()))
                .post("/api/v1/partner/analytics/backtests").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("to"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("from", "2047-03-01", "program", doublePoints()))
                .post("/api/v1/partner/analytics/backtests").then().statusCode(422).body("errors.field", hasItem("to"));
        Map<String, Object> broken = new LinkedHashMap<>(doublePoints());
        broken.put("earn", Map.of("points", -1, "perRubles", "1.00"));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("from", "2047-03-01", "to", "2047-03-31", "program", broken))
                .post("/api/v1/partner/analytics/backtests").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem(org.hamcrest.Matchers.startsWith("program.earn")));
        given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("from", "2047-03-01", "to", "2047-03-31"))
                .post("/api/v1/partner/analytics/backtests").then().statusCode(422).body("errors.field", hasItem("program"));
    }
}
