package ru.coalition.rewards;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.partners.Partner;
import ru.coalition.platform.JobCursors;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The offers job reads from its cursor: a first run reads every wallet once; later runs weigh only the wallets whose
 * points became active since the last run (or whose offer closed), and start over when the threshold rules change.
 * kit-media: 25 000 points make an offer; points activate on the 31st day.
 */
@QuarkusTest
class OfferCursorTest {

    @Inject
    OfferService offers;

    @Inject
    JobCursors cursors;

    @Inject
    LedgerService ledger;

    @Inject
    EntityManager em;

    MovableClock clock;

    @BeforeEach
    void clock() {
        // dates of their own: no other test's entries activate around them
        clock = MovableClock.installAt("2027-01-10T10:00:00+03:00");
    }

    @Test
    void firstRunFindsWhoQualifiedBeforeItAndLaterRunsOnlyWhatActivatedSince() {
        long kit = partnerId("kit-media");
        String till = Tokens.till("kit-media");
        TestMember early = TestMembers.register();
        buy(till, early, "CUR-A-", "2027-01-10T09:00:00+03:00");
        long earlyWallet = walletOf(early, kit);

        // no cursor yet: the first run, after the points activated (9 February), reads every wallet once and finds them
        QuarkusTransaction.requiringNew().run(() -> cursors.reset(OfferService.JOB, kit));
        clock.set("2027-02-15T10:00:00+03:00");
        OfferService.Run first = offers.run(kit);
        assertTrue(first.fullScan(), "the first run reads every wallet");
        assertTrue(first.wallets().contains(earlyWallet), "qualified before the first run");
        offersOf(till, early, 1);

        TestMember later = TestMembers.register();
        buy(till, later, "CUR-B-", "2027-02-15T09:30:00+03:00");
        long laterWallet = walletOf(later, kit);

        // still pending: nothing to weigh for either member
        clock.set("2027-03-01T10:00:00+03:00");
        OfferService.Run pending = offers.run(kit);
        assertFalse(pending.fullScan());
        assertFalse(pending.wallets().contains(earlyWallet), "points that activated before the last run are not read again");
        assertFalse(pending.wallets().contains(laterWallet), "pending points are not active yet");
        offersOf(till, later, 0);

        // the later member's points activated on 17 March, after the last run: found from the cursor alone
        clock.set("2027-03-20T10:00:00+03:00");
        OfferService.Run next = offers.run(kit);
        assertFalse(next.fullScan());
        assertTrue(next.wallets().contains(laterWallet), next.toString());
        assertFalse(next.wallets().contains(earlyWallet), "the early member is not weighed again");
        assertTrue(next.made() >= 1);
        offersOf(till, later, 1);
        offersOf(till, early, 1);

        clock.set("2027-03-20T10:01:00+03:00");
        OfferService.Run rerun = offers.run(kit);
        assertEquals(0, rerun.made(), "a rerun makes nothing");
        assertFalse(rerun.fullScan());
    }

    @Test
    void otherThresholdRulesOrAClockSetBackStartOver() {
        long kit = partnerId("kit-media");
        clock.set("2027-04-01T10:00:00+03:00");
        offers.run(kit);
        clock.set("2027-04-01T10:01:00+03:00");
        assertFalse(offers.run(kit).fullScan(), "same rules, clock moved on: the window only");
        // the cursor was reached under other rules (as after a program version with a lower threshold): read everything
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update job_cursor set rules_key = 'other rules'"
                + " where job = :j and partner_id = :p").setParameter("j", OfferService.JOB).setParameter("p", kit).executeUpdate());
        clock.set("2027-04-01T10:02:00+03:00");
        assertTrue(offers.run(kit).fullScan(), "other rules: every wallet once");
        clock.set("2027-04-01T10:03:00+03:00");
        assertFalse(offers.run(kit).fullScan(), "and then the window again");
        // a clock set back beyond the overlap would skip a stretch: read everything
        clock.set("2027-03-01T10:00:00+03:00");
        assertTrue(offers.run(kit).fullScan());
    }

    @Test
    void theWindowIsReadThroughItsIndex() {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            @SuppressWarnings("unchecked")
            List<String> plan = em.createNativeQuery("explain select distinct e.wallet_id from ledger_entry e where e.amount > 0"
                    + " and greatest(e.activates_at, e.created_at) > now() - interval '1 minute'"
                    + " and greatest(e.activates_at, e.created_at) <= now()").getResultList();
            // the entries are partitioned (V52): each partition's copy of the index, ledger_entry_<lower>_became_active
            String text = String.join("\n", plan);
            List<String> indexScans = text.lines().filter(l -> l.contains("Index Scan")).toList();
            assertTrue(!text.contains("Seq Scan") && !indexScans.isEmpty() && indexScans.stream().allMatch(l -> l.contains("_became_active")), text);
        });
    }

    static void buy(String till, TestMember m, String prefix, String at) {
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", prefix + m.cardNumber(), "occurredAt", at, "member", Map.of("cardNumber", m.cardNumber()),
                        "lines", List.of(Map.of("sku", "STAND", "amount", "30000.00", "category", "print"))))
                .post("/api/v1/purchases").then().statusCode(201);
    }

    static void offersOf(String till, TestMember m, int count) {
        given().auth().oauth2(till).get("/api/v1/members/{c}/offers", m.cardNumber()).then().statusCode(200).body("$", hasSize(count));
    }

    long walletOf(TestMember m, long partnerId) {
        return QuarkusTransaction.requiringNew().call(() -> {
            long memberId = Member.<Member>find("publicId", UUID.fromString(m.memberId())).firstResult().id;
            return ledger.findWallet(memberId, partnerId);
        });
    }

    static long partnerId(String slug) {
        return QuarkusTransaction.requiringNew().call(() -> Partner.<Partner>find("slug", slug).firstResult().id);
    }
}
