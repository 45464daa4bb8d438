package ru.coalition.purchases;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's profile and the coalition effect worked out in memory equal those worked out in SQL, on random receipts
 * of 2057 (a year no other test buys in) at kit-media and smol-neft, and still does after refunds and receipts back-dated
 * into days already in memory (the copy is then brought up to date from the rows the fold changed, not read again).
 */
@QuarkusTest
class MemberDayCacheTest {

    @Inject
    PurchaseFigures figures;

    private static final long KEY_SEED = 0x5eed_c0a1_17_10L;

    @Inject
    MemberDayCache cache;

    @Inject
    CoalitionFigures coalition;

    @Inject
    PurchaseActivity activity;

    @Inject
    PartnerService partners;

    private final List<String> receipts = new ArrayList<>();
    private String kit;

    @Test
    void theProfileInMemoryIsTheProfileInSqlAfterRefundsAndBackDatedReceipts() {
        long seed = System.nanoTime();
        System.out.println("MemberDayCacheTest seed " + seed);
        Random rnd = new Random(seed);
        MovableClock.installAt("2057-06-20T12:00:00+03:00");
        kit = Tokens.till("kit-media");
        String smol = Tokens.till("smol-neft");
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cards.add(TestMembers.register().cardNumber());
        }
        // U: smol-neft on 27 March and 15 June, kit-media on 1 May
        String u = TestMembers.register().cardNumber();
        buy(smol, u, 85, rnd);
        buy(smol, u, 5, rnd);
        buy(kit, u, 50, rnd);
        // 30 receipts from 23 March to 19 June, a third of them at smol-neft
        for (int i = 0; i < 30; i++) {
            buy(rnd.nextInt(3) == 0 ? smol : kit, cards.get(rnd.nextInt(cards.size())), rnd.nextInt(2, 89), rnd);
        }
        activity.fold();
        Partner kitMedia = partners.findBySlug("kit-media").orElseThrow();
        Partner smolNeft = partners.findBySlug("smol-neft").orElseThrow();
        long before = cache.fresh(kitMedia.id).mark;
        compare(kitMedia, rnd);
        compare(smolNeft, rnd);

        // refunds of some receipts, and receipts back-dated into days already in memory
        for (int i = 0; i < 4; i++) {
            String receipt = receipts.get(rnd.nextInt(receipts.size()));
            given().auth().oauth2(receipt.startsWith("K") ? kit : smol).contentType(ContentType.JSON)
                    .body(Map.of("refundId", receipt + "-R" + i, "lines", List.of(Map.of("sku", "ITEM", "amount", "10.00"))))
                    .post("/api/v1/purchases/{r}/refunds", receipt).then().statusCode(201);
        }
        for (int i = 0; i < 10; i++) {
            buy(rnd.nextBoolean() ? smol : kit, cards.get(rnd.nextInt(cards.size())), rnd.nextInt(2, 89), rnd);
        }
        activity.fold();
        MemberDays now = cache.fresh(kitMedia.id);
        assertTrue(now.mark > before, "the copy moved on to the latest fold");
        compare(kitMedia, rnd);
        compare(smolNeft, rnd);
    }

    private void buy(String till, String card, int daysAgo, Random rnd) {
        String receipt = (till.equals(kit) ? "K" : "S") + "-MDC-" + receipts.size() + "-" + card;
        String at = OffsetDateTime.parse("2057-06-20T12:00:00+03:00").minusDays(daysAgo).minusMinutes(rnd.nextInt(600)).toString();
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", receipt, "occurredAt", at, "member", Map.of("cardNumber", card),
                        "lines", List.of(Map.of("sku", "ITEM", "amount", (100 + rnd.nextInt(900)) + ".00"))))
                .post("/api/v1/purchases").then().statusCode(201);
        receipts.add(receipt);
    }

    /** The whole of March to June, periods of at least 90 days starting on random days of March, and shorter ones. */
    private void compare(Partner partner, Random rnd) {
        List<LocalDate[]> periods = new ArrayList<>();
        periods.add(new LocalDate[]{LocalDate.parse("2057-03-01"), LocalDate.parse("2057-06-30")});
        for (int i = 0; i < 3; i++) {
            LocalDate from = LocalDate.parse("2057-03-01").plusDays(rnd.nextInt(31));
            periods.add(new LocalDate[]{from, from.plusDays(89 + rnd.nextInt(30))});
            LocalDate start = LocalDate.parse("2057-03-20").plusDays(rnd.nextInt(80));
            periods.add(new LocalDate[]{start, start.plusDays(rnd.nextInt(40))});
        }
        // U bought at smol-neft before and after it and at kit-media in it: undecided by the spans, looked up by day
        periods.add(new LocalDate[]{LocalDate.parse("2057-04-10"), LocalDate.parse("2057-05-20")});
        CoalitionFigures.MemberKey key = new CoalitionFigures.MemberKey(KEY_SEED);
        for (LocalDate[] p : periods) {
            String what = partner.slug + " " + p[0] + "–" + p[1];
            assertEquals(coalition.effectInSql(partner, p[0], p[1], key), coalition.effectInMemory(partner, p[0], p[1], key), what);
            assertEquals(coalition.sourcesInSql(partner, p[0], p[1], key).stream().sorted(Comparator.comparingLong(CoalitionFigures.Source::partnerId)).toList(),
                    coalition.sourcesInMemory(partner, p[0], p[1], key), what);
        }
        for (LocalDate[] p : periods) {
            YearMonth first = YearMonth.from(p[0]), last = YearMonth.from(p[1]);
            PurchaseFigures.Profile sql = sorted(figures.profileInSql(partner, p[0], p[1], first, last));
            PurchaseFigures.Profile memory = sorted(figures.profileInMemory(partner, p[0], p[1], first, last));
            assertEquals(sql, memory, partner.slug + " " + p[0] + "–" + p[1]);
        }
        assertTrue(figures.profileInSql(partner, periods.get(0)[0], periods.get(0)[1], YearMonth.of(2057, 3), YearMonth.of(2057, 6))
                .summary().members() > 0, "the spring has customers at " + partner.slug);
    }

    private static PurchaseFigures.Profile sorted(PurchaseFigures.Profile p) {
        return new PurchaseFigures.Profile(p.summary(), p.frequency(), p.rfm().stream()
                .sorted(Comparator.comparingInt(PurchaseFigures.RfmCell::recency).thenComparingInt(PurchaseFigures.RfmCell::frequency)).toList(),
                p.cohorts());
    }
}
