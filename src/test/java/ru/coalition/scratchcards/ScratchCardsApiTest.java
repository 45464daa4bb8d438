package ru.coalition.scratchcards;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Scratch cards through the API (API-CONTRACT.md "Scratch cards", issue 10 §1–§3). */
@QuarkusTest
public class ScratchCardsApiTest {

    static final String BATCHES = "/api/v1/partner/scratch-batches";
    static final String CODES = "/api/v1/me/scratch-codes";

    @Inject
    EntityManager em;

    /**
     * Every test starts and ends with no guess buckets: all test requests come from one address, and other test classes
     * enter codes from it too.
     */
    @BeforeEach
    @AfterEach
    @Transactional
    void forgetGuesses() {
        em.createNativeQuery("delete from scratch_throttle_member").executeUpdate();
        em.createNativeQuery("delete from scratch_throttle_address").executeUpdate();
    }

    public static String admin(String slug) {
        return Tokens.user(slug + "-admin", "demo1234");
    }

    /** Orders a batch at smol-neft, waits until it is READY and returns its id. */
    public static String readyBatch(int count, long points, LocalDate validUntil) {
        String id = given().auth().oauth2(admin("smol-neft")).contentType(ContentType.JSON)
                .body(Map.of("count", count, "pointsPerCard", points, "validUntil", validUntil.toString(), "note", "тест"))
                .post(BATCHES).then().statusCode(202)
                .body("status", equalTo("ORDERED")).body("count", equalTo(count)).body("pointsPerCard", equalTo((int) points))
                .extract().path("batchId");
        await().atMost(Duration.ofSeconds(60)).until(() -> "READY".equals(batch(id).get("status")));
        return id;
    }

    static Map<String, Object> batch(String id) {
        return given().auth().oauth2(admin("smol-neft")).get(BATCHES + "/" + id).then().statusCode(200).extract().as(Map.class);
    }

    /** The batch's codes from its CSV download, in serial order. */
    static List<String> codes(String id) {
        String csv = given().auth().oauth2(admin("smol-neft")).get(BATCHES + "/" + id + "/cards.csv")
                .then().statusCode(200).contentType(containsCsv()).extract().asString();
        String[] lines = csv.strip().split("\r?\n");
        assertEquals("serial,code,points,validUntil", lines[0]);
        List<String> codes = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            codes.add(lines[i].split(",")[1]);
        }
        return codes;
    }

    private static org.hamcrest.Matcher<String> containsCsv() {
        return org.hamcrest.Matchers.startsWith("text/csv");
    }

    static void activate(String id) {
        given().auth().oauth2(admin("smol-neft")).post(BATCHES + "/" + id + "/activate").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));
    }

    static io.restassured.response.ValidatableResponse enter(String memberToken, String code) {
        return given().auth().oauth2(memberToken).contentType(ContentType.JSON).body(Map.of("code", code)).post(CODES).then();
    }

    static int coalitionActive(String memberToken) {
        List<Map<String, Object>> wallets = given().auth().oauth2(memberToken).get("/api/v1/me/wallets").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return wallets.stream().filter(w -> "coalition".equals(w.get("wallet"))).map(w -> ((Number) w.get("active")).intValue())
                .findFirst().orElse(0);
    }

    @Test
    void aBatchIsOrderedGeneratedDownloadedActivatedAndItsCodeCreditsOnce() {
        String id = readyBatch(100, 50, LocalDate.now().plusMonths(6));
        Map<String, Object> ready = batch(id);
        assertEquals(100, ready.get("generated"));
        assertEquals(0, ready.get("redeemed"));
        List<String> codes = codes(id);
        assertEquals(100, codes.size());
        assertEquals(100, codes.stream().distinct().count());
        codes.forEach(c -> assertEquals(ScratchCode.Reading.CODE, ScratchCode.read(ScratchCode.normalise(c)), c));

        activate(id);
        // the plain codes are gone with activation
        given().auth().oauth2(admin("smol-neft")).get(BATCHES + "/" + id + "/cards.csv").then().statusCode(409)
                .body("code", equalTo("scratch.batch-state"));

        var member = TestMembers.register();
        String token = member.token();
        int before = coalitionActive(token);
        // any case, spaces instead of dashes
        enter(token, codes.get(7).toLowerCase().replace('-', ' ')).statusCode(201)
                .body("points", equalTo(50)).body("partner", equalTo("smol-neft")).body("wallet", equalTo("coalition"))
                .body("activatesAt", notNullValue()).body("serial", equalTo(String.format("%04d-0000008", ((Number) ready.get("batchNo")).intValue())));
        assertEquals(before + 50, coalitionActive(token));
        assertEquals(1, batch(id).get("redeemed"));

        // again by the same member: told it was theirs; by anyone else: the one answer for every unusable code
        enter(token, codes.get(7)).statusCode(422).body("code", equalTo("scratch.code-redeemed"));
        enter(TestMembers.register().token(), codes.get(7)).statusCode(422).body("code", equalTo("scratch.code-invalid"));
        assertEquals(before + 50, coalitionActive(token));
    }

    @Test
    void aTypoIsToldApartFromAWrongCode() {
        String token = TestMembers.register().token();
        String wrong = ScratchCode.generate(new java.security.SecureRandom());
        enter(token, ScratchCode.grouped(wrong)).statusCode(422).body("code", equalTo("scratch.code-invalid"));
        char[] typo = wrong.toCharArray();
        typo[3] = typo[3] == 'A' ? 'B' : 'A';
        enter(token, new String(typo)).statusCode(422).body("code", equalTo("scratch.code-typo"));
        enter(token, "12345").statusCode(422).body("code", equalTo("scratch.code-typo"));
        enter(token, "").statusCode(422).body("code", equalTo("scratch.code-typo"));
    }

    @Test
    void codesOfABatchNotYetActiveOrCancelledAreRefusedAlikeAndCreditedPointsStay() {
        String id = readyBatch(5, 30, LocalDate.now().plusMonths(1));
        List<String> codes = codes(id);
        String token = TestMembers.register().token();
        // printed but not in the shops yet
        enter(token, codes.get(0)).statusCode(422).body("code", equalTo("scratch.code-invalid"));
        activate(id);
        enter(token, codes.get(0)).statusCode(201);
        int credited = coalitionActive(token);
        given().auth().oauth2(admin("smol-neft")).post(BATCHES + "/" + id + "/cancel").then().statusCode(200)
                .body("status", equalTo("CANCELLED")).body("redeemed", equalTo(1));
        enter(token, codes.get(1)).statusCode(422).body("code", equalTo("scratch.code-invalid"));
        assertEquals(credited, coalitionActive(token));
        // a cancelled batch stays cancelled
        given().auth().oauth2(admin("smol-neft")).post(BATCHES + "/" + id + "/activate").then().statusCode(409)
                .body("code", equalTo("scratch.batch-state"));
    }

    @Test
    void theSameCodeEnteredByEightMembersAtOnceCreditsOnce() throws Exception {
        String id = readyBatch(3, 40, LocalDate.now().plusMonths(1));
        String code = codes(id).get(2);
        activate(id);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tokens.add(TestMembers.register().token());
        }
        int before = tokens.stream().mapToInt(ScratchCardsApiTest::coalitionActive).sum();
        List<Integer> statuses = parallel(tokens.stream().<Callable<Integer>>map(t -> () -> enter(t, code).extract().statusCode()).toList());
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        assertEquals(7, statuses.stream().filter(s -> s == 422).count(), statuses.toString());
        assertEquals(1, batch(id).get("redeemed"));
        assertEquals(before + 40, tokens.stream().mapToInt(ScratchCardsApiTest::coalitionActive).sum());
    }

    @Test
    void theEleventhRefusedCodeIsThrottledAndAnotherMemberFromTheSameAddressTooWhateverXForwardedForSays() {
        String first = TestMembers.register().token();
        for (int i = 0; i < 10; i++) {
            enter(first, ScratchCode.generate(new java.security.SecureRandom())).statusCode(422);
        }
        var refused = enter(first, ScratchCode.generate(new java.security.SecureRandom())).statusCode(429)
                .body("code", equalTo("scratch.throttled")).extract();
        assertTrue(Long.parseLong(refused.header("Retry-After")) > 0);

        String second = TestMembers.register().token();
        given().auth().oauth2(second).header("X-Forwarded-For", "203.0.113.77").header("Forwarded", "for=203.0.113.78")
                .contentType(ContentType.JSON).body(Map.of("code", ScratchCode.generate(new java.security.SecureRandom())))
                .post(CODES).then().statusCode(429).header("Retry-After", notNullValue());
    }

    @Test
    void aMemberGuessingWithManyRequestsAtOnceGetsNoMoreThanTheHoursAttempts() throws Exception {
        String token = TestMembers.register().token();
        List<Callable<Integer>> guesses = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String guess = ScratchCode.generate(new java.security.SecureRandom());
            guesses.add(() -> enter(token, guess).extract().statusCode());
        }
        List<Integer> statuses = parallel(guesses);
        // ten an hour; one more may be answered when the fast path's attempt meets the first of the others
        long answered = statuses.stream().filter(s -> s == 422).count();
        assertTrue(answered <= 11, statuses.toString());
        assertEquals(30 - answered, statuses.stream().filter(s -> s == 429).count(), statuses.toString());
    }

    @Test
    void manyMembersBehindOneAddressEnteringGoodCodesAtOnceAreNeverThrottled() throws Exception {
        String id = readyBatch(14, 10, LocalDate.now().plusMonths(1));
        List<String> codes = codes(id);
        activate(id);
        List<Callable<Integer>> entries = new ArrayList<>();
        for (int i = 0; i < 14; i++) {
            String token = TestMembers.register().token();
            String code = codes.get(i);
            entries.add(() -> enter(token, code).extract().statusCode());
        }
        // more at once than the address's ten attempts: only refused codes count against it
        List<Integer> statuses = parallel(entries);
        assertTrue(statuses.stream().allMatch(s -> s == 201), statuses.toString());
    }

    @Test
    void aCorrectCodeDoesNotCountAgainstTheMember() {
        String id = readyBatch(12, 10, LocalDate.now().plusMonths(1));
        List<String> codes = codes(id);
        activate(id);
        String token = TestMembers.register().token();
        for (String code : codes.subList(0, 11)) {
            enter(token, code).statusCode(201);
        }
    }

    @Test
    void anotherPartnerCannotSeeExportActivateOrCancelABatch() {
        String id = readyBatch(2, 10, LocalDate.now().plusMonths(1));
        String other = admin("avto-drive");
        given().auth().oauth2(other).get(BATCHES + "/" + id).then().statusCode(404).body("code", equalTo("scratch.batch-not-found"));
        given().auth().oauth2(other).get(BATCHES + "/" + id + "/cards.csv").then().statusCode(404);
        given().auth().oauth2(other).get(BATCHES + "/" + id + "/cards.pdf").then().statusCode(404);
        given().auth().oauth2(other).post(BATCHES + "/" + id + "/activate").then().statusCode(404);
        given().auth().oauth2(other).post(BATCHES + "/" + id + "/cancel").then().statusCode(404);
        List<Map<String, Object>> theirs = given().auth().oauth2(other).get(BATCHES).then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(theirs.stream().noneMatch(b -> id.equals(b.get("batchId"))));
        assertEquals("READY", batch(id).get("status"));
        // a cashier is not an admin
        given().auth().oauth2(Tokens.user("smol-neft-cashier", "demo1234")).get(BATCHES).then().statusCode(403);
    }

    @Test
    void aProgramWithoutScratchCardsCannotOrderAndBadOrdersSayWhichFieldIsWrong() {
        given().auth().oauth2(admin("kit-media")).contentType(ContentType.JSON)
                .body(Map.of("count", 10, "pointsPerCard", 5, "validUntil", LocalDate.now().plusDays(30).toString()))
                .post(BATCHES).then().statusCode(422).body("code", equalTo("scratch.disabled"));
        given().auth().oauth2(admin("smol-neft")).contentType(ContentType.JSON)
                .body(Map.of("count", 1_000_001, "pointsPerCard", 0, "validUntil", LocalDate.now().minusDays(1).toString()))
                .post(BATCHES).then().statusCode(422).body("code", equalTo("validation"))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("count", "pointsPerCard", "validUntil"));
        given().auth().oauth2(admin("smol-neft")).contentType(ContentType.JSON).body("{}")
                .post(BATCHES).then().statusCode(422).body("code", equalTo("validation"));
    }

    static <T> List<T> parallel(List<Callable<T>> tasks) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = new ArrayList<>();
            tasks.forEach(t -> futures.add(pool.submit(t)));
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
