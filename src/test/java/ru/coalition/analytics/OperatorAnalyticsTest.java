package ru.coalition.analytics;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.clearing.ClearingService;
import ru.coalition.clearing.Statement;
import ru.coalition.partners.PartnerService;
import ru.coalition.purchases.PurchaseActivity;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator dashboard (issue 13 §6) on a fixed data set in March 2053, a month no other test registers or buys in,
 * worked out by hand in {@link #seed}: registrations by source, active members, revenue per partner, the busiest hour,
 * the partner matrix; the points figures against the clearing statements they come from; and that a partner's admin
 * gets none of it.
 */
@QuarkusTest
class OperatorAnalyticsTest {

    static boolean seeded;

    @Inject
    PurchaseActivity activity;

    @Inject
    ClearingService clearing;

    @Inject
    PartnerService partners;

    @BeforeEach
    void seed() {
        MovableClock.installAt("2053-03-20T12:00:00+03:00");
        if (seeded) {
            return;
        }
        String kit = Tokens.till("kit-media");
        String smol = Tokens.till("smol-neft");
        String avto = Tokens.till("avto-drive");
        // registrations of March 2053: five through the API (one of them invited by another), two through the cabinet
        String a1 = TestMembers.registerAnswering(Map.of());
        String a2 = TestMembers.registerAnswering(Map.of());
        String a3 = TestMembers.registerAnswering(Map.of());
        var inviter = TestMembers.register();
        var invited = TestMembers.register("email", inviter.referralCode(), "1991-02-03");
        registerInCabinet();
        registerInCabinet();
        // 2 March 2053 is a Sunday: two receipts at kit-media at 10 o'clock, the busiest hour
        buy(kit, a1, "OA-1", "2053-03-02T10:15:00+03:00", "1000.00");
        buy(smol, a1, "OA-2", "2053-03-03T10:30:00+03:00", "500.00");
        buy(kit, a2, "OA-3", "2053-03-02T10:40:00+03:00", "2000.00");
        buy(avto, a2, "OA-4", "2053-03-04T18:00:00+03:00", "300.00");
        buy(smol, a3, "OA-5", "2053-03-05T18:20:00+03:00", "700.00");
        buy(kit, invited.cardNumber(), "OA-6", "2053-03-06T10:05:00+03:00", "400.00");
        activity.fold();
        seeded = true;
    }

    private static void registerInCabinet() {
        String phone = "+7931" + String.format("%07d", System.nanoTime() % 10_000_000L);
        String page = given().contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .formParam("lastName", "Кабинетова").formParam("firstName", "Мария").formParam("phone", phone)
                .formParam("email", "cab" + phone.substring(1) + "@example.org").formParam("birthDate", "1990-05-17")
                .formParam("gender", "female").formParam("city", "Смоленск").formParam("socialStatus", "employed")
                .formParam("incomeBracket", "50-100k").formParam("preferredChannel", "email").formParam("consentPersonalData", "on")
                .post("/cabinet/register").then().statusCode(200).extract().asString();
        assertTrue(page.contains("id=\"card-number\""), page.replaceAll("(?s).*<main", "<main"));
    }

    private static void buy(String till, String card, String receipt, String at, String amount) {
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", receipt + "-" + card, "occurredAt", at, "member", Map.of("cardNumber", card),
                        "lines", List.of(Map.of("sku", "ITEM", "amount", amount, "category", "goods"))))
                .post("/api/v1/purchases").then().statusCode(201);
    }

    private static JsonPath summary(String from, String to) {
        return given().auth().oauth2(Tokens.user("operator", "demo1234"))
                .get("/api/v1/operator/analytics/summary?from=" + from + "&to=" + to).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theFiguresOfMarchAreTheOnesByHand() {
        JsonPath s = summary("2053-03-01", "2053-03-31");
        assertEquals(7, s.getLong("newMembers"));
        assertEquals(4, s.getLong("activeMembers"));                 // a1, a2, a3, invited
        assertEquals("4900.00", s.getString("revenue"));
        assertEquals(6, s.getLong("receipts"));
        assertEquals(List.of("3400.00", "3", "3"), partnerFigures(s, "kit-media"));
        assertEquals(List.of("1200.00", "2", "2"), partnerFigures(s, "smol-neft"));
        assertEquals(List.of("300.00", "1", "1"), partnerFigures(s, "avto-drive"));
        assertEquals(7, s.getInt("busiest.weekday"));                 // Sunday
        assertEquals(10, s.getInt("busiest.hour"));
        assertEquals(2, s.getLong("busiest.receipts"));
        assertEquals(1, s.getLong("hours.find { it.weekday == 2 && it.hour == 18 }.receipts"));   // Tuesday 4 March, avto-drive
        assertEquals(1, s.getLong("hours.find { it.weekday == 3 && it.hour == 18 }.receipts"));   // Wednesday 5 March, smol-neft

        // registrations by source in March: 5 through the API (one invited), 2 through the cabinet
        Map<String, Object> march = s.getMap("growth.find { it.month == '2053-03' }");
        assertEquals(7, ((Number) march.get("registered")).longValue());
        assertEquals(5, ((Number) march.get("api")).longValue());
        assertEquals(2, ((Number) march.get("cabinet")).longValue());
        assertEquals(0, ((Number) march.get("other")).longValue());
        assertEquals(1, ((Number) march.get("referred")).longValue());
        long february = s.getLong("growth.find { it.month == '2053-02' }.inForce");
        assertEquals(february + 7, ((Number) march.get("inForce")).longValue());
        assertEquals(((Number) march.get("inForce")).longValue(), s.getLong("members"));
        assertEquals(12, s.getList("growth").size());

        // a period without the registration day (20 March) and with the receipts only
        JsonPath early = summary("2053-03-01", "2053-03-10");
        assertEquals(0, early.getLong("newMembers"));
        assertEquals(4, early.getLong("activeMembers"));
        assertEquals(1, summary("2053-03-05", "2053-03-06").getLong("hours.find { it.weekday == 4 && it.hour == 10 }.receipts"));
    }

    private static List<String> partnerFigures(JsonPath s, String slug) {
        Map<String, Object> p = s.getMap("partners.find { it.partner == '" + slug + "' }");
        return List.of(p.get("revenue").toString(), p.get("receipts").toString(), p.get("members").toString());
    }

    @Test
    void thePointsComeFromTheClearingStatements() {
        JsonPath s = summary("2053-03-01", "2053-03-31");
        assertEquals("2053-03", s.getString("pointsMonth"));
        BigDecimal liability = BigDecimal.ZERO;
        long outstanding = 0;
        for (Statement st : clearing.overview(YearMonth.of(2053, 3)).statements()) {
            Map<String, Object> p = s.getMap("partners.find { it.partner == '" + st.partner() + "' }");
            assertEquals(st.issued(), ((Number) p.get("issued")).longValue(), st.partner());
            assertEquals(st.redeemed(), ((Number) p.get("redeemed")).longValue(), st.partner());
            assertEquals(st.outstanding(), ((Number) p.get("outstanding")).longValue(), st.partner());
            BigDecimal own = st.rate().multiply(BigDecimal.valueOf(st.outstanding())).setScale(2);
            assertEquals(own.toPlainString(), p.get("liability"), st.partner());
            liability = liability.add(own);
            outstanding += st.outstanding();
        }
        // smol-neft's program earns coalition points (kit-media's and avto-drive's their own): its receipts of March issued some
        assertTrue(((Number) s.getMap("partners.find { it.partner == 'smol-neft' }").get("issued")).longValue() > 0, "March's receipts earned points");
        assertEquals(liability.toPlainString(), s.getString("liability"));
        assertEquals(outstanding, s.getLong("pointsOutstanding"));
        assertEquals(6, s.getList("points").size());
        assertEquals("2053-03", s.getString("points[5].month"));
        assertEquals(s.getString("liability"), s.getString("points[5].liability"));
    }

    @Test
    void theMatrixCountsTheMembersTwoPartnersShare() {
        JsonPath o = given().auth().oauth2(Tokens.user("operator", "demo1234"))
                .get("/api/v1/operator/analytics/overlap?from=2053-03-01&to=2053-03-31").then().statusCode(200).extract().jsonPath();
        assertEquals(3, cell(o, "kit-media", "kit-media"));
        assertEquals(2, cell(o, "smol-neft", "smol-neft"));
        assertEquals(1, cell(o, "avto-drive", "avto-drive"));
        assertEquals(1, cell(o, "kit-media", "smol-neft"));           // a1
        assertEquals(1, cell(o, "kit-media", "avto-drive"));          // a2
        assertEquals(0, cell(o, "smol-neft", "avto-drive"));
        assertTrue(o.getList("partners").containsAll(List.of("kit-media", "smol-neft", "avto-drive")));
    }

    /** A cell of the upper triangle, whichever way round the partners come (0: not listed). */
    private static long cell(JsonPath o, String a, String b) {
        Object n = o.get("cells.find { (it.a == '" + a + "' && it.b == '" + b + "') || (it.a == '" + b + "' && it.b == '" + a + "') }.members");
        return n == null ? 0 : ((Number) n).longValue();
    }

    @Test
    void aWrongPeriodIsRefused() {
        given().auth().oauth2(Tokens.user("operator", "demo1234")).get("/api/v1/operator/analytics/summary?from=2053-03-10&to=2053-03-01")
                .then().statusCode(422).body("errors.field", org.hamcrest.Matchers.hasItem("to"));
    }

    @Test
    void aPartnersAdminGetsNone() {
        String admin = Tokens.user("kit-media-admin", "demo1234");
        given().auth().oauth2(admin).get("/api/v1/operator/analytics/summary?from=2053-03-01&to=2053-03-31").then().statusCode(403);
        given().auth().oauth2(admin).get("/api/v1/operator/analytics/overlap?from=2053-03-01&to=2053-03-31").then().statusCode(403);
    }
}
