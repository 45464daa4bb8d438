package ru.coalition.purchases;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerAudit;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.MemberService;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.TenantFileParser;
import ru.coalition.partners.TenantLoader;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The holes a review of the ledger found (issue 7 §1.1–1.5): each test here failed on the code before the fix.
 */
@QuarkusTest
class LedgerHolesTest {

    @Inject
    LedgerAudit audit;

    @Inject
    LedgerService ledger;

    @Inject
    MemberService members;

    @Inject
    PartnerService partners;

    @Inject
    TenantLoader loader;

    @Inject
    TenantFileParser parser;

    MovableClock clock;

    @BeforeEach
    void clock() {
        clock = MovableClock.installAt("2026-06-15T10:00:00+03:00");
    }

    static Map<String, Object> line(String sku, String amount, String category) {
        return new HashMap<>(Map.of("sku", sku, "amount", amount, "category", category));
    }

    static Map<String, Object> receipt(String id, String card, String at, List<Map<String, Object>> lines) {
        return new HashMap<>(Map.of("receiptId", id, "occurredAt", at, "member", Map.of("cardNumber", card), "lines", lines));
    }

    static ValidatableResponse post(String till, Object body) {
        return given().auth().oauth2(till).contentType(ContentType.JSON).header("Accept-Language", "en").body(body)
                .post("/api/v1/purchases").then();
    }

    static ValidatableResponse refund(String till, String receiptId, Object body) {
        return given().auth().oauth2(till).contentType(ContentType.JSON).header("Accept-Language", "en").body(body)
                .post("/api/v1/purchases/{r}/refunds", receiptId).then();
    }

    static ValidatableResponse wallet(String till, TestMember m) {
        return given().auth().oauth2(till).get("/api/v1/members/{c}/wallet", m.cardNumber()).then().statusCode(200);
    }

    void auditIsClean() {
        LedgerAudit.Report report = audit.run();
        assertTrue(report.clean(), "ledger audit: " + report.breaches());
    }

    // §1.1 — the wallet scope is the operator's

    @Test
    void aProgramVersionCannotMoveAPartnerIntoTheCoalitionWallet() throws Exception {
        String yaml = Files.readString(Path.of("tenants/kit-media.yaml"))
                .replace("wallet: closed-loop", "wallet: coalition")
                .replace("effectiveFrom: \"2026-01-01\"", "effectiveFrom: \"2027-01-01\"");
        TenantLoader.FileResult result = loader.load("kit-media.yaml", yaml);
        assertNotNull(result.issues());
        assertEquals(1, result.issues().size(), result.toString());
        int walletLine = lineOf(yaml, "wallet: coalition");
        assertEquals(walletLine, result.issues().get(0).line(), "the refusal names the line of the wallet");
        assertTrue(result.issues().get(0).reason().contains("wallet scope"), result.issues().get(0).reason());

        // the portal's editor saves through the same service: refused too, and nothing is stored
        var kit = partners.findBySlug("kit-media").orElseThrow();
        var refused = partners.addVersion(kit, parser.parse("kit-media.yaml", yaml));
        assertNotNull(refused);
        assertEquals(ru.coalition.partners.PartnerService.Refusal.WALLET_SCOPE, refused.refusal, "the editor says it in its own words");
        assertTrue(partners.versions(kit).stream().noneMatch(v -> v.effectiveFrom.toString().equals("2027-01-01")));
        // and the till still reads only the kit-media wallet
        TestMember m = TestMembers.register();
        wallet(Tokens.till("kit-media"), m).body("wallet", equalTo("kit-media")).body("coalition", equalTo(null));
    }

    @Test
    void bonusSizesAndThresholdsAreBounded() throws Exception {
        String yaml = Files.readString(Path.of("tenants/avto-drive.yaml"));
        var tooBig = assertRefused(yaml.replace("welcome:\n    bonus: 1000", "welcome:\n    bonus: 1000000000"));
        assertEquals(lineOf(yaml, "welcome:") + 1, tooBig.get(0).line());
        String kit = Files.readString(Path.of("tenants/kit-media.yaml"));
        assertRefused(kit.replace("cost: 25000", "cost: 0"));
        assertRefused(kit.replace("balance: 25000", "balance: 0").replace("cost: 25000", "cost: 0"));
    }

    private List<TenantFileParser.Issue> assertRefused(String yaml) {
        String slug = yaml.lines().filter(l -> l.startsWith("slug: ")).findFirst().orElseThrow().substring(6);
        try {
            parser.parse(slug + ".yaml", yaml);
        } catch (TenantFileParser.InvalidTenantFile e) {
            return e.issues();
        }
        throw new AssertionError("accepted: " + yaml);
    }

    private static int lineOf(String yaml, String text) {
        List<String> lines = yaml.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }

    // §1.2 — what a refund takes back

    @Test
    void aFullRefundTakesBackEveryBonusThePurchaseTriggered() {
        String avto = Tokens.till("avto-drive");
        TestMember referrer = TestMembers.register();
        TestMember friend = TestMembers.register("email", referrer.referralCode(), "1990-01-01");
        String id = "HB-FULL-" + friend.cardNumber();
        // 200 000.00 of service: 2 000 points, welcome 1 000, referral 5 000 to the referrer, gold (3 000 welcome points)
        post(avto, receipt(id, friend.cardNumber(), "2026-06-15T09:00:00+03:00", List.of(line("SERVICE", "200000.00", "service"))))
                .statusCode(201).body("points", equalTo(3000));
        wallet(avto, friend).body("pending", equalTo(2000 + 1000 + 3000)).body("active", equalTo(0));
        wallet(avto, referrer).body("pending", equalTo(5000));

        // half back: half of every bonus goes (floor of bonus × eligible left / eligible at first)
        refund(avto, id, Map.of("refundId", "F-1", "lines", List.of(Map.of("sku", "SERVICE", "amount", "100000.00"))))
                .statusCode(201).body("pointsReversed", equalTo(1000)).body("bonusesReversed", equalTo(500 + 1500 + 2500));
        wallet(avto, friend).body("pending", equalTo(1000 + 500 + 1500));
        wallet(avto, referrer).body("pending", equalTo(2500));
        // the rest: everything the purchase brought is gone, in both wallets
        refund(avto, id, Map.of("refundId", "F-2", "lines", List.of(Map.of("sku", "SERVICE", "amount", "100000.00"))))
                .statusCode(201).body("pointsReversed", equalTo(1000)).body("bonusesReversed", equalTo(500 + 1500 + 2500));
        wallet(avto, friend).body("pending", equalTo(0)).body("active", equalTo(0));
        wallet(avto, referrer).body("pending", equalTo(0));
        // tier welcome points were pending like the purchase, never active before it
        auditIsClean();
    }

    @Test
    void aReceiptThatEarnsNothingTriggersNoBonus() {
        String avto = Tokens.till("avto-drive");
        TestMember referrer = TestMembers.register();
        TestMember friend = TestMembers.register("email", referrer.referralCode(), "1990-01-01");
        // a car is excluded: nothing eligible, so no welcome and no referral
        post(avto, receipt("HB-CAR-" + friend.cardNumber(), friend.cardNumber(), "2026-06-15T09:00:00+03:00",
                List.of(line("CAR", "100000.00", "vehicle")))).statusCode(201).body("points", equalTo(0))
                .body("breakdown.welcomeBonus", equalTo(0));
        wallet(avto, friend).body("pending", equalTo(0));
        wallet(avto, referrer).body("pending", equalTo(0));
        // the first receipt that earns pays them
        post(avto, receipt("HB-OIL-" + friend.cardNumber(), friend.cardNumber(), "2026-06-15T09:10:00+03:00",
                List.of(line("OIL", "1000.00", "service")))).statusCode(201).body("breakdown.welcomeBonus", equalTo(1000));
        wallet(avto, referrer).body("pending", equalTo(5000));
    }

    @Test
    void aFullyRefundedReceiptGivesBackItsGiftCardAndItsBonus() {
        String kit = Tokens.till("kit-media");
        TestMember m = TestMembers.register();
        String code = issueGiftCard(m, 150000);
        String id = "HB-GC-" + m.cardNumber();
        Map<String, Object> body = receipt(id, m.cardNumber(), "2026-06-15T09:00:00+03:00", List.of(line("PRINT", "5000.00", "print")));
        body.put("payments", List.of(Map.of("method", "gift-card", "amount", "1500.00", "giftCardCode", code),
                Map.of("method", "cash", "amount", "3500.00")));
        post(kit, body).statusCode(201).body("points", equalTo(5000));
        refund(kit, id, Map.of("refundId", "F-1", "lines", List.of(Map.of("sku", "PRINT", "amount", "5000.00"))))
                .statusCode(201).body("pointsReversed", equalTo(5000));
        wallet(kit, m).body("pending", equalTo(0));
        // the card pays again
        Map<String, Object> again = receipt(id + "-2", m.cardNumber(), "2026-06-15T09:30:00+03:00", List.of(line("PRINT", "1500.00", "print")));
        again.put("payments", List.of(Map.of("method", "gift-card", "amount", "1500.00", "giftCardCode", code.toLowerCase())));
        post(kit, again).statusCode(201).body("breakdown.giftCardBonus", equalTo(1500));
        auditIsClean();
    }

    private String issueGiftCard(TestMember m, long nominal) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var member = members.byCard(m.cardNumber()).orElseThrow();
            var kit = partners.findBySlug("kit-media").orElseThrow();
            return giftCards.issue(kit.id, member.id, nominal).code;
        });
    }

    @Inject
    ru.coalition.giftcards.GiftCardService giftCards;

    @Inject
    jakarta.persistence.EntityManager em;

    @Inject
    jakarta.transaction.UserTransaction transaction;

    @Test
    void theAuditFlagsASpendIntoDebtEvenInAWalletThatOnceHadAReversal() throws Exception {
        TestMember m = TestMembers.register();
        long memberId = members.byCard(m.cardNumber()).orElseThrow().id;
        Instant now = clock.instant();
        long walletId = QuarkusTransaction.requiringNew().call(() -> {
            long w = ledger.walletId(memberId, partners.findBySlug("smol-neft").orElseThrow().walletPartnerId());
            ledger.post(w, memberId, List.of(new LedgerService.Entry(EntryKind.ACCRUAL, 100, now.minusSeconds(60), null, "test", null, null)));
            ledger.post(w, memberId, List.of(new LedgerService.Entry(EntryKind.REVERSAL, -150, now.minusSeconds(50), null, "test", null, null)));
            ledger.post(w, memberId, List.of(new LedgerService.Entry(EntryKind.ACCRUAL, 100, now.minusSeconds(40), null, "test", null, null)));
            return w;
        });
        auditIsClean();
        // a debit that skipped the spend check: the wallet had only 50 to spend. The ledger is append-only, so the
        // forged debit is checked inside a transaction that is then rolled back, leaving the ledger clean for others.
        LedgerAudit.Report report;
        transaction.begin();
        try {
            ledger.post(walletId, memberId, List.of(new LedgerService.Entry(EntryKind.REDEMPTION, -100, now, null, "test", null, null)));
            report = audit.check();
        } finally {
            transaction.rollback();
        }
        assertTrue(report.breaches().stream().anyMatch(b -> b.check().equals("spendable-not-negative") && Long.valueOf(walletId).equals(b.walletId())),
                report.breaches().toString());
        auditIsClean();
    }

    // §1.3 — spending and locks

    @Test
    void aSpendDatedAheadByASkewedReplicaCountsAtOnce() {
        TestMember m = TestMembers.register();
        long memberId = members.byCard(m.cardNumber()).orElseThrow().id;
        Instant now = clock.instant();
        long walletId = QuarkusTransaction.requiringNew().call(() -> {
            long w = ledger.walletId(memberId, null);
            ledger.post(w, memberId, List.of(new LedgerService.Entry(EntryKind.ACCRUAL, 100, now.minusSeconds(60), null, "test", null, null)));
            // another replica, its clock a minute ahead, spent 80 a moment ago
            ledger.post(w, memberId, List.of(new LedgerService.Entry(EntryKind.REDEMPTION, -80, now.plusSeconds(60), null, "test", null, null)));
            return w;
        });
        var refused = org.junit.jupiter.api.Assertions.assertThrows(ru.coalition.platform.ProblemException.class,
                () -> QuarkusTransaction.requiringNew().run(() -> ledger.spend(walletId, memberId,
                        new LedgerService.Entry(EntryKind.REDEMPTION, -80, now, null, "test", null, null), ru.coalition.platform.ErrorCode.REDEMPTION_INSUFFICIENT)));
        assertEquals("redemption.insufficient", refused.code().code());
        QuarkusTransaction.requiringNew().run(() -> ledger.spend(walletId, memberId,
                new LedgerService.Entry(EntryKind.REDEMPTION, -20, now, null, "test", null, null), ru.coalition.platform.ErrorCode.REDEMPTION_INSUFFICIENT));
        auditIsClean();
    }

    @Test
    void twoReceiptsPayingWithTheSameTwoCardsInOppositeOrderNeverDeadlock() throws Exception {
        String kit = Tokens.till("kit-media");
        TestMember m = TestMembers.register();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 8; round++) {
                String a = issueGiftCard(m, 10000);
                String b = issueGiftCard(m, 10000);
                List<Callable<Integer>> posts = new ArrayList<>();
                for (int k = 0; k < 2; k++) {
                    List<String> order = k == 0 ? List.of(a, b) : List.of(b, a);
                    Map<String, Object> body = receipt("HB-DL-" + round + "-" + k + "-" + m.cardNumber(), m.cardNumber(),
                            "2026-06-15T09:00:00+03:00", List.of(line("PRINT", "300.00", "print")));
                    body.put("payments", List.of(Map.of("method", "gift-card", "amount", "100.00", "giftCardCode", order.get(0)),
                            Map.of("method", "gift-card", "amount", "100.00", "giftCardCode", order.get(1)),
                            Map.of("method", "cash", "amount", "100.00")));
                    posts.add(() -> given().auth().oauth2(kit).contentType(ContentType.JSON).body(body)
                            .post("/api/v1/purchases").statusCode());
                }
                List<Integer> codes = new ArrayList<>();
                for (Future<Integer> f : pool.invokeAll(posts)) {
                    codes.add(f.get());
                }
                codes.sort(null);
                assertEquals(List.of(201, 422), codes, "round " + round + ": one receipt uses both cards, the other is refused");
            }
        } finally {
            pool.shutdownNow();
        }
        auditIsClean();
    }

    @Inject
    ru.coalition.tiers.TierJobs tierJobs;

    @Test
    void theTierJobRunsBesidePurchasesWithoutDeadlocks() throws Exception {
        String avto = Tokens.till("avto-drive");
        List<TestMember> buyers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            buyers.add(TestMembers.register());
        }
        long avtoId = partners.findBySlug("avto-drive").orElseThrow().id;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            TestMember b = buyers.get(i % buyers.size());
            String id = "HB-TJ-" + i + "-" + b.cardNumber();
            // big receipts lift members to gold and platinum, so purchases and the job both pay tier welcome points
            work.add(() -> given().auth().oauth2(avto).contentType(ContentType.JSON)
                    .body(receipt(id, b.cardNumber(), "2026-06-15T09:00:00+03:00", List.of(line("SERVICE", "100000.00", "service"))))
                    .post("/api/v1/purchases").statusCode());
            if (i % 6 == 0) {
                work.add(() -> {
                    tierJobs.recalculate(avtoId);
                    return 201;
                });
            }
        }
        List<Integer> statuses = new ArrayList<>();
        try {
            for (Future<Integer> f : pool.invokeAll(work)) {
                statuses.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(statuses.stream().allMatch(s -> s == 201), statuses.toString());
        for (TestMember b : buyers) {
            // welcome 1 000, gold 3 000 and platinum 10 000 welcome points: each paid once, by a purchase or by the job
            int accrued = accruals(b);
            ValidatableResponse w = wallet(avto, b);
            int total = w.extract().<Integer>path("active") + w.extract().<Integer>path("pending");
            assertEquals(accrued + 1000 + 3000 + 10000, total);
        }
        auditIsClean();
    }

    private static int accruals(TestMember b) {
        List<Integer> points = given().auth().oauth2(b.token()).get("/api/v1/me/history?size=100").then().statusCode(200)
                .extract().path("items.findAll { it.kind == 'ACCRUAL' }.points");
        return points.stream().mapToInt(Integer::intValue).sum();
    }

    // §1.4 — throttles that hold

    @Test
    void parallelWrongCodesCountEachAndOnlyAtThePartnerWhereTheyWereTried() throws Exception {
        TestMember m = TestMembers.register();
        String smol = Tokens.till("smol-neft");
        String kit = Tokens.till("kit-media");
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Callable<Response>> guesses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            guesses.add(() -> given().auth().oauth2(smol).contentType(ContentType.JSON)
                    .body(Map.of("redemptionId", "HB-G-" + n + "-" + m.cardNumber(), "member", Map.of("cardNumber", m.cardNumber()),
                            "points", 10, "code", "00000" + (n % 10)))
                    .post("/api/v1/redemptions"));
        }
        int wrong = 0;
        int throttled = 0;
        try {
            for (Future<Response> f : pool.invokeAll(guesses)) {
                Response r = f.get();
                if (r.statusCode() == 429) {
                    throttled++;
                    assertNotNull(r.header("Retry-After"), "429 says when to try again");
                    assertTrue(Long.parseLong(r.header("Retry-After")) > 0);
                } else {
                    assertEquals(422, r.statusCode(), r.asString());
                    wrong++;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        // the code may by chance be one of the guesses; then that one is 422 for lack of points, still counted as tried
        assertEquals(5, wrong, "exactly the allowed number of guesses were looked at");
        assertEquals(5, throttled);
        // another partner is not locked out by smol-neft's wrong guesses
        String code = given().auth().oauth2(m.token()).post("/api/v1/me/payment-codes").then().statusCode(201)
                .extract().path("code");
        given().auth().oauth2(kit).contentType(ContentType.JSON).header("Accept-Language", "en")
                .body(Map.of("redemptionId", "HB-K-" + m.cardNumber(), "member", Map.of("cardNumber", m.cardNumber()),
                        "points", 10, "code", code))
                .post("/api/v1/redemptions").then().statusCode(422).body("code", equalTo("redemption.insufficient"));
    }

    @Test
    void parallelPaymentCodeRequestsLeaveOneCodeInForce() throws Exception {
        TestMember m = TestMembers.register();
        String token = m.token();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Callable<String>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(() -> given().auth().oauth2(token).post("/api/v1/me/payment-codes").then().statusCode(201)
                    .extract().path("code"));
        }
        try {
            for (Future<String> f : pool.invokeAll(calls)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long memberId = members.byCard(m.cardNumber()).orElseThrow().id;
        Number live = QuarkusTransaction.requiringNew().call(() -> (Number) em
                .createNativeQuery("select count(*) from payment_code where member_id = :m and used_at is null and expires_at > :now")
                .setParameter("m", memberId).setParameter("now", clock.instant()).getSingleResult());
        assertEquals(1, live.intValue(), "each new code replaces the one before, also in parallel");
    }

    // §1.6 — what a till learns

    @Inject
    ru.coalition.till.TillService till;

    @Test
    void cashierLookUpsAreCountedPerPartnerAndUnknownLooksLikeMalformed() {
        // a window of its own, so other tests' look-ups do not count here
        clock.set("2031-01-01T10:00:10+03:00");
        TestMember m = TestMembers.register();
        var kit = partners.findBySlug("kit-media").orElseThrow();
        var smol = partners.findBySlug("smol-neft").orElseThrow();
        assertTrue(till.lookUp(kit, m.phone()).isPresent());
        assertTrue(till.lookUp(kit, "+70000000000").isEmpty());
        assertTrue(till.lookUp(kit, "not a phone").isEmpty());
        int allowed = 3;
        while (true) {
            try {
                till.lookUp(kit, "+7900" + (1000000 + allowed));
                allowed++;
            } catch (ru.coalition.platform.ProblemException e) {
                assertEquals(429, e.status());
                assertNotNull(e.retryAfterSeconds());
                break;
            }
            assertTrue(allowed < 10_000, "the look-ups are limited");
        }
        assertEquals(120, allowed, "the configured look-ups per partner and minute");
        // another partner's tills are not held back by this one's
        assertTrue(till.lookUp(smol, m.phone()).isPresent());
        clock.move(java.time.Duration.ofMinutes(1));
        assertTrue(till.lookUp(kit, m.phone()).isPresent());
    }

    // §1.8 — row-level security

    @Inject
    ru.coalition.partners.PartnerScope scope;

    @Test
    void aQueryThatForgetsThePartnerStillSeesOnlyItsPartnersRows() {
        String kitTill = Tokens.till("kit-media");
        String smolTill = Tokens.till("smol-neft");
        TestMember m = TestMembers.register();
        post(kitTill, receipt("HB-RLS-K-" + m.cardNumber(), m.cardNumber(), "2026-06-15T09:00:00+03:00",
                List.of(line("PRINT", "100.00", "print")))).statusCode(201);
        post(smolTill, receipt("HB-RLS-S-" + m.cardNumber(), m.cardNumber(), "2026-06-15T09:00:00+03:00",
                List.of(line("FUEL", "1000.00", "fuel")))).statusCode(201);
        var kit = partners.findBySlug("kit-media").orElseThrow();
        var smol = partners.findBySlug("smol-neft").orElseThrow();
        long all = QuarkusTransaction.requiringNew().call(() -> count("select count(*) from purchase"));
        long kits = QuarkusTransaction.requiringNew().call(() -> count("select count(*) from purchase where partner_id = " + kit.id));
        assertTrue(all > kits, "other partners have purchases too");
        QuarkusTransaction.requiringNew().run(() -> {
            scope.enter(kit);
            assertEquals(kits, count("select count(*) from purchase"), "no partner_id in the query, yet only kit-media's");
            assertEquals(0, count("select count(*) from purchase where partner_id = " + smol.id));
            assertEquals(0, count("select count(*) from purchase_line l join purchase p on p.id = l.purchase_id where p.partner_id <> "
                    + kit.id));
            assertEquals(0, count("select count(*) from purchase_line where purchase_id not in (select id from purchase)"),
                    "lines of other partners' purchases are hidden too");
        });
        // writing a row for another partner is refused by the policy, not just by the code
        var refused = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            scope.enter(kit);
            em.createNativeQuery("insert into bonus_grant (partner_id, member_id, kind, grant_key, granted_at)"
                    + " values (:p, (select min(id) from member), 'TEST', 'rls', now())").setParameter("p", smol.id).executeUpdate();
        }));
        assertTrue(String.valueOf(rootCause(refused).getMessage()).contains("row-level security"), String.valueOf(rootCause(refused)));
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    private static Throwable rootCause(Throwable t) {
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    // §1.5 — ledger input

    @Test
    void receiptsThatDoNotAddUpOrExceedTheCapsAreRefused() {
        String kit = Tokens.till("kit-media");
        TestMember m = TestMembers.register();
        TestMember other = TestMembers.register();
        Map<String, Object> paid = receipt("HB-PAY-" + m.cardNumber(), m.cardNumber(), "2026-06-15T09:00:00+03:00",
                List.of(line("PRINT", "100.00", "print")));
        paid.put("payments", List.of(Map.of("method", "cash", "amount", "90.00")));
        post(kit, paid).statusCode(422).body("code", equalTo("purchase.payments-mismatch"));

        post(kit, receipt("HB-BIG-" + m.cardNumber(), m.cardNumber(), "2026-06-15T09:00:00+03:00",
                List.of(line("PRINT", "9999999999.99", "print")))).statusCode(422).body("code", equalTo("purchase.over-amount-limit"));

        Map<String, Object> twoMembers = receipt("HB-WHO-" + m.cardNumber(), m.cardNumber(), "2026-06-15T09:00:00+03:00",
                List.of(line("PRINT", "100.00", "print")));
        twoMembers.put("member", Map.of("cardNumber", m.cardNumber(), "phone", other.phone()));
        post(kit, twoMembers).statusCode(422).body("code", equalTo("member.ref-mismatch"));
        twoMembers.put("member", Map.of("cardNumber", m.cardNumber(), "phone", m.phone()));
        post(kit, twoMembers).statusCode(201);

        Map<String, Object> sameCardTwice = receipt("HB-GC2-" + m.cardNumber(), m.cardNumber(), "2026-06-15T09:00:00+03:00",
                List.of(line("PRINT", "100.00", "print")));
        sameCardTwice.put("payments", List.of(Map.of("method", "gift-card", "amount", "50.00", "giftCardCode", "GC-ABCD-EFGH"),
                Map.of("method", "gift-card", "amount", "50.00", "giftCardCode", "gc-abcd-efgh ")));
        post(kit, sameCardTwice).statusCode(422).body("code", equalTo("purchase.gift-card-code"));
        wallet(kit, m).body("pending", equalTo(100));
        wallet(kit, other).body("pending", equalTo(0));
    }

    @Test
    void refundsNameALineByPositionAndTheirIdsArePerReceipt() throws Exception {
        String kit = Tokens.till("kit-media");
        TestMember m = TestMembers.register();
        String a = "HB-LN-A-" + m.cardNumber();
        String b = "HB-LN-B-" + m.cardNumber();
        // the same sku twice: one promo (earns nothing), one not
        Map<String, Object> promo = line("CARDS", "100.00", "print");
        promo.put("promo", true);
        post(kit, receipt(a, m.cardNumber(), "2026-06-15T09:00:00+03:00", List.of(promo, line("CARDS", "100.00", "print"))))
                .statusCode(201).body("points", equalTo(100));
        post(kit, receipt(b, m.cardNumber(), "2026-06-15T09:00:00+03:00", List.of(line("CARDS", "100.00", "print"))))
                .statusCode(201);
        // the same refund id on two receipts at once: each receipt has its own
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> ra = pool.submit(() -> given().auth().oauth2(kit).contentType(ContentType.JSON)
                    .body(Map.of("refundId", "F-1", "lines", List.of(Map.of("line", 1, "amount", "100.00"))))
                    .post("/api/v1/purchases/{r}/refunds", a).statusCode());
            Future<Integer> rb = pool.submit(() -> given().auth().oauth2(kit).contentType(ContentType.JSON)
                    .body(Map.of("refundId", "F-1", "lines", List.of(Map.of("sku", "CARDS", "amount", "100.00"))))
                    .post("/api/v1/purchases/{r}/refunds", b).statusCode());
            assertEquals(201, ra.get());
            assertEquals(201, rb.get());
        } finally {
            pool.shutdownNow();
        }
        // line 1 was the one that earned: all 100 back; the promo line is still there to refund
        refund(kit, a, Map.of("refundId", "F-1", "lines", List.of(Map.of("line", 1, "amount", "100.00"))))
                .statusCode(200).body("pointsReversed", equalTo(100));
        refund(kit, a, Map.of("refundId", "F-2", "lines", List.of(Map.of("line", 1, "amount", "0.01"))))
                .statusCode(422).body("code", equalTo("refund.exceeds"));
        refund(kit, a, Map.of("refundId", "F-3", "lines", List.of(Map.of("line", 0, "amount", "100.00"))))
                .statusCode(201).body("pointsReversed", equalTo(0));
        refund(kit, a, Map.of("refundId", "F-4", "lines", List.of(Map.of("amount", "1.00"))))
                .statusCode(422).body("code", equalTo("refund.line-required"));
        wallet(kit, m).body("pending", equalTo(0));
        auditIsClean();
    }
}
