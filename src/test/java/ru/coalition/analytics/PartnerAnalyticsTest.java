package ru.coalition.analytics;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.purchases.PurchaseActivity;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The partner summary (issue 13 §1) on a small fixed data set in March 2045, a month no other test buys in, worked out by
 * hand below; the other partner's token sees its own figures only; the day rollup equals the receipts after refunds and a
 * back-dated receipt; bad periods are 422.
 */
@QuarkusTest
class PartnerAnalyticsTest {

    static boolean seeded;

    @Inject
    PurchaseActivity activity;

    @Inject
    EntityManager em;

    @BeforeEach
    void seed() {
        MovableClock.installAt("2045-04-05T12:00:00+03:00");
        if (seeded) {
            return;
        }
        String kit = Tokens.till("kit-media");
        String smol = Tokens.till("smol-neft");
        var a = TestMembers.register();
        var b = TestMembers.register();
        var c = TestMembers.register();
        var d = TestMembers.register();
        var e = TestMembers.register();
        // A: two receipts in March, the first ones at kit-media
        buy(kit, a.cardNumber(), "AN-A1", "2045-03-02T10:00:00+03:00", "1000.00");
        buy(kit, a.cardNumber(), "AN-A2", "2045-03-05T10:00:00+03:00", "500.00");
        // B: late in the evening of 3 March (local day), 500.00 of it refunded: the refund counts on the receipt's day
        buy(kit, b.cardNumber(), "AN-B1", "2045-03-03T23:30:00+03:00", "2000.00");
        given().auth().oauth2(kit).contentType(ContentType.JSON)
                .body(Map.of("refundId", "AN-B1-R", "lines", List.of(Map.of("sku", "ITEM", "amount", "500.00"))))
                .post("/api/v1/purchases/{r}/refunds", "AN-B1-" + b.cardNumber()).then().statusCode(201);
        // C: came from smol-neft (February), first at kit-media on 10 March
        buy(smol, c.cardNumber(), "AN-C0", "2045-02-10T10:00:00+03:00", "300.00");
        buy(kit, c.cardNumber(), "AN-C1", "2045-03-10T10:00:00+03:00", "700.00");
        // D: a customer since February, back in March: returning, not new
        buy(kit, d.cardNumber(), "AN-D0", "2045-02-15T10:00:00+03:00", "400.00");
        buy(kit, d.cardNumber(), "AN-D1", "2045-03-12T10:00:00+03:00", "100.00");
        // E: half an hour into 1 April, local time: not March
        buy(kit, e.cardNumber(), "AN-E1", "2045-04-01T00:30:00+03:00", "999.00");
        activity.fold();
        seeded = true;
    }

    private static void buy(String till, String card, String receipt, String at, String amount) {
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", receipt + "-" + card, "occurredAt", at, "member", Map.of("cardNumber", card),
                        "lines", List.of(Map.of("sku", "ITEM", "amount", amount, "category", "print"))))
                .post("/api/v1/purchases").then().statusCode(201);
    }

    @Test
    void theSummaryOfMarchIsWhatTheReceiptsComeTo() {
        // receipts: A 2, B 1, C 1, D 1 = 5; revenue 1000 + 500 + 2000 - 500 + 700 + 100 = 3 800.00; members A B C D;
        // new: A, B, C (D first bought in February); of them from another partner: C
        given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234"))
                .queryParam("from", "2045-03-01").queryParam("to", "2045-03-31")
                .get("/api/v1/partner/analytics/summary").then().statusCode(200)
                .body("from", equalTo("2045-03-01")).body("to", equalTo("2045-03-31"))
                .body("revenue", equalTo("3800.00")).body("receipts", equalTo(5)).body("members", equalTo(4))
                .body("averageReceipt", equalTo("760.00")).body("frequency", equalTo(1.25f))
                .body("newMembers", equalTo(3)).body("fromOtherPartners", equalTo(1));
        // one day: B's receipt of 3 March, refund included
        given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234"))
                .queryParam("from", "2045-03-03").queryParam("to", "2045-03-03")
                .get("/api/v1/partner/analytics/summary").then().statusCode(200)
                .body("revenue", equalTo("1500.00")).body("receipts", equalTo(1)).body("members", equalTo(1))
                .body("newMembers", equalTo(1)).body("fromOtherPartners", equalTo(0));
    }

    @Test
    void theBreakdownOfFebruaryAndMarchIsWhatTheReceiptsComeTo() {
        var march = given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234"))
                .queryParam("from", "2045-03-01").queryParam("to", "2045-03-31")
                .get("/api/v1/partner/analytics/dashboard").then().statusCode(200).extract().jsonPath();
        // receipts per member: A 2; B, C, D 1 each
        assertEquals(List.of(3, 1, 0, 0, 0, 0), march.getList("breakdown.frequency.members"));
        assertEquals(List.of("1", "2", "3", "4-5", "6-9", "10+"), march.getList("breakdown.frequency.band"));
        assertEquals(3, march.getInt("breakdown.newMembers"));
        assertEquals(1, march.getInt("breakdown.returningMembers"));
        // thirds of March: from the 11th recency 2, from the 21st 3. A (5th, 2 receipts): at risk; B (3rd) and C (10th):
        // sleeping; D (12th, 1 receipt): needs attention
        Map<String, Object> rfm = march.<Map<String, Object>>getList("breakdown.rfm").stream()
                .collect(java.util.stream.Collectors.toMap(r -> (String) r.get("segment"), r -> r.get("members") + " " + r.get("spend")));
        assertEquals(Map.of("champions", "0 0.00", "loyal", "0 0.00", "newcomers", "0 0.00", "needAttention", "1 100.00",
                "atRisk", "1 1500.00", "sleeping", "2 2200.00"), rfm);
        // every line was "print": 3 800.00 over 5 lines (the refund takes money, not a line)
        assertEquals(List.of("print"), march.getList("breakdown.categories.category"));
        assertEquals("3800.00", march.getString("breakdown.categories[0].amount"));
        assertEquals(5, march.getInt("breakdown.categories[0].lines"));
        assertEquals(100, march.getInt("breakdown.categories[0].share"));
        assertEquals(0, march.getInt("breakdown.scratchEntered"));
        assertEquals(List.of("2045-03"), march.getList("breakdown.points.month"));
        // cohorts of February (D: back in March) and March (A, B, C)
        var both = given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234"))
                .queryParam("from", "2045-02-01").queryParam("to", "2045-03-31")
                .get("/api/v1/partner/analytics/dashboard").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("2045-02", "2045-03"), both.getList("breakdown.cohorts.month"));
        assertEquals(List.of(1, 3), both.getList("breakdown.cohorts.members"));
        assertEquals(List.of(100, 100), both.getList("breakdown.cohorts[0].retained"));
        assertEquals(List.of(100), both.getList("breakdown.cohorts[1].retained"));
    }

    @Test
    void aLongPeriodReadInMemberOrderIsWhatTheReceiptsComeTo() {
        // 90 days, read by member (PurchaseFigures.memberOrder; the other tests' periods are read by day): February to
        // 2 May holds D's February receipt, March's five and E's of 1 April
        var long_ = given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234"))
                .queryParam("from", "2045-02-01").queryParam("to", "2045-05-02")
                .get("/api/v1/partner/analytics/dashboard").then().statusCode(200).extract().jsonPath();
        // 400 + 3 800 + 999; A, B, C, D, E, all new here; C came from smol-neft
        assertEquals("5199.00", long_.getString("now.revenue"));
        assertEquals(7, long_.getInt("now.receipts"));
        assertEquals(5, long_.getInt("now.members"));
        assertEquals(5, long_.getInt("now.newMembers"));
        assertEquals(1, long_.getInt("now.fromOtherPartners"));
        // receipts per member: A 2, D 2; B, C, E 1
        assertEquals(List.of(3, 2, 0, 0, 0, 0), long_.getList("breakdown.frequency.members"));
        // cohorts: February D (back in March), March A B C, April E; none bought again in April or May
        assertEquals(List.of("2045-02", "2045-03", "2045-04"), long_.getList("breakdown.cohorts.month"));
        assertEquals(List.of(1, 3, 1), long_.getList("breakdown.cohorts.members"));
        assertEquals(List.of(100, 100, 0, 0), long_.getList("breakdown.cohorts[0].retained"));
        assertEquals(List.of(100, 0, 0), long_.getList("breakdown.cohorts[1].retained"));
        assertEquals(List.of(100, 0), long_.getList("breakdown.cohorts[2].retained"));
    }

    @Test
    void anotherPartnerSeesOnlyItsOwnFigures() {
        // smol-neft sold nothing in March; in February one receipt, to C, a new customer who came from nowhere else
        given().auth().oauth2(Tokens.user("smol-neft-admin", "demo1234"))
                .queryParam("from", "2045-03-01").queryParam("to", "2045-03-31")
                .get("/api/v1/partner/analytics/summary").then().statusCode(200)
                .body("revenue", equalTo("0.00")).body("receipts", equalTo(0)).body("members", equalTo(0))
                .body("averageReceipt", equalTo("0.00")).body("frequency", equalTo(0)).body("newMembers", equalTo(0));
        given().auth().oauth2(Tokens.user("smol-neft-admin", "demo1234"))
                .queryParam("from", "2045-02-01").queryParam("to", "2045-02-28")
                .get("/api/v1/partner/analytics/summary").then().statusCode(200)
                .body("revenue", equalTo("300.00")).body("receipts", equalTo(1)).body("members", equalTo(1))
                .body("newMembers", equalTo(1)).body("fromOtherPartners", equalTo(0));
    }

    @Test
    void theDayRollupEqualsTheReceiptsAfterRefundsAndABackDatedReceipt() {
        // a receipt of January posted now, in a later fold than the rest: it lands on its own day
        var f = TestMembers.register();
        buy(Tokens.till("kit-media"), f.cardNumber(), "AN-F1", "2045-01-20T15:00:00+03:00", "250.00");
        activity.fold();
        given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234"))
                .queryParam("from", "2045-01-20").queryParam("to", "2045-01-20")
                .get("/api/v1/partner/analytics/summary").then().statusCode(200)
                .body("revenue", equalTo("250.00")).body("receipts", equalTo(1)).body("newMembers", equalTo(1));
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> diff = em.createNativeQuery("""
                    with direct as (
                        select p.partner_id, cast(p.occurred_at at time zone pa.time_zone as date) as day, p.member_id, count(*) as receipts,
                               sum(p.total) - coalesce(sum((select sum(r.amount) from refund r where r.purchase_id = p.id)), 0) as spend
                        from purchase p join partner pa on pa.id = p.partner_id group by 1, 2, 3),
                    rolled as (select partner_id, day, member_id, receipts, spend from purchase_day)
                    (select 'missing', * from direct except select 'missing', * from rolled)
                    union all (select 'extra', * from rolled except select 'extra', * from direct)""").getResultList();
            assertEquals(List.of(), diff.stream().map(java.util.Arrays::toString).toList(), "purchase_day vs the receipts");
            // the partner's days: the fold writes them in the same statement as purchase_day, so they agree at any time
            @SuppressWarnings("unchecked")
            List<Object[]> days = em.createNativeQuery("""
                    with direct as (select partner_id, day, sum(receipts), sum(spend), count(*) from purchase_day group by 1, 2),
                    rolled as (select partner_id, day, receipts, spend, members from purchase_partner_day)
                    (select 'missing', * from direct except select 'missing', * from rolled)
                    union all (select 'extra', * from rolled except select 'extra', * from direct)""").getResultList();
            assertEquals(List.of(), days.stream().map(java.util.Arrays::toString).toList(), "purchase_partner_day vs purchase_day");
            // sales by category: the lines less what refunds took of them, on the receipt's day (kit-media in 2045)
            @SuppressWarnings("unchecked")
            List<Object[]> categories = em.createNativeQuery("""
                    with direct as (
                        select p.partner_id, cast(p.occurred_at at time zone pa.time_zone as date) as day, coalesce(l.category, '') as category,
                               sum(l.amount - l.refunded) as amount, count(*) as lines
                        from purchase p join partner pa on pa.id = p.partner_id join purchase_line l on l.purchase_id = p.id
                        where pa.slug = 'kit-media' and p.occurred_at >= '2045-01-01' and p.occurred_at < '2046-01-01' group by 1, 2, 3),
                    rolled as (select c.partner_id, c.day, c.category, c.amount, c.lines from purchase_category_day c
                        join partner pa on pa.id = c.partner_id where pa.slug = 'kit-media' and c.day between '2045-01-01' and '2045-12-31')
                    (select 'missing', * from direct except select 'missing', * from rolled)
                    union all (select 'extra', * from rolled except select 'extra', * from direct)""").getResultList();
            assertEquals(List.of(), categories.stream().map(java.util.Arrays::toString).toList(), "purchase_category_day vs the lines");
        });
    }

    @Test
    void badPeriodsAreExplainedAndOthersAreRefused() {
        String admin = Tokens.user("kit-media-admin", "demo1234");
        given().auth().oauth2(admin).queryParam("to", "2045-03-31").get("/api/v1/partner/analytics/summary").then().statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("from"));
        given().auth().oauth2(admin).queryParam("from", "2045-31-03").queryParam("to", "2045-03-31")
                .get("/api/v1/partner/analytics/summary").then().statusCode(422).body("errors.field", hasItem("from"));
        given().auth().oauth2(admin).queryParam("from", "2045-03-31").queryParam("to", "2045-03-01")
                .get("/api/v1/partner/analytics/summary").then().statusCode(422).body("errors.field", hasItem("to"));
        given().auth().oauth2(admin).queryParam("from", "2020-01-01").queryParam("to", "2045-03-01")
                .get("/api/v1/partner/analytics/summary").then().statusCode(422).body("errors.field", hasItem("to"));
        // a member, and the till's own client, are not partner admins
        given().auth().oauth2(TestMembers.register().token()).queryParam("from", "2045-03-01").queryParam("to", "2045-03-31")
                .get("/api/v1/partner/analytics/summary").then().statusCode(403);
        given().auth().oauth2(Tokens.till("kit-media")).queryParam("from", "2045-03-01").queryParam("to", "2045-03-31")
                .get("/api/v1/partner/analytics/summary").then().statusCode(403);
    }
}
