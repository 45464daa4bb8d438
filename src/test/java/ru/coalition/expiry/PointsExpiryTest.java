package ru.coalition.expiry;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.catalog.CatalogOrders;
import ru.coalition.catalog.VoucherJobs;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerAudit;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.TenantFileParser;
import ru.coalition.partners.WalletScope;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.SqlValues;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Points expiry (issue 10 §5, PROGRAM-SEMANTICS §4): lots, FIFO spending, the job, notices and what the member sees. */
@QuarkusTest
class PointsExpiryTest {

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    @Inject
    EntityManager em;

    @Inject
    LedgerService ledger;

    @Inject
    LedgerAudit audit;

    @Inject
    PartnerService partners;

    @Inject
    TenantFileParser parser;

    @Inject
    MemberService members;

    @Inject
    ExpiryService expiry;

    @Inject
    CatalogOrders orders;

    @Inject
    VoucherJobs voucherJobs;

    MovableClock clock;

    @BeforeEach
    void clock() {
        clock = MovableClock.installAt("2026-01-01T10:00:00+03:00");
    }

    /** A coalition partner of this test whose program has the given expiry line, in force since 2020. */
    Partner partnerWith(String expiryYaml) throws Exception {
        String slug = "exp-" + Long.toString(SEQ.incrementAndGet(), 36);
        Partner p = partners.create(new PartnerService.NewPartner(slug, "Сгорающие " + slug, "ООО «" + slug + "»", "Смоленск",
                "Europe/Moscow", WalletScope.COALITION));
        String yaml = Files.readString(Path.of("tenants/smol-neft.yaml")).replace("slug: smol-neft", "slug: " + slug)
                .replace("effectiveFrom: \"2026-01-01\"", "effectiveFrom: \"2020-01-01\"") + "  expiry: " + expiryYaml + "\n";
        assertNull(partners.addVersion(p, parser.parse(slug + ".yaml", yaml)));
        return p;
    }

    /** A member without a Keycloak account (the job and the ledger are called directly), told by e-mail. */
    long member(String email) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long s = SEQ.incrementAndGet() % 1_000_000_000L;
            return ((Number) em.createNativeQuery("insert into member (public_id, card_number, last_name, first_name, phone, email,"
                            + " birth_date, gender, city, social_status, income_bracket, preferred_channel, referral_code,"
                            + " registered_at, status) values (:pub, :card, 'Сгоралов', 'Тест', :phone, :email, date '1990-01-01', 'male',"
                            + " 'Смоленск', 'employed', '50-100k', 'email', :ref, now(), 'ACTIVE') returning id")
                    .setParameter("pub", UUID.randomUUID()).setParameter("card", String.format("8%015d", s))
                    .setParameter("phone", String.format("+7931%07d", s % 10_000_000L)).setParameter("email", email)
                    .setParameter("ref", "E" + Long.toString(s, 36).toUpperCase()).getSingleResult()).longValue();
        });
    }

    long wallet(long memberId) {
        return QuarkusTransaction.requiringNew().call(() -> ledger.walletId(memberId, null));
    }

    /** Points earned at the partner now (a bonus: the ledger dates its lapse by the partner's program). */
    void earn(long memberId, Partner p, long points) {
        QuarkusTransaction.requiringNew().run(() -> ledger.post(ledger.walletId(memberId, null), memberId, List.of(
                new LedgerService.Entry(EntryKind.BONUS, points, clock.instant(), p.id, "test", null, "expiry test"))));
    }

    void spend(long memberId, Partner p, long points) {
        QuarkusTransaction.requiringNew().run(() -> ledger.spend(ledger.walletId(memberId, null), memberId, new LedgerService.Entry(
                EntryKind.REDEMPTION, -points, clock.instant(), p.id, "test", null, "expiry test"), ErrorCode.REDEMPTION_INSUFFICIENT));
    }

    long balance(long walletId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select balance from wallet where id = :w")
                .setParameter("w", walletId).getSingleResult()).longValue());
    }

    /** The EXPIRY entries of a wallet: amount, partner, note. */
    List<Object[]> expiries(long walletId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select amount, partner_id, note"
                + " from ledger_entry where wallet_id = :w and kind = 'EXPIRY' order by id").setParameter("w", walletId).getResultList());
        return rows;
    }

    void auditIsClean() {
        LedgerAudit.Report report = audit.run();
        assertTrue(report.clean(), "ledger audit: " + report.breaches());
    }

    @Test
    void theWorkedFiguresOfProgramSemantics() throws Exception {
        Partner p = partnerWith("{ afterMonths: 12 }");
        long m = member(null);
        long w = wallet(m);
        clock.set("2026-01-10T10:00:00+03:00");
        earn(m, p, 100);
        clock.set("2026-06-01T10:00:00+03:00");
        earn(m, p, 50);
        clock.set("2026-07-01T10:00:00+03:00");
        // takes 100 of the January lot and 20 of the June lot
        spend(m, p, 120);
        ExpiryService.NextExpiry next = QuarkusTransaction.requiringNew().call(() -> expiry.nextExpiry(w));
        assertEquals(30, next.points());
        assertEquals(OffsetDateTime.parse("2027-06-02T00:00:00+03:00").toInstant(), next.at());

        clock.set("2027-01-11T00:00:00+03:00");
        expiry.run();
        assertEquals(List.of(), expiries(w), "the January lot is spent: nothing expires");
        assertEquals(30, balance(w));
        clock.set("2027-06-01T23:59:59+03:00");
        expiry.run();
        assertEquals(30, balance(w));

        clock.set("2027-06-02T00:00:00+03:00");
        expiry.run();
        expiry.run();
        List<Object[]> lapsed = expiries(w);
        assertEquals(1, lapsed.size());
        assertEquals(-30L, ((Number) lapsed.get(0)[0]).longValue());
        assertEquals(p.id, ((Number) lapsed.get(0)[1]).longValue(), "breakage of the partner of origin");
        assertTrue(((String) lapsed.get(0)[2]).startsWith("lot:"));
        assertEquals(0, balance(w));
        assertNull(QuarkusTransaction.requiringNew().call(() -> expiry.nextExpiry(w)));
        auditIsClean();
    }

    @Test
    void runTwiceAndOnTwoReplicasAtOnceExpiresOnce() throws Exception {
        long seed = System.nanoTime();
        System.out.println("runTwiceAndOnTwoReplicasAtOnceExpiresOnce seed=" + seed);
        Random random = new Random(seed);
        Partner p = partnerWith("{ afterMonths: 1 }");
        List<Long> wallets = new ArrayList<>();
        Map<Long, Long> lapsing = new HashMap<>();
        clock.set("2026-03-05T12:00:00+03:00");
        for (int i = 0; i < 6; i++) {
            long m = member(null);
            long w = wallet(m);
            wallets.add(w);
            long in = 0;
            int lots = 1 + random.nextInt(3);
            for (int k = 0; k < lots; k++) {
                long points = 1 + random.nextInt(200);
                earn(m, p, points);
                in += points;
            }
            long spent = random.nextInt((int) in + 1);
            if (spent > 0) {
                spend(m, p, spent);
            }
            lapsing.put(w, in - spent);
        }
        clock.set("2026-04-06T00:00:00+03:00");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<ExpiryService.Run>> runs = List.of(expiry::run, expiry::run);
            for (Future<ExpiryService.Run> f : pool.invokeAll(runs)) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        expiry.run();
        for (long w : wallets) {
            long expired = expiries(w).stream().mapToLong(r -> -((Number) r[0]).longValue()).sum();
            assertEquals(lapsing.get(w), expired, "wallet " + w + " (seed " + seed + ")");
            assertEquals(0, balance(w));
        }
        auditIsClean();
    }

    @Test
    void inactivityLapsesOnlyThePointsOfMembersWhoStoppedBuying() throws Exception {
        Partner p = partnerWith("{ inactivityMonths: 6 }");
        long idle = member(null);
        long busy = member(null);
        clock.set("2026-02-01T10:00:00+03:00");
        accrue(idle, p, 70);
        accrue(busy, p, 80);
        clock.set("2026-07-01T10:00:00+03:00");
        accrue(busy, p, 5);
        clock.set("2026-08-02T00:00:00+03:00");
        expiry.run();
        expiry.run();
        assertEquals(0, balance(wallet(idle)), "six months without an accrual");
        assertEquals(-70L, ((Number) expiries(wallet(idle)).get(0)[0]).longValue());
        assertEquals(85, balance(wallet(busy)), "a recent accrual keeps all points of the program");
        assertEquals(List.of(), expiries(wallet(busy)));
        auditIsClean();
    }

    @Test
    void anInactivityProgramTellsWhenItsPointsLapseAndWarnsFourteenDaysBefore() throws Exception {
        Partner p = partnerWith("{ inactivityMonths: 6 }");
        clock.set("2026-02-01T10:00:00+03:00");
        TestMembers.TestMember tm = TestMembers.register();
        long m = QuarkusTransaction.requiringNew().call(() -> members.byCard(tm.cardNumber()).orElseThrow().id);
        long w = wallet(m);
        accrue(m, p, 70);
        // six months after the day of the last accrual, at 00:00 of the day after, unless the member buys there again
        given().auth().oauth2(tm.token()).get("/api/v1/me/wallets").then().statusCode(200)
                .body("[0].wallet", equalTo("coalition")).body("[0].nextExpiry.points", equalTo(70))
                .body("[0].nextExpiry.at", equalTo("2026-08-02T00:00:00+03:00"));
        clock.set("2026-05-10T10:00:00+03:00");
        accrue(m, p, 5);
        ExpiryService.NextExpiry next = QuarkusTransaction.requiringNew().call(() -> expiry.nextExpiry(w));
        assertEquals(75, next.points(), "a new accrual keeps all the program's points, and moves their day");
        assertEquals(OffsetDateTime.parse("2026-11-11T00:00:00+03:00").toInstant(), next.at());

        clock.set("2026-10-27T23:00:00+03:00");
        expiry.run();
        assertEquals(0L, noticeCount(w), "more than 14 days before: not yet");
        clock.set("2026-10-28T12:00:00+03:00");
        expiry.run();
        expiry.run();
        assertEquals(1L, noticeCount(w), "told once per wallet and day");
        MimeMessage mail = Inbox.awaitMailTo(tm.email(), "сгорят");
        String body = Inbox.body(mail);
        assertTrue(Inbox.subject(mail).contains("75"), Inbox.subject(mail));
        assertTrue(body.contains("11.11.2026") && body.contains("75"), body);
        assertEquals(75, balance(w), "told, not taken");

        clock.set("2026-11-11T00:00:00+03:00");
        expiry.run();
        assertEquals(0, balance(w));
        assertNull(QuarkusTransaction.requiringNew().call(() -> expiry.nextExpiry(w)));
        given().auth().oauth2(tm.token()).get("/api/v1/me/wallets").then().statusCode(200)
                .body("[0].nextExpiry", nullValue());
        auditIsClean();
    }

    @Test
    void theEarlierOfADateAndAnInactivityLapseComesFirst() throws Exception {
        Partner dated = partnerWith("{ afterMonths: 3 }");
        Partner idle = partnerWith("{ inactivityMonths: 2 }");
        long m = member(null);
        long w = wallet(m);
        clock.set("2026-03-15T10:00:00+03:00");
        earn(m, dated, 40);
        accrue(m, idle, 25);
        // the idle program's points lapse on 16 May, the dated ones on 16 June
        ExpiryService.NextExpiry next = QuarkusTransaction.requiringNew().call(() -> expiry.nextExpiry(w));
        assertEquals(25, next.points());
        assertEquals(OffsetDateTime.parse("2026-05-16T00:00:00+03:00").toInstant(), next.at());
        clock.set("2026-05-16T00:00:00+03:00");
        expiry.run();
        assertEquals(40, balance(w));
        next = QuarkusTransaction.requiringNew().call(() -> expiry.nextExpiry(w));
        assertEquals(40, next.points());
        assertEquals(OffsetDateTime.parse("2026-06-16T00:00:00+03:00").toInstant(), next.at());
        auditIsClean();
    }

    void accrue(long memberId, Partner p, long points) {
        QuarkusTransaction.requiringNew().run(() -> ledger.post(ledger.walletId(memberId, null), memberId, List.of(
                new LedgerService.Entry(EntryKind.ACCRUAL, points, clock.instant(), p.id, "test", null, "expiry test"))));
    }

    @Test
    void membersAreToldOnceFourteenDaysBefore() throws Exception {
        Partner p = partnerWith("{ afterMonths: 12 }");
        String email = "expiry-" + SEQ.incrementAndGet() + "@example.org";
        long m = member(email);
        clock.set("2026-03-10T10:00:00+03:00");
        earn(m, p, 40);
        clock.set("2027-02-24T23:00:00+03:00");
        expiry.run();
        long w = wallet(m);
        assertEquals(0L, noticeCount(w), "15 days before: not yet");
        clock.set("2027-02-26T12:00:00+03:00");
        expiry.run();
        expiry.run();
        assertEquals(1L, noticeCount(w));
        MimeMessage mail = Inbox.awaitMailTo(email);
        String body = Inbox.body(mail);
        assertTrue(Inbox.subject(mail).contains("40"), Inbox.subject(mail));
        assertTrue(body.contains("11.03.2027") && body.contains("40"), body);
        expiry.run();
        Thread.sleep(2500);
        assertEquals(1, java.util.Arrays.stream(ru.coalition.testing.DevStackTestResource.stack().mail.getReceivedMessages())
                .filter(x -> Inbox.recipient(x).equals(email)).count(), "told once");
    }

    long noticeCount(long walletId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from expiry_notice where wallet_id = :w")
                .setParameter("w", walletId).getSingleResult()).longValue());
    }

    @Test
    void aReturnedVoucherKeepsTheExpiryOfItsPoints() throws Exception {
        Partner p = partnerWith("{ afterMonths: 12 }");
        long m = member(null);
        long w = wallet(m);
        clock.set("2026-11-01T10:00:00+03:00");
        earn(m, p, 200);
        clock.set("2026-12-01T10:00:00+03:00");
        earn(m, p, 200);
        Map<String, Object> r = new HashMap<>(Map.of("titleRu", "Кофе, сгорающий", "titleEn", "Coffee", "descriptionRu", "Описание",
                "cost", 300, "partner", "smol-neft", "validityDays", 3));
        UUID rewardId = UUID.fromString(given().auth().oauth2(Tokens.user("operator", "demo1234")).contentType(ContentType.JSON).body(r)
                .post("/api/v1/operator/catalog/rewards").then().statusCode(201).extract().path("rewardId"));
        clock.set("2026-12-10T12:00:00+03:00");
        QuarkusTransaction.requiringNew().run(() -> orders.order(members.byId(m).orElseThrow(), rewardId));
        clock.set("2026-12-20T12:00:00+03:00");
        voucherJobs.expireAll();
        @SuppressWarnings("unchecked")
        List<Object[]> back = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select amount, expires_at from ledger_entry"
                + " where wallet_id = :w and kind = 'REVERSAL' order by expires_at").setParameter("w", w).getResultList());
        assertEquals(2, back.size(), "one return per lot the order took");
        assertEquals(200L, ((Number) back.get(0)[0]).longValue());
        assertEquals(OffsetDateTime.parse("2027-11-02T00:00:00+03:00").toInstant(), SqlValues.toInstant(back.get(0)[1]));
        assertEquals(100L, ((Number) back.get(1)[0]).longValue());
        assertEquals(OffsetDateTime.parse("2027-12-02T00:00:00+03:00").toInstant(), SqlValues.toInstant(back.get(1)[1]));
        assertEquals(400, balance(w));
        // the November points lapse when they would have
        clock.set("2027-11-02T00:00:00+03:00");
        expiry.run();
        assertEquals(200, balance(w));
        clock.set("2027-12-02T00:00:00+03:00");
        expiry.run();
        assertEquals(0, balance(w));
        auditIsClean();
    }

    @Test
    void aRefundAfterExpiryDoesNotBringPointsBack() throws Exception {
        // smol-neft lets points expire from 2040 on (a version of the future, so the other tests' years keep their rules)
        String yaml = Files.readString(Path.of("tenants/smol-neft.yaml")).replace("effectiveFrom: \"2026-01-01\"", "effectiveFrom: \"2040-01-01\"")
                + "  expiry: { afterMonths: 12 }\n";
        clock.set("2039-12-01T10:00:00+03:00");
        Partner smol = partners.findBySlug("smol-neft").orElseThrow();
        assertNull(partners.addVersion(smol, parser.parse("smol-neft.yaml", yaml)));
        TestMembers.TestMember tm = TestMembers.register();
        clock.set("2040-01-10T10:00:00+03:00");
        String till = Tokens.till("smol-neft");
        String receipt = "EXP-" + SEQ.incrementAndGet();
        given().auth().oauth2(till).contentType(ContentType.JSON).body(Map.of("receiptId", receipt,
                        "occurredAt", "2040-01-10T09:00:00+03:00", "member", Map.of("cardNumber", tm.cardNumber()),
                        "lines", List.of(Map.of("sku", "FUEL", "amount", "2000.00", "category", "fuel"))))
                .post("/api/v1/purchases").then().statusCode(201);
        long memberId = QuarkusTransaction.requiringNew().call(() -> members.byCard(tm.cardNumber()).orElseThrow().id);
        long w = wallet(memberId);
        long earned = balance(w);
        assertTrue(earned >= 100, "accrual and welcome bonus: " + earned);
        @SuppressWarnings("unchecked")
        List<Object> dates = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select distinct expires_at from ledger_entry"
                + " where wallet_id = :w and amount > 0").setParameter("w", w).getResultList());
        assertEquals(List.of(OffsetDateTime.parse("2041-01-11T00:00:00+03:00").toInstant()),
                dates.stream().map(SqlValues::toInstant).toList(), "the purchase path dates the lapse by the version in force");

        // the member's API tells what lapses first and when
        given().auth().oauth2(tm.token()).get("/api/v1/me/wallets").then().statusCode(200)
                .body("[0].wallet", equalTo("coalition")).body("[0].nextExpiry.points", equalTo((int) earned))
                .body("[0].nextExpiry.at", equalTo("2041-01-11T00:00:00+03:00"));

        clock.set("2041-01-11T00:00:00+03:00");
        expiry.run();
        assertEquals(0, balance(w));
        clock.set("2041-01-12T10:00:00+03:00");
        given().auth().oauth2(till).contentType(ContentType.JSON).body(Map.of("refundId", "R-1",
                        "lines", List.of(Map.of("sku", "FUEL", "amount", "2000.00"))))
                .post("/api/v1/purchases/{r}/refunds", receipt).then().statusCode(201)
                // what lapsed is gone already: nothing left of the purchase's points to take back
                .body("pointsReversed", equalTo(0)).body("bonusesReversed", equalTo(0));
        @SuppressWarnings("unchecked")
        List<Object[]> after = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select kind, amount from ledger_entry"
                + " where wallet_id = :w and created_at > :t").setParameter("w", w)
                .setParameter("t", OffsetDateTime.parse("2041-01-11T00:00:01+03:00").toInstant()).getResultList());
        assertTrue(after.stream().allMatch(e -> ((Number) e[1]).longValue() < 0), "no positive entry after the expiry");
        assertEquals(0, balance(w), "the expired points stay expired, and are not taken a second time");
        assertEquals(-earned, expiries(w).stream().mapToLong(e -> ((Number) e[0]).longValue()).sum(), "the expiry stands");
        auditIsClean();
    }
}
