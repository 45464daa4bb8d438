package ru.coalition.ledger;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many parallel clients on one member: nothing lost, nothing doubled, never below zero. */
@QuarkusTest
class LedgerConcurrencyTest {

    static final int THREADS = 16;

    @Inject
    LedgerAudit audit;

    static <T> List<T> parallel(int n, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                futures.add(pool.submit(task));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static Map<String, Object> receipt(String id, String card, String amount) {
        return Map.of("receiptId", id, "occurredAt", java.time.OffsetDateTime.now().minusMinutes(1).toString(),
                "member", Map.of("cardNumber", card),
                "lines", List.of(Map.of("sku", "FUEL-95", "name", "АИ-95", "amount", amount, "category", "fuel")));
    }

    static int coalitionActive(String till, String card) {
        return given().auth().oauth2(till).get("/api/v1/members/{c}/wallet", card).then().statusCode(200)
                .extract().path("active");
    }

    @Test
    void parallelPurchasesLoseNothingAndReplaysAccrueOnce() throws Exception {
        TestMember m = TestMembers.register();
        String till = Tokens.till("smol-neft");
        AtomicInteger seq = new AtomicInteger();
        // 40 different receipts of 200.00 each: 10 points each at 1 point per 20 RUB, active at once
        List<Integer> statuses = parallel(40, () -> given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(receipt("P-" + m.cardNumber() + "-" + seq.incrementAndGet(), m.cardNumber(), "200.00"))
                .post("/api/v1/purchases").statusCode());
        assertEquals(Collections.nCopies(40, 201), statuses);
        // the first purchase also paid smol-neft's welcome bonus (100)
        assertEquals(40 * 10 + 100, coalitionActive(till, m.cardNumber()));

        // the same receipt from 24 parallel clients: accrued once, one 201 and the rest 200 with the same answer
        Map<String, Object> same = receipt("SAME-" + m.cardNumber(), m.cardNumber(), "1000.00");
        List<String> answers = parallel(24, () -> {
            var r = given().auth().oauth2(till).contentType(ContentType.JSON).body(same).post("/api/v1/purchases");
            return r.statusCode() + " " + r.jsonPath().getString("purchaseId") + " " + r.jsonPath().getInt("points");
        });
        assertEquals(1, answers.stream().filter(a -> a.startsWith("201 ")).count(), answers.toString());
        assertEquals(1, answers.stream().map(a -> a.substring(4)).distinct().count(), answers.toString());
        assertEquals(40 * 10 + 100 + 50, coalitionActive(till, m.cardNumber()));
        assertTrue(audit.run().clean());
    }

    @Test
    void parallelSpendsNeverTakeSpendablePointsBelowZero() throws Exception {
        TestMember m = TestMembers.register();
        String operator = Tokens.user("operator", "demo1234");
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", m.cardNumber(), "wallet", "coalition", "points", 1000, "reason", "стартовый баланс теста"))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(201);
        String till = Tokens.till("smol-neft");
        String member = m.token();
        AtomicInteger seq = new AtomicInteger();
        // 30 debits of 100 race against 10 purchases adding 10 each (and the welcome 100): at most 12 debits can pass
        List<Integer> outcomes = parallel(40, () -> {
            int i = seq.incrementAndGet();
            if (i % 4 == 0) {
                return given().auth().oauth2(till).contentType(ContentType.JSON)
                        .body(receipt("S-" + m.cardNumber() + "-" + i, m.cardNumber(), "200.00"))
                        .post("/api/v1/purchases").statusCode() == 201 ? 0 : -1;
            }
            int status = given().auth().oauth2(operator).contentType(ContentType.JSON)
                    .body(Map.of("cardNumber", m.cardNumber(), "wallet", "coalition", "points", -100, "reason", "параллельное списание"))
                    .post("/api/v1/operator/ledger/adjustments").statusCode();
            return status == 201 ? 1 : status == 422 ? 2 : -status;
        });
        long debited = outcomes.stream().filter(o -> o == 1).count();
        long refused = outcomes.stream().filter(o -> o == 2).count();
        assertEquals(30, debited + refused, outcomes.toString());
        int active = coalitionActive(till, m.cardNumber());
        assertEquals(1000 + 100 + 10 * 10 - debited * 100, active, "every accepted debit and accrual counted once");
        assertTrue(active >= 0, "never below zero: " + active);
        assertTrue(refused >= 18, "at most 1 200 points could ever be taken: " + outcomes);

        // paying with points, confirmed by the member's code, against the rest of the balance (topped up: the race
        // may have spent it all)
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", m.cardNumber(), "wallet", "coalition", "points", 50, "reason", "пополнение для оплаты"))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(201);
        int rest = active + 50;
        String code = given().auth().oauth2(member).post("/api/v1/me/payment-codes").then().statusCode(201).extract().path("code");
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("redemptionId", "RD-" + m.cardNumber(), "member", Map.of("cardNumber", m.cardNumber()),
                        "points", rest + 1, "code", code))
                .post("/api/v1/redemptions").then().statusCode(422);
        // the code was spent on the refused attempt's transaction only if it succeeded: it still works
        List<Integer> redeemed = parallel(6, () -> given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("redemptionId", "RD2-" + m.cardNumber(), "member", Map.of("cardNumber", m.cardNumber()),
                        "points", rest, "code", code))
                .post("/api/v1/redemptions").statusCode());
        assertEquals(1, redeemed.stream().filter(s -> s == 201).count(), redeemed.toString());
        assertTrue(redeemed.stream().allMatch(s -> s == 201 || s == 200), redeemed.toString());
        assertEquals(0, coalitionActive(till, m.cardNumber()));
        assertTrue(audit.run().clean(), () -> audit.run().breaches().toString());
    }

    @Test
    void parallelRefundsOfOneReceiptReverseExactlyWhatItEarned() throws Exception {
        TestMember m = TestMembers.register();
        String till = Tokens.till("smol-neft");
        String receipt = "R-" + m.cardNumber();
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(Map.of("sku", "ITEM-" + i, "amount", "100.00", "category", "shop"));
        }
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", receipt, "occurredAt", java.time.OffsetDateTime.now().minusMinutes(1).toString(),
                        "member", Map.of("cardNumber", m.cardNumber()), "lines", lines))
                .post("/api/v1/purchases").then().statusCode(201).body("breakdown.accrual", org.hamcrest.Matchers.equalTo(50));
        AtomicInteger seq = new AtomicInteger();
        // 20 refunds of one whole line each race for 10 lines: 10 pass, 10 find nothing left
        List<Integer> statuses = parallel(20, () -> {
            int i = seq.getAndIncrement();
            return given().auth().oauth2(till).contentType(ContentType.JSON)
                    .body(Map.of("refundId", "RF-" + i, "lines", List.of(Map.of("sku", "ITEM-" + (i % 10), "amount", "100.00"))))
                    .post("/api/v1/purchases/{r}/refunds", receipt).statusCode();
        });
        assertEquals(10, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(10, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        // everything the receipt earned is back, and with the last line the welcome bonus it triggered (docs/refunds.md)
        assertEquals(0, coalitionActive(till, m.cardNumber()));
        assertTrue(audit.run().clean(), () -> audit.run().breaches().toString());
    }
}
