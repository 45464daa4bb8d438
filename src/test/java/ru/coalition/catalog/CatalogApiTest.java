package ru.coalition.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.ledger.LedgerAudit;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ProblemException;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rewards catalog through its API: ordering, every refusal writing nothing, races for stock and limits, redemption. */
@QuarkusTest
class CatalogApiTest {

    static final String CODE = "[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}";

    @Inject
    EntityManager em;

    @Inject
    LedgerService ledger;

    @Inject
    LedgerAudit audit;

    @Inject
    MemberService members;

    @Inject
    PartnerService partners;

    @Inject
    CatalogOrders orders;

    @Test
    void anOrderDebitsTheCoalitionWalletForTheHonouringPartnerAndIssuesAVoucherSentByMail() {
        TestMember m = TestMembers.register();
        CatalogTestData.credit(m.cardNumber(), 1000);
        Map<String, Object> reward = CatalogTestData.reward("Кофе в АЗС Смол-Нефть " + UUID.randomUUID(), 300, "smol-neft");
        reward.put("stockLeft", 5);
        String rewardId = CatalogTestData.create(reward);

        var ordered = given().auth().oauth2(m.token()).contentType(ContentType.JSON).body(Map.of("rewardId", rewardId))
                .post("/api/v1/me/reward-orders").then().statusCode(201)
                .body("rewardId", equalTo(rewardId)).body("cost", equalTo(300)).body("voucherCode", matchesPattern(CODE))
                .extract();
        String code = ordered.path("voucherCode");
        String orderId = ordered.path("orderId");

        long memberId = members.byCard(m.cardNumber()).orElseThrow().id;
        assertEquals(700, ledger.balanceOf(memberId, null).active());
        @SuppressWarnings("unchecked")
        List<Object[]> entries = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select e.kind, e.amount, p.slug, e.source_type, w.partner_id"
                + " from ledger_entry e join partner p on p.id = e.partner_id join wallet w on w.id = e.wallet_id"
                + " where e.member_id = :m and e.source_type = 'reward_order'").setParameter("m", memberId).getResultList());
        assertEquals(1, entries.size());
        assertEquals("REWARD", entries.get(0)[0]);
        assertEquals(-300L, ((Number) entries.get(0)[1]).longValue());
        assertEquals("smol-neft", entries.get(0)[2], "the debit names the partner where the points are used");
        assertEquals(null, entries.get(0)[4], "the coalition wallet");

        given().auth().oauth2(m.token()).get("/api/v1/me/vouchers").then().statusCode(200)
                .body("[0].voucherCode", equalTo(code)).body("[0].orderId", equalTo(orderId)).body("[0].state", equalTo("ISSUED"))
                .body("[0].partner", equalTo("smol-neft"));
        given().get("/api/v1/catalog").then().statusCode(200)
                .body("find { it.rewardId == '" + rewardId + "' }.stockLeft", equalTo(4))
                .body("find { it.rewardId == '" + rewardId + "' }.available", equalTo(true))
                .body("find { it.rewardId == '" + rewardId + "' }.partner", equalTo("smol-neft"));
        assertTrue(Inbox.body(Inbox.awaitMailTo(m.email(), "ваучер")).contains(code));
        assertTrue(audit.run().clean());
    }

    @Test
    void everyRefusalIsItsOwnCodeAndWritesNothing() {
        TestMember m = TestMembers.register();
        CatalogTestData.credit(m.cardNumber(), 500);
        long memberId = members.byCard(m.cardNumber()).orElseThrow().id;
        String token = m.token();

        String dear = CatalogTestData.create(CatalogTestData.reward("Дорогой подарок", 600, "smol-neft"));
        Map<String, Object> none = CatalogTestData.reward("Закончился", 100, "avto-drive");
        none.put("stockLeft", 0);
        String soldOut = CatalogTestData.create(none);
        Map<String, Object> once = CatalogTestData.reward("Один в руки", 100, "kit-media");
        once.put("perMemberLimit", 1);
        once.put("stockLeft", 10);
        String limited = CatalogTestData.create(once);
        Map<String, Object> later = CatalogTestData.reward("Ещё не начался", 100, "kit-media");
        later.put("activeFrom", "2099-01-01");
        String notYet = CatalogTestData.create(later);

        order(token, dear).statusCode(422).body("code", equalTo("catalog.insufficient-points"));
        order(token, soldOut).statusCode(422).body("code", equalTo("catalog.out-of-stock"));
        order(token, notYet).statusCode(422).body("code", equalTo("catalog.unavailable"));
        order(token, UUID.randomUUID().toString()).statusCode(404).body("code", equalTo("catalog.reward-not-found"));
        order(token, "not-a-uuid").statusCode(404).body("code", equalTo("catalog.reward-not-found"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of()).post("/api/v1/me/reward-orders").then().statusCode(422)
                .body("code", equalTo("validation"));
        assertEquals(500, ledger.balanceOf(memberId, null).active());
        assertEquals(0, count("select count(*) from reward_order where member_id = " + memberId));
        assertEquals(0, count("select count(*) from voucher where member_id = " + memberId));

        order(token, limited).statusCode(201);
        order(token, limited).statusCode(422).body("code", equalTo("catalog.limit-reached"))
                .body("detail", org.hamcrest.Matchers.containsString("1"));
        assertEquals(400, ledger.balanceOf(memberId, null).active());
        assertEquals(1, count("select count(*) from reward_order where member_id = " + memberId));
        assertEquals(9, count("select stock_left from catalog_reward where public_id = '" + limited + "'"));
        // the refusals in English too
        given().auth().oauth2(token).header("Accept-Language", "en").contentType(ContentType.JSON).body(Map.of("rewardId", dear))
                .post("/api/v1/me/reward-orders").then().statusCode(422).body("title", equalTo("Not enough points"));
        assertTrue(audit.run().clean());
    }

    @Test
    void stockNeverGoesBelowZeroUnderFiftyParallelOrders() throws Exception {
        long seed = Long.getLong("catalog.seed", System.nanoTime());
        System.out.println("CatalogApiTest stock race seed: " + seed + " (rerun with -Dcatalog.seed=" + seed + ")");
        int stock = 3 + new Random(seed).nextInt(10);
        Map<String, Object> r = CatalogTestData.reward("Гонка за остатком", 200, "smol-neft");
        r.put("stockLeft", stock);
        UUID rewardId = UUID.fromString(CatalogTestData.create(r));
        List<Long> ids = CatalogTestData.members(em, ledger, 50, 1000);
        List<Member> buyers = QuarkusTransaction.requiringNew().call(() -> ids.stream().map(id -> members.byId(id).orElseThrow()).toList());
        List<String> outcomes = parallel(buyers.size(), i -> {
            try {
                return orders.order(buyers.get(i), rewardId).voucherCode();
            } catch (ProblemException e) {
                return e.code().code();
            }
        });
        long ok = outcomes.stream().filter(o -> o.matches(CODE)).count();
        assertEquals(stock, ok, outcomes.toString());
        assertEquals(50 - stock, outcomes.stream().filter("catalog.out-of-stock"::equals).count(), outcomes.toString());
        assertEquals(0, count("select stock_left from catalog_reward where public_id = '" + rewardId + "'"));
        assertEquals(stock, count("select count(*) from reward_order o join catalog_reward r on r.id = o.reward_id where r.public_id = '" + rewardId + "'"));
        assertEquals(stock, count("select count(distinct v.code) from voucher v join catalog_reward r on r.id = v.reward_id where r.public_id = '" + rewardId + "'"));
        long spent = ids.stream().mapToLong(id -> 1000 - ledger.balanceOf(id, null).active()).sum();
        assertEquals(stock * 200L, spent, "only the orders that got stock were debited");
        assertTrue(audit.run().clean());
    }

    @Test
    void thePerMemberLimitHoldsUnderParallelOrdersOfOneMember() throws Exception {
        Map<String, Object> r = CatalogTestData.reward("Два в одни руки", 100, "avto-drive");
        r.put("perMemberLimit", 2);
        UUID rewardId = UUID.fromString(CatalogTestData.create(r));
        long memberId = CatalogTestData.members(em, ledger, 1, 5000).get(0);
        Member buyer = QuarkusTransaction.requiringNew().call(() -> members.byId(memberId).orElseThrow());
        List<String> outcomes = parallel(20, i -> {
            try {
                return orders.order(buyer, rewardId).voucherCode();
            } catch (ProblemException e) {
                return e.code().code();
            }
        });
        assertEquals(2, outcomes.stream().filter(o -> o.matches(CODE)).count(), outcomes.toString());
        assertEquals(18, outcomes.stream().filter("catalog.limit-reached"::equals).count(), outcomes.toString());
        assertEquals(4800, ledger.balanceOf(memberId, null).active());
        assertTrue(audit.run().clean());
    }

    @Test
    void onlyTheHonouringPartnersTillRedeemsAVoucherAndOnlyOnce() {
        TestMember m = TestMembers.register();
        CatalogTestData.credit(m.cardNumber(), 300);
        String rewardId = CatalogTestData.create(CatalogTestData.reward("Мойка в АЗС", 300, "smol-neft"));
        String code = order(m.token(), rewardId).statusCode(201).extract().path("voucherCode");

        // another partner's till: as if the voucher did not exist
        redeem(Tokens.till("kit-media"), code).statusCode(404).body("code", equalTo("voucher.not-found"));
        redeem(Tokens.till("avto-drive"), code).statusCode(404).body("code", equalTo("voucher.not-found"));
        // a person's token is not a till
        redeem(Tokens.user("smol-neft-cashier", "demo1234"), code).statusCode(403).body("code", equalTo("till.only"));
        // a member cannot redeem their own voucher
        redeem(m.token(), code).statusCode(403);
        redeem(Tokens.till("smol-neft"), "ABCD-EFGH-JKMN").statusCode(404).body("code", equalTo("voucher.not-found"));
        redeem(Tokens.till("smol-neft"), "junk!").statusCode(404);

        String smol = Tokens.till("smol-neft");
        // typed the way a cashier might: lower case, no dashes
        redeem(smol, code.replace("-", "").toLowerCase()).statusCode(200)
                .body("voucherCode", equalTo(code)).body("rewardId", equalTo(rewardId)).body("state", equalTo("REDEEMED"));
        redeem(smol, code).statusCode(409).body("code", equalTo("voucher.already-redeemed"));
        redeem(Tokens.till("kit-media"), code).statusCode(404);
        given().auth().oauth2(m.token()).get("/api/v1/me/vouchers").then().body("[0].state", equalTo("REDEEMED"));
    }

    @Test
    void onlyOperatorStaffKeepTheCatalog() {
        Map<String, Object> r = CatalogTestData.reward("Подарок оператора", 100, "kit-media");
        String member = TestMembers.register().token();
        for (String token : List.of(member, Tokens.till("kit-media"), Tokens.user("kit-media-admin", "demo1234"),
                Tokens.user("support", "demo1234"))) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body(r).post("/api/v1/operator/catalog/rewards").then().statusCode(403);
            given().auth().oauth2(token).get("/api/v1/operator/catalog/rewards").then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(r).post("/api/v1/operator/catalog/rewards").then().statusCode(401);

        String operator = Tokens.user("operator", "demo1234");
        Map<String, Object> bad = CatalogTestData.reward("", 0, "no-such-partner");
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(bad).post("/api/v1/operator/catalog/rewards").then()
                .statusCode(422).body("errors.field", hasItem("titleRu")).body("errors.field", hasItem("cost"));
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(CatalogTestData.reward("Нет партнёра", 10, "no-such-partner"))
                .post("/api/v1/operator/catalog/rewards").then().statusCode(422).body("errors.field", hasItem("partner"));

        String id = CatalogTestData.create(r);
        given().auth().oauth2(member).contentType("image/png").body(CatalogTestData.png(Color.RED))
                .put("/api/v1/operator/catalog/rewards/{id}/picture", id).then().statusCode(403);
        given().auth().oauth2(operator).contentType("image/png").body("<svg onload=alert(1)></svg>".getBytes())
                .put("/api/v1/operator/catalog/rewards/{id}/picture", id).then().statusCode(422).body("code", equalTo("catalog.picture-invalid"));
        given().auth().oauth2(operator).contentType("image/png").body(CatalogTestData.png(Color.RED))
                .put("/api/v1/operator/catalog/rewards/{id}/picture", id).then().statusCode(204);
        String url = given().get("/api/v1/catalog").then().statusCode(200).extract().path("find { it.rewardId == '" + id + "' }.pictureUrl");
        var picture = given().get(url).then().statusCode(200).contentType("image/png")
                .header("Cache-Control", org.hamcrest.Matchers.containsString("max-age")).extract();
        given().header("If-None-Match", picture.header("ETag")).get(url).then().statusCode(304);

        Map<String, Object> changed = CatalogTestData.reward("Подарок оператора, новый", 150, "kit-media");
        given().auth().oauth2(operator).contentType(ContentType.JSON).body(changed).put("/api/v1/operator/catalog/rewards/{id}", id)
                .then().statusCode(200).body("reward.cost", equalTo(150)).body("reward.validityDays", equalTo(30));
        given().auth().oauth2(member).contentType(ContentType.JSON).body(changed).put("/api/v1/operator/catalog/rewards/{id}", id)
                .then().statusCode(403);
    }

    @Test
    void aWithdrawnRewardLeavesTheCatalogButItsVouchersStayValid() {
        TestMember m = TestMembers.register();
        CatalogTestData.credit(m.cardNumber(), 100);
        String id = CatalogTestData.create(CatalogTestData.reward("Снимут с витрины", 100, "smol-neft"));
        String code = order(m.token(), id).statusCode(201).extract().path("voucherCode");
        QuarkusTransaction.requiringNew().run(() -> catalog.setActive(UUID.fromString(id), false));
        given().get("/api/v1/catalog").then().body("rewardId", not(hasItem(id)));
        order(m.token(), id).statusCode(422).body("code", equalTo("catalog.unavailable"));
        redeem(Tokens.till("smol-neft"), code).statusCode(200);
    }

    @Inject
    CatalogService catalog;

    private static io.restassured.response.ValidatableResponse order(String token, String rewardId) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("rewardId", rewardId))
                .post("/api/v1/me/reward-orders").then();
    }

    static io.restassured.response.ValidatableResponse redeem(String token, String code) {
        return given().auth().oauth2(token).post("/api/v1/vouchers/{code}/redeem", code).then();
    }

    private long count(String sql) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(sql).getSingleResult()).longValue());
    }

    interface Task<T> {
        T run(int i) throws Exception;
    }

    /** n tasks released at once from a latch, so they really race. */
    static <T> List<T> parallel(int n, Task<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(n, 25));
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = i;
                futures.add(pool.submit((Callable<T>) () -> {
                    start.await();
                    return task.run(k);
                }));
            }
            start.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return Collections.unmodifiableList(out);
        } finally {
            pool.shutdownNow();
        }
    }
}
