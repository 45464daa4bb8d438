package ru.coalition.ledger;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recorded full checks of the ledger: started on demand in the background, stored with their figures, the last one
 * readable as a summary; only operator staff may start one.
 */
@QuarkusTest
class AuditRunsTest {

    @Test
    void anOnDemandRunIsRecordedAndBecomesTheLastSummary() {
        String operator = Tokens.user("operator", "demo1234");
        // at least one wallet with an entry to count
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", TestMembers.register().cardNumber(), "wallet", "coalition", "points", 10, "reason", "для проверки"))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(201);
        var started = given().auth().oauth2(operator).post("/api/v1/operator/ledger/audit/runs").then().statusCode(202)
                .body("trigger", equalTo("API")).body("requestedBy", equalTo("operator")).extract();
        int id = started.path("id");
        assertTrue(started.header("Location").endsWith("/api/v1/operator/ledger/audit/runs/" + id), started.header("Location"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                "DONE".equals(given().auth().oauth2(operator).get("/api/v1/operator/ledger/audit/runs/{id}", id).then().statusCode(200)
                        .extract().path("status")));
        given().auth().oauth2(operator).get("/api/v1/operator/ledger/audit/runs/{id}", id).then()
                .body("wallets", greaterThan(0)).body("entries", greaterThan(0)).body("breachCount", equalTo(0))
                .body("durationMs", notNullValue()).body("stepsDone", equalTo(given().auth().oauth2(operator)
                        .get("/api/v1/operator/ledger/audit/runs/{id}", id).then().extract().path("stepsTotal")));
        given().auth().oauth2(operator).get("/api/v1/operator/ledger/audit/last").then().statusCode(200).body("id", equalTo(id));
        // the synchronous check for scripts is still there
        given().auth().oauth2(operator).get("/api/v1/operator/ledger/audit").then().statusCode(200).body("breaches.size()", equalTo(0));
    }

    @Test
    void onlyOperatorStaffMayRunIt() {
        TestMembers.TestMember member = TestMembers.register();
        for (String token : List.of(Tokens.till("kit-media"), member.token(), Tokens.user("kit-media-admin", "demo1234"),
                Tokens.user("support", "demo1234"))) {
            given().auth().oauth2(token).post("/api/v1/operator/ledger/audit/runs").then().statusCode(403);
            given().auth().oauth2(token).get("/api/v1/operator/ledger/audit/last").then().statusCode(403);
        }
        given().post("/api/v1/operator/ledger/audit/runs").then().statusCode(401);
    }

    @Test
    void twoStartsAtOnceShareOneRun() throws Exception {
        String operator = Tokens.user("operator", "demo1234");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var a = pool.submit(() -> given().auth().oauth2(operator).post("/api/v1/operator/ledger/audit/runs").then().statusCode(202)
                    .extract().<Integer>path("id"));
            var b = pool.submit(() -> given().auth().oauth2(operator).post("/api/v1/operator/ledger/audit/runs").then().statusCode(202)
                    .extract().<Integer>path("id"));
            // the second either found the first running (the same id) or started after it had finished
            for (int id : new int[] {a.get(), b.get()}) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> "DONE".equals(given().auth()
                        .oauth2(operator).get("/api/v1/operator/ledger/audit/runs/{id}", id).then().statusCode(200).extract().path("status")));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
