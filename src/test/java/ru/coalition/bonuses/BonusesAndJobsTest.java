package ru.coalition.bonuses;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.ledger.LedgerAudit;
import ru.coalition.rewards.OfferService;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;
import ru.coalition.tiers.TierJobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Welcome, referral, tier and birthday bonuses, and jobs that run on two replicas at once without doing anything twice. */
@QuarkusTest
class BonusesAndJobsTest {

    @Inject
    OfferService offers;

    @Inject
    BirthdayService birthdays;

    @Inject
    TierJobs tierJobs;

    @Inject
    LedgerAudit audit;

    MovableClock clock;

    @BeforeEach
    void clock() {
        clock = MovableClock.installAt("2026-06-15T10:00:00+03:00");
    }

    static Map<String, Object> purchase(String id, String card, String at, String amount, String category) {
        return Map.of("receiptId", id, "occurredAt", at, "member", Map.of("cardNumber", card),
                "lines", List.of(Map.of("sku", "S-" + category, "amount", amount, "category", category)));
    }

    static io.restassured.response.ValidatableResponse post(String till, Map<String, Object> body) {
        return given().auth().oauth2(till).contentType(ContentType.JSON).body(body).post("/api/v1/purchases").then();
    }

    static io.restassured.response.ValidatableResponse wallet(String till, TestMember m) {
        return given().auth().oauth2(till).get("/api/v1/members/{c}/wallet", m.cardNumber()).then().statusCode(200);
    }

    @Test
    void referrerEarnsOnTheFriendsFirstPurchaseOnly() {
        TestMember referrer = TestMembers.register();
        TestMember friend = TestMembers.register("email", referrer.referralCode(), "1992-02-02");
        String kit = Tokens.till("kit-media");
        post(kit, purchase("REF1-" + friend.cardNumber(), friend.cardNumber(), "2026-06-15T09:00:00+03:00", "100.00", "print"))
                .statusCode(201);
        post(kit, purchase("REF2-" + friend.cardNumber(), friend.cardNumber(), "2026-06-15T09:30:00+03:00", "100.00", "print"))
                .statusCode(201);
        // 500 to the referrer, pending like the friend's purchase (kit-media activates after 30 days)
        wallet(kit, referrer).body("pending", equalTo(500)).body("active", equalTo(0));
        wallet(kit, friend).body("pending", equalTo(200));
        given().auth().oauth2(referrer.token()).get("/api/v1/me/history").then()
                .body("items[0].kind", equalTo("BONUS")).body("items[0].reference", equalTo("referral"));
    }

    @Test
    void welcomeTierAndMultiplierAtTheDealer() {
        TestMember m = TestMembers.register();
        String dealer = Tokens.till("avto-drive");
        // 200 000 of service: 1 point per 100 RUB = 2 000, plus the welcome 1 000 (pending 14 days, not counting the day)
        post(dealer, purchase("AD1-" + m.cardNumber(), m.cardNumber(), "2026-06-15T09:00:00+03:00", "200000.00", "service"))
                .statusCode(201).body("points", equalTo(3000)).body("breakdown.welcomeBonus", equalTo(1000))
                .body("activatesAt", equalTo("2026-06-30T00:00:00+03:00"));
        // the purchase lifted the member to gold (from 150 000): its 3 000 welcome points are pending like the purchase
        wallet(dealer, m).body("active", equalTo(0)).body("pending", equalTo(6000));
        // gold earns 1.5x; a vehicle line earns nothing
        post(dealer, Map.of("receiptId", "AD2-" + m.cardNumber(), "occurredAt", "2026-06-15T09:30:00+03:00",
                "member", Map.of("cardNumber", m.cardNumber()),
                "lines", List.of(Map.of("sku", "TO-1", "amount", "10000.00", "category", "service"),
                        Map.of("sku", "CAR", "amount", "1500000.00", "category", "vehicle"))))
                .statusCode(201).body("points", equalTo(150));
        // spend counts every line: with the car the member is platinum now (welcome 10 000, pending with the receipt)
        wallet(dealer, m).body("active", equalTo(0)).body("pending", equalTo(16150));
        // rerunning the tier job pays nothing again
        tierJobs.recalculate(partnerId("avto-drive"));
        wallet(dealer, m).body("active", equalTo(0)).body("pending", equalTo(16150));
        // the member sees the level and what it gives
        given().auth().oauth2(m.token()).get("/api/v1/me/wallets").then().statusCode(200)
                .body("find { it.wallet == 'avto-drive' }.tier.code", equalTo("platinum"))
                .body("find { it.wallet == 'avto-drive' }.tier.privileges", org.hamcrest.Matchers.hasItem("Персональный менеджер"))
                .body("find { it.wallet == 'avto-drive' }.tier.spend", equalTo("1710000.00"));
    }

    @Test
    void birthdayAndOfferJobsOnTwoReplicasPayOnce() throws Exception {
        TestMember m = TestMembers.register("email", null, "1990-06-16");
        String dealer = Tokens.till("avto-drive");
        post(dealer, purchase("BD-" + m.cardNumber(), m.cardNumber(), "2026-06-15T09:00:00+03:00", "1000.00", "service"))
                .statusCode(201);
        TestMember rich = TestMembers.register();
        post(Tokens.till("kit-media"), purchase("BIG-" + rich.cardNumber(), rich.cardNumber(), "2026-06-15T09:00:00+03:00",
                "30000.00", "print")).statusCode(201);

        // the birthday is tomorrow: nothing today
        birthdays.run();
        wallet(dealer, m).body("active", equalTo(0));
        // the next day, and a month later for the kit-media points: two replicas run every job at the same moment
        clock.set("2026-07-16T08:00:00+03:00");
        List<Integer> paid = twice(() -> birthdays.run());
        List<Integer> made = twice(() -> offers.makeOffers());
        assertEquals(0, paid.get(0) + paid.get(1), "a month later is not the birthday");
        assertTrue(made.get(0) + made.get(1) >= 1, "the 30 000 points activated on 16 July: " + made);
        clock.set("2026-06-16T08:00:00+03:00");
        paid = twice(() -> birthdays.run());
        assertTrue(paid.get(0) + paid.get(1) >= 1, paid.toString());
        assertEquals(1, given().auth().oauth2(m.token()).get("/api/v1/me/history").then().extract().jsonPath()
                .getList("items.findAll { it.reference == 'birthday:2026' }").size(), "one birthday bonus");
        wallet(dealer, m).body("active", equalTo(1000));
        assertTrue(Inbox.body(Inbox.awaitMailTo(m.email(), "днём рождения")).contains("1"));
        clock.set("2026-07-16T08:05:00+03:00");
        assertEquals(List.of(0, 0), twice(() -> offers.makeOffers()), "nothing left to make");
        given().auth().oauth2(Tokens.till("kit-media")).get("/api/v1/members/{c}/offers", rich.cardNumber()).then()
                .body("size()", equalTo(1));
        assertTrue(audit.run().clean(), () -> audit.run().breaches().toString());
    }

    /** The same job started on two threads at once, each with its own transactions: what two replicas do. */
    static List<Integer> twice(Callable<Integer> job) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> f = new ArrayList<>(List.of(pool.submit(job), pool.submit(job)));
            return List.of(f.get(0).get(), f.get(1).get());
        } finally {
            pool.shutdownNow();
        }
    }

    static long partnerId(String slug) {
        return ru.coalition.partners.Partner.<ru.coalition.partners.Partner>find("slug", slug).firstResult().id;
    }
}
