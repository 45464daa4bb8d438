package ru.coalition.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.purchases.CoalitionFigures;
import ru.coalition.purchases.PurchaseActivity;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The coalition effect (issue 13 §2) on a fixed data set in spring 2052, a year no other test buys in, worked out by hand
 * in {@link #seed}: the true counts, what kit-media's admin is shown of them (rounded to 5, none below 5), smol-neft's
 * own figures, and the operator's partner-by-partner matrix.
 */
@QuarkusTest
class CoalitionEffectTest {

    static boolean seeded;

    @Inject
    PurchaseActivity activity;

    @Inject
    CoalitionFigures figures;

    @Inject
    ru.coalition.purchases.PurchaseFigures purchaseFigures;

    @Inject
    PartnerService partners;

    @Inject
    AnalyticsConfig config;

    @BeforeEach
    void seed() {
        MovableClock.installAt("2052-06-05T12:00:00+03:00");
        if (seeded) {
            return;
        }
        String kit = Tokens.till("kit-media");
        String smol = Tokens.till("smol-neft");
        String avto = Tokens.till("avto-drive");
        for (int i = 0; i < 7; i++) {
            // S: first at smol-neft in April, kit-media's newcomers in May, and at smol-neft again in May
            String card = TestMembers.registerAnswering(Map.of());
            buy(smol, card, "CE-S0", "2052-04-10", "300.00");
            buy(kit, card, "CE-S1", "2052-05-10", "1000.00");
            buy(smol, card, "CE-S2", "2052-05-20", "300.00");
        }
        for (int i = 0; i < 5; i++) {
            // A: first at avto-drive in April, kit-media's newcomers in May, and at avto-drive again in May
            String card = TestMembers.registerAnswering(Map.of());
            buy(avto, card, "CE-A0", "2052-04-11", "400.00");
            buy(kit, card, "CE-A1", "2052-05-11", "2000.00");
            buy(avto, card, "CE-A2", "2052-05-21", "400.00");
        }
        for (int i = 0; i < 4; i++) {
            // K: first anywhere at kit-media in May; two of them at smol-neft afterwards in May
            String card = TestMembers.registerAnswering(Map.of());
            buy(kit, card, "CE-K1", "2052-05-12", "500.00");
            if (i < 2) {
                buy(smol, card, "CE-K2", "2052-05-22", "200.00");
            }
        }
        for (int i = 0; i < 3; i++) {
            // R: kit-media's customers since March, back in May; the first of them had been at avto-drive before
            String card = TestMembers.registerAnswering(Map.of());
            if (i == 0) {
                buy(avto, card, "CE-R0", "2052-03-08", "100.00");
            }
            buy(kit, card, "CE-R1", "2052-03-10", "100.00");
            buy(kit, card, "CE-R2", "2052-05-13", "3000.00");
        }
        activity.fold();
        seeded = true;
    }

    private static void buy(String till, String card, String receipt, String day, String amount) {
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", receipt + "-" + card, "occurredAt", day + "T12:00:00+03:00", "member", Map.of("cardNumber", card),
                        "lines", List.of(Map.of("sku", "ITEM", "amount", amount, "category", "goods"))))
                .post("/api/v1/purchases").then().statusCode(201);
    }

    private static final LocalDate MAY_1 = LocalDate.parse("2052-05-01");
    private static final LocalDate MAY_31 = LocalDate.parse("2052-05-31");

    private Partner partner(String slug) {
        return partners.findBySlug(slug).orElseThrow();
    }

    private CoalitionFigures.MemberKey key() {
        long seed = config.cellKeySeed();
        return new CoalitionFigures.MemberKey(seed);
    }

    @Test
    void theTrueFiguresOfMayAreTheOnesByHand() {
        CoalitionFigures.Effect e = figures.effect(partner("kit-media"), MAY_1, MAY_31, key());
        assertEquals(19, e.customers().members());          // S 7 + A 5 + K 4 + R 3
        assertEquals(16, e.fresh().members());              // S, A, K
        assertEquals(12, e.acquired().members());           // S, A: first elsewhere
        assertEquals(14, e.elsewhere().members());          // S 7 + A 5 + K 2 bought elsewhere in May
        assertEquals(7 * 100_000 + 5 * 200_000 + 4 * 50_000 + 3 * 300_000, e.revenue());
        assertEquals(13, e.acquiredEver().members());       // S, A and the first R
        assertEquals(7 * 100_000 + 5 * 200_000 + 300_000, e.acquiredRevenue());
        Map<String, Long> sources = figures.sources(partner("kit-media"), MAY_1, MAY_31, key()).stream()
                .collect(Collectors.toMap(s -> partners.cachedById(s.partnerId()).orElseThrow().slug, s -> s.members().members()));
        assertEquals(Map.of("smol-neft", 7L, "avto-drive", 5L), sources);
    }

    /**
     * "Bought elsewhere in the period" is decided from the first and last receipts at the other partners where they can
     * tell, and by the days otherwise: these customers of June 2055 all had other receipts before and after or at the
     * period's edges, within the two days where the rollup cannot tell.
     */
    @Test
    void elsewhereIsRightWhenTheOtherReceiptsSurroundThePeriod() {
        MovableClock.installAt("2055-07-20T12:00:00+03:00");
        String kit = Tokens.till("kit-media");
        String smol = Tokens.till("smol-neft");
        String avto = Tokens.till("avto-drive");
        // around: at avto-drive before and after June, not in it
        String around = TestMembers.registerAnswering(Map.of());
        buy(avto, around, "EW-B0", "2055-05-05", "100.00");
        buy(kit, around, "EW-B1", "2055-06-10", "100.00");
        buy(avto, around, "EW-B2", "2055-07-10", "100.00");
        // through: at smol-neft before, in and after June
        String through = TestMembers.registerAnswering(Map.of());
        buy(smol, through, "EW-M0", "2055-05-06", "100.00");
        buy(smol, through, "EW-M1", "2055-06-11", "100.00");
        buy(smol, through, "EW-M2", "2055-07-11", "100.00");
        buy(kit, through, "EW-M3", "2055-06-12", "100.00");
        // lastDay: at avto-drive on June's last day only
        String lastDay = TestMembers.registerAnswering(Map.of());
        buy(kit, lastDay, "EW-E0", "2055-06-13", "100.00");
        buy(avto, lastDay, "EW-E1", "2055-06-30", "100.00");
        // dayAfter and dayBefore: at the other partner a day outside June only
        String dayAfter = TestMembers.registerAnswering(Map.of());
        buy(kit, dayAfter, "EW-F0", "2055-06-14", "100.00");
        buy(smol, dayAfter, "EW-F1", "2055-07-01", "100.00");
        String dayBefore = TestMembers.registerAnswering(Map.of());
        buy(avto, dayBefore, "EW-G0", "2055-05-31", "100.00");
        buy(kit, dayBefore, "EW-G1", "2055-06-02", "100.00");
        activity.fold();
        CoalitionFigures.Effect e = figures.effect(partner("kit-media"), LocalDate.parse("2055-06-01"), LocalDate.parse("2055-06-30"), key());
        assertEquals(5, e.customers().members());
        assertEquals(2, e.elsewhere().members(), "through and lastDay");
        assertEquals(5, e.fresh().members());
        assertEquals(3, e.acquired().members(), "around, through and dayBefore bought elsewhere first");
    }

    /**
     * "Acquired" is kept on each partner's row by the fold: a receipt elsewhere back-dated before the member's first one
     * here turns them into an acquired customer in both the coalition effect and the newcomer tiles.
     */
    @Test
    void aBackDatedReceiptElsewhereMakesAnEarlierCustomerAcquired() {
        MovableClock.installAt("2056-07-20T12:00:00+03:00");
        LocalDate june1 = LocalDate.parse("2056-06-01");
        LocalDate june30 = LocalDate.parse("2056-06-30");
        String card = TestMembers.registerAnswering(Map.of());
        buy(Tokens.till("kit-media"), card, "AQ-K", "2056-06-10", "100.00");
        buy(Tokens.till("smol-neft"), card, "AQ-S1", "2056-06-20", "100.00");
        activity.fold();
        assertEquals(0, figures.effect(partner("kit-media"), june1, june30, key()).acquired().members());
        assertEquals(0, purchaseFigures.summary(partner("kit-media"), june1, june30).fromOtherPartners());
        assertEquals(1, purchaseFigures.summary(partner("smol-neft"), june1, june30).fromOtherPartners(), "first at kit-media");
        buy(Tokens.till("smol-neft"), card, "AQ-S0", "2056-05-02", "100.00");
        activity.fold();
        CoalitionFigures.Effect e = figures.effect(partner("kit-media"), june1, june30, key());
        assertEquals(1, e.fresh().members());
        assertEquals(1, e.acquired().members(), "first at smol-neft now, in May");
        assertEquals(1, purchaseFigures.summary(partner("kit-media"), june1, june30).fromOtherPartners());
        assertEquals(0, purchaseFigures.summary(partner("smol-neft"), june1, june30).newMembers(), "smol-neft's first is in May now");
    }

    @Test
    void theAdminIsShownThemRoundedToFive() {
        JsonPath v = given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234"))
                .get("/api/v1/partner/analytics/coalition?from=2052-05-10&to=2052-05-20").then().statusCode(200).extract().jsonPath();
        assertEquals("2052-05-01", v.getString("from"));
        assertEquals("2052-05-31", v.getString("to"));
        assertRounded(19, v.getLong("customers"));
        assertRounded(16, v.getLong("newCustomers"));
        assertRounded(12, v.getLong("fromOtherPartners"));
        assertRounded(14, v.getLong("alsoElsewhere"));
        assertEquals(74, v.getInt("alsoElsewhereShare"));            // 14 of 19
        assertEquals(71, v.getInt("acquiredRevenueShare"));          // 20 000 of 28 000
        // most newcomers first as shown: 7 and 5 may both show as 5, then by name
        Map<String, Long> sources = v.<Map<String, Object>>getList("sources").stream()
                .collect(Collectors.toMap(x -> (String) x.get("partner"), x -> ((Number) x.get("members")).longValue()));
        assertEquals(java.util.Set.of("smol-neft", "avto-drive"), sources.keySet());
        assertRounded(7, sources.get("smol-neft"));
        assertEquals(5, sources.get("avto-drive"));
        List<Number> order = v.getList("sources.members");
        assertTrue(order.get(0).longValue() >= order.get(1).longValue(), order.toString());
        assertEquals(0, v.getInt("sourcesSuppressed"));
    }

    private static void assertRounded(long truth, long shown) {
        assertTrue(shown % 5 == 0 && shown >= 5 && (shown == truth - truth % 5 || shown == truth - truth % 5 + 5), shown + " for " + truth);
    }

    @Test
    void smolNeftIsShownItsOwnAndFewerThanFiveIsNotSaid() {
        // at smol-neft in May: S 7 (not new: April) and K 2 (new, first at kit-media): 9 customers, 2 newcomers
        JsonPath v = given().auth().oauth2(Tokens.user("smol-neft-admin", "demo1234"))
                .get("/api/v1/partner/analytics/coalition?from=2052-05-01&to=2052-05-31").then().statusCode(200).extract().jsonPath();
        assertRounded(9, v.getLong("customers"));
        assertNull(v.get("newCustomers"));
        assertNull(v.get("fromOtherPartners"));
        assertEquals(List.of(), v.getList("sources"));
        // all 9 bought at kit-media in May too
        assertRounded(9, v.getLong("alsoElsewhere"));
        assertEquals(100, v.getInt("alsoElsewhereShare"));
    }

    @Test
    void theOperatorSeesTheWholeMatrix() {
        Map<String, Long> cells = figures.overlap(MAY_1, MAY_31).stream()
                .collect(Collectors.toMap(o -> slug(o.a()) + "×" + slug(o.b()), CoalitionFigures.Overlap::members, Long::sum));
        String kit = "kit-media", smol = "smol-neft", avto = "avto-drive";
        assertEquals(9, pair(cells, kit, smol));     // S 7 + K 2
        assertEquals(5, pair(cells, kit, avto));     // A 5
        assertEquals(0, pair(cells, smol, avto));
    }

    private long pair(Map<String, Long> cells, String a, String b) {
        return cells.getOrDefault(a + "×" + b, 0L) + cells.getOrDefault(b + "×" + a, 0L);
    }

    private String slug(long partnerId) {
        return partners.cachedById(partnerId).orElseThrow().slug;
    }

    @Test
    void badPeriodsAreNamed() {
        given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234")).get("/api/v1/partner/analytics/coalition?from=2052-05-01")
                .then().statusCode(422).body("errors.field", hasItem("to"));
        given().auth().oauth2(Tokens.till("kit-media")).get("/api/v1/partner/analytics/coalition?from=2052-05-01&to=2052-05-31")
                .then().statusCode(403);
    }
}
