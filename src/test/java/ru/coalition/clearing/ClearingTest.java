package ru.coalition.clearing;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clearing (PROGRAM-SEMANTICS.md §4, issue 10 §6). Each test moves the clock to a month of its own in the 2030s, so the
 * other tests' entries (posted now) never fall into its statements.
 */
@QuarkusTest
class ClearingTest {

    @Inject
    LedgerService ledger;

    @Inject
    MemberService members;

    @Inject
    PartnerService partners;

    @Inject
    ClearingService clearing;

    @Inject
    ClearingJobs jobs;

    /**
     * A member whose coalition wallet holds an operator's float (an adjustment: no partner, so outside clearing), so the
     * debits a test posts never take it below zero: every other test audits the whole shared ledger.
     */
    long memberId() {
        long member = members.byCard(TestMembers.register().cardNumber()).orElseThrow().id;
        QuarkusTransaction.requiringNew().run(() -> {
            long wallet = ledger.walletId(member, null);
            ledger.post(wallet, member, List.of(new LedgerService.Entry(EntryKind.ADJUSTMENT, 1_000_000, Instant.EPOCH, null,
                    "adjustment", null, "clearing test float")));
        });
        return member;
    }

    Partner partner(String slug) {
        return partners.cachedBySlug(slug).orElseThrow();
    }

    /** An entry in the member's coalition wallet, posted now (by the moved clock). */
    void post(long member, EntryKind kind, long points, String partner, String sourceType, Instant activatesAt) {
        QuarkusTransaction.requiringNew().run(() -> {
            long wallet = ledger.walletId(member, null);
            ledger.post(wallet, member, List.of(new LedgerService.Entry(kind, points, activatesAt, partner(partner).id, sourceType, null, "test")));
        });
    }

    @Test
    void theDecemberExampleBalances() {
        MovableClock clock = MovableClock.installAt("2031-03-10T12:00:00+03:00");
        long member = memberId();
        // what other tests left of smol-neft's points in wallets (outstanding is counted over all time)
        long outstandingBefore = clearing.statement(partner("smol-neft"), YearMonth.of(2031, 3)).outstanding();
        // smol-neft issues 10 000 points (scratch cards and purchases), avto-drive honours 2 000 points of catalog rewards
        post(member, EntryKind.SCRATCH, 4_000, "smol-neft", "scratch_batch", clock.instant());
        post(member, EntryKind.ACCRUAL, 6_000, "smol-neft", "clearing-test", clock.instant());
        clock.move(java.time.Duration.ofDays(5));
        post(member, EntryKind.REWARD, -2_000, "avto-drive", ClearingService.REWARD_ORDER, clock.instant());

        ClearingService.Overview month = clearing.overview(YearMonth.of(2031, 3));
        Statement smolNeft = find(month, "smol-neft");
        Statement avtoDrive = find(month, "avto-drive");
        assertEquals(10_000, smolNeft.issued());
        // the reward took the member's oldest points (the float), so everything smol-neft issued is still out there
        assertEquals(outstandingBefore + 10_000, smolNeft.outstanding());
        assertEquals("-5000.00", smolNeft.net());
        assertEquals(2_000, avtoDrive.redeemed());
        assertEquals("800.00", avtoDrive.net());
        assertEquals("-4200.00", month.totals().net());
        assertEquals("4200.00", month.totals().operatorMargin());

        // the same through the API, for the partner and for the operator
        given().auth().oauth2(Tokens.user("smol-neft-admin", "demo1234")).get("/api/v1/partner/statements/2031-03")
                .then().statusCode(200).body("partner", equalTo("smol-neft")).body("issued", equalTo(10_000))
                .body("net", equalTo("-5000.00")).body("ratePerPoint", equalTo("0.50")).body("closed", equalTo(false));
        given().auth().oauth2(Tokens.user("operator", "demo1234")).get("/api/v1/operator/statements/2031-03")
                .then().statusCode(200).body("totals.operatorMargin", equalTo("4200.00"));
    }

    @Inject
    ru.coalition.catalog.CatalogOrders orders;

    @Inject
    ru.coalition.catalog.VoucherJobs voucherJobs;

    @Test
    void aReturnedVoucherTakesBackTheHonouringPartnersRedemptionAndItsPointsStayTheIssuers() {
        MovableClock clock = MovableClock.installAt("2031-06-20T12:00:00+03:00");
        // vouchers other tests left open are long past their expiry here: returned in June, they stay out of July
        voucherJobs.expireAll();
        // no float here: the order must take points smol-neft issued
        long member = members.byCard(TestMembers.register().cardNumber()).orElseThrow().id;
        post(member, EntryKind.ACCRUAL, 1_000, "smol-neft", "clearing-test", clock.instant());
        java.util.UUID reward = java.util.UUID.fromString(given().auth().oauth2(Tokens.user("operator", "demo1234"))
                .contentType(io.restassured.http.ContentType.JSON)
                .body(Map.of("titleRu", "Мойка, невостребованная", "titleEn", "Car wash", "descriptionRu", "Описание", "cost", 300,
                        "partner", "avto-drive", "validityDays", 3))
                .post("/api/v1/operator/catalog/rewards").then().statusCode(201).extract().path("rewardId"));
        clock.set("2031-07-02T12:00:00+03:00");
        YearMonth july = YearMonth.of(2031, 7);
        long smolBefore = clearing.statement(partner("smol-neft"), july).outstanding();
        Statement avtoBeforeOrder = clearing.statement(partner("avto-drive"), july);
        long avtoBefore = avtoBeforeOrder.outstanding();
        long avtoRedeemedBefore = avtoBeforeOrder.redeemed();
        QuarkusTransaction.requiringNew().run(() -> orders.order(members.byId(member).orElseThrow(), reward));
        clock.set("2031-07-10T12:00:00+03:00");
        voucherJobs.expireAll();

        ClearingService.Overview month = clearing.overview(july);
        Statement avtoDrive = find(month, "avto-drive");
        Statement smolNeft = find(month, "smol-neft");
        // honoured and returned: nothing more redeemed at avto-drive, in two lines of this month (the return is no
        // correction, though the points it gives back became active in June); the other tests' entries, posted in
        // their own years, are corrections of this open month and were there before
        assertEquals(avtoRedeemedBefore, avtoDrive.redeemed(), avtoDrive.lines().toString());
        assertEquals(List.of(300L), avtoDrive.lines().stream().filter(l -> !l.correction() && l.category() == Statement.Category.CATALOG)
                .map(Statement.Line::points).toList(), avtoDrive.lines().toString());
        assertEquals(List.of(-300L), avtoDrive.lines().stream().filter(l -> !l.correction() && l.category() == Statement.Category.VOUCHERS_RETURNED)
                .map(Statement.Line::points).toList(), avtoDrive.lines().toString());
        // the 300 points are back in the wallet as smol-neft's: its outstanding, not avto-drive's
        assertEquals(smolBefore, smolNeft.outstanding());
        assertEquals(avtoBefore, avtoDrive.outstanding());
        @SuppressWarnings("unchecked")
        List<Object> returnedBy = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select p.slug from ledger_entry e"
                + " join partner p on p.id = e.partner_id where e.member_id = :m and e.kind = 'REVERSAL'").setParameter("m", member)
                .getResultList());
        assertEquals(List.of("smol-neft"), returnedBy);
    }

    @Inject
    jakarta.persistence.EntityManager em;

    @Test
    void aClosedMonthNeverChangesAndALateReceiptIsACorrectionOfTheNextMonth() {
        MovableClock clock = MovableClock.installAt("2033-04-20T12:00:00+03:00");
        long member = memberId();
        post(member, EntryKind.ACCRUAL, 100, "smol-neft", "clearing-test", clock.instant());
        Statement before = clearing.statement(partner("smol-neft"), YearMonth.of(2033, 4));
        assertEquals(100, before.issued());

        // April stays open while it runs, and for the grace after midnight (the job closes March meanwhile)
        clock.set("2033-04-30T23:00:00+03:00");
        jobs.closeLastMonth();
        assertEquals(false, clearing.statement(partner("smol-neft"), YearMonth.of(2033, 4)).closed());
        clock.set("2033-05-01T00:05:00+03:00");
        assertEquals(false, jobs.closeLastMonth());
        assertEquals(false, clearing.statement(partner("smol-neft"), YearMonth.of(2033, 4)).closed());
        clock.set("2033-05-01T00:20:00+03:00");
        assertTrue(jobs.closeLastMonth());
        assertEquals(false, jobs.closeLastMonth(), "a month closes once");

        // a receipt of 20 April posted on 2 May: April stays as it was, May shows it as a correction
        clock.set("2033-05-02T10:00:00+03:00");
        post(member, EntryKind.ACCRUAL, 50, "smol-neft", "clearing-test", OffsetDateTime.parse("2033-04-20T15:00:00+03:00").toInstant());
        Statement april = clearing.statement(partner("smol-neft"), YearMonth.of(2033, 4));
        assertTrue(april.closed());
        assertEquals(before.issued(), april.issued());
        assertEquals(before.net(), april.net());
        assertEquals(before.lines(), april.lines());
        Statement may = clearing.statement(partner("smol-neft"), YearMonth.of(2033, 5));
        assertEquals(50, may.issued());
        assertTrue(may.lines().stream().anyMatch(l -> l.correction() && l.points() == 50 && l.category() == Statement.Category.PURCHASES),
                may.lines().toString());
    }

    /**
     * An open month's outstanding points are the last closed month's as stored plus the change since, not a reading of
     * the whole ledger: the two agree, with spends taking points from lots on both sides of the close and entries posted
     * late (written after the close, for a time before it).
     */
    @Test
    void anOpenMonthsOutstandingIsTheLastCloseAndTheChangeSince() {
        MovableClock clock = MovableClock.installAt("2036-03-10T12:00:00+03:00");
        long member = members.byCard(TestMembers.register().cardNumber()).orElseThrow().id;
        String[] slugs = {"smol-neft", "kit-media", "avto-drive"};
        Map<String, Long> before = new HashMap<>();
        for (String s : slugs) {
            before.put(s, clearing.statement(partner(s), YearMonth.of(2036, 3)).outstanding());
        }
        post(member, EntryKind.ACCRUAL, 300, "smol-neft", "clearing-test", clock.instant());
        post(member, EntryKind.ACCRUAL, 200, "kit-media", "clearing-test", clock.instant());
        clock.set("2036-03-15T12:00:00+03:00");
        post(member, EntryKind.REDEMPTION, -100, "avto-drive", "redemption", clock.instant());
        clock.set("2036-04-01T00:20:00+03:00");
        assertTrue(jobs.closeLastMonth(), "March 2036 closes");
        // written after the close for a time before it (a transaction that began in March): late, April's
        clock.set("2036-03-31T23:00:00+03:00");
        post(member, EntryKind.ACCRUAL, 50, "avto-drive", "clearing-test", clock.instant());
        post(member, EntryKind.REDEMPTION, -20, "smol-neft", "redemption", clock.instant());
        clock.set("2036-04-05T12:00:00+03:00");
        post(member, EntryKind.ACCRUAL, 70, "smol-neft", "clearing-test", clock.instant());
        post(member, EntryKind.REDEMPTION, -250, "kit-media", "redemption", clock.instant());

        Instant aprilEnd = OffsetDateTime.parse("2036-05-01T00:00:00+03:00").toInstant();
        Map<Long, Long> whole = QuarkusTransaction.requiringNew().call(() -> ledger.coalitionOutstanding(aprilEnd, Long.MAX_VALUE));
        ClearingService.Overview april = clearing.overview(YearMonth.of(2036, 4));
        long change = 0;
        for (String s : slugs) {
            long shown = clearing.statement(partner(s), YearMonth.of(2036, 4)).outstanding();
            assertEquals(whole.getOrDefault(partner(s).id, 0L), shown, s + ": the last close and the change since equal the whole ledger");
            assertEquals(shown, find(april, s).outstanding(), s + " on the operator's page");
            change += shown - before.get(s);
        }
        assertEquals(300 + 200 - 100 + 50 - 20 + 70 - 250, change, "the member's points still out, over the three partners");
    }

    @Test
    void aStatementsTotalsEqualTheLedgersMovements() {
        long seed = System.nanoTime();
        System.out.println("ClearingTest seed " + seed);
        Random random = new Random(seed);
        MovableClock clock = MovableClock.installAt("2031-06-03T09:00:00+03:00");
        long member = memberId();
        String[] slugs = {"smol-neft", "avto-drive", "kit-media"};
        Map<String, long[]> expected = new HashMap<>();
        for (String s : slugs) {
            expected.put(s, new long[3]);
        }
        for (int i = 0; i < 60; i++) {
            String slug = slugs[random.nextInt(slugs.length)];
            long[] e = expected.get(slug);
            long points = 1 + random.nextInt(500);
            switch (random.nextInt(7)) {
                case 0 -> { post(member, EntryKind.ACCRUAL, points, slug, "clearing-test", clock.instant()); e[0] += points; }
                case 1 -> { post(member, EntryKind.BONUS, points, slug, "clearing-test", clock.instant()); e[0] += points; }
                case 2 -> { post(member, EntryKind.REVERSAL, -points, slug, "refund", clock.instant()); e[0] -= points; }
                case 3 -> { post(member, EntryKind.REDEMPTION, -points, slug, "redemption", clock.instant()); e[1] += points; }
                case 4 -> { post(member, EntryKind.REWARD, -points, slug, ClearingService.REWARD_ORDER, clock.instant()); e[1] += points; }
                case 5 -> { post(member, EntryKind.REVERSAL, points, slug, ClearingService.REWARD_ORDER, clock.instant()); e[1] -= points; }
                default -> { post(member, EntryKind.EXPIRY, -points, slug, "expiry", clock.instant()); e[2] += points; }
            }
            clock.move(java.time.Duration.ofHours(7));
        }
        ClearingService.Overview june = clearing.overview(YearMonth.of(2031, 6));
        long net = 0;
        for (String s : slugs) {
            Statement st = find(june, s);
            long[] e = expected.get(s);
            assertEquals(e[0], st.issued(), s + " issued (seed " + seed + ")");
            assertEquals(e[1], st.redeemed(), s + " redeemed (seed " + seed + ")");
            assertEquals(e[2], st.expired(), s + " expired (seed " + seed + ")");
            // the lines add up to the totals
            assertEquals(st.issued(), st.lines().stream().filter(l -> l.side() == Statement.Side.ISSUED).mapToLong(Statement.Line::points).sum());
            assertEquals(st.redeemed(), st.lines().stream().filter(l -> l.side() == Statement.Side.REDEEMED).mapToLong(Statement.Line::points).sum());
            net += st.netKopecks();
        }
        assertEquals(ru.coalition.programs.Money.format(-net), june.totals().operatorMargin());
    }

    @Test
    void aPartnerSeesOnlyItsOwnStatementAndOnlyTheOperatorSeesAll() {
        String avto = Tokens.user("avto-drive-admin", "demo1234");
        given().auth().oauth2(avto).get("/api/v1/partner/statements/" + YearMonth.now()).then().statusCode(200)
                .body("partner", equalTo("avto-drive"));
        given().auth().oauth2(avto).get("/api/v1/operator/statements/" + YearMonth.now()).then().statusCode(403);
        given().auth().oauth2(Tokens.user("avto-drive-cashier", "demo1234")).get("/api/v1/partner/statements/" + YearMonth.now())
                .then().statusCode(403);
        given().auth().oauth2(avto).get("/api/v1/partner/statements/2026-13").then().statusCode(422).body("code", equalTo("clearing.period"));
        given().auth().oauth2(avto).get("/api/v1/partner/statements/" + YearMonth.now().plusMonths(2)).then().statusCode(422);
    }

    static Statement find(ClearingService.Overview overview, String slug) {
        return overview.statements().stream().filter(s -> s.partner().equals(slug)).findFirst().orElseThrow();
    }
}
