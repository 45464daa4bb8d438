package ru.coalition.cabinet;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import ru.coalition.ledger.AuditRuns;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.members.MemberErasure;
import ru.coalition.members.MemberService;
import ru.coalition.members.MemberSettings;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The member's consents through /api/v1/me/consents, and deleting an account as the till and the ledger see it. */
@QuarkusTest
class ProfileApiTest {

    @Inject
    MemberErasure erasure;

    @Inject
    MemberService members;

    @Inject
    MemberSettings settings;

    @Inject
    LedgerService ledger;

    @Inject
    AuditRuns auditRuns;

    @Inject
    Keycloak keycloak;

    @Test
    void consentsAreReadAndChangedAndEveryChangeIsAppended() {
        TestMember t = TestMembers.register();
        String token = t.token();
        given().auth().oauth2(token).get("/api/v1/me/consents").then().statusCode(200)
                .body("personalData", equalTo(true)).body("marketingEmail", equalTo(true)).body("marketingSms", equalTo(false))
                .body("partnerOffersEmail", equalTo(false)).body("partnerOffersSms", equalTo(false))
                .body("history", hasSize(3)).body("history[0].source", equalTo("api")).body("history[0].wording", equalTo("2026-11"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("marketingSms", true, "marketingEmail", true))
                .put("/api/v1/me/consents").then().statusCode(200)
                .body("marketingSms", equalTo(true)).body("marketingEmail", equalTo(true))
                // only the change is appended: e-mail was given already
                .body("history", hasSize(4)).body("history[3].consent", equalTo("marketingSms"))
                .body("history[3].granted", equalTo(true)).body("history[3].source", equalTo("api"))
                .body("history[3].address", notNullValue());
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("marketingSms", false))
                .put("/api/v1/me/consents").then().statusCode(200).body("marketingSms", equalTo(false))
                .body("history", hasSize(5)).body("history[4].granted", equalTo(false));
        // personal data is withdrawn by deleting the account, not here
        given().auth().oauth2(token).contentType(ContentType.JSON).header("Accept-Language", "en").body(Map.of("personalData", false))
                .put("/api/v1/me/consents").then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("personalData"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"marketingSms\": \"maybe\"}")
                .put("/api/v1/me/consents").then().statusCode(isOneOf(400, 422));
        given().auth().oauth2(token).contentType(ContentType.JSON).put("/api/v1/me/consents").then().statusCode(isOneOf(400, 422));
        given().auth().oauth2(Tokens.till("kit-media")).get("/api/v1/me/consents").then().statusCode(403);
        given().get("/api/v1/me/consents").then().statusCode(401);
    }

    @Test
    void aDeletedMemberIsAnonymisedTheTillCannotFindThemAndTheLedgerStaysWhole() {
        TestMember t = TestMembers.register();
        String till = Tokens.till("kit-media");
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", "DEL-" + t.cardNumber(), "occurredAt", OffsetDateTime.now().minusMinutes(1).toString(),
                        "member", Map.of("cardNumber", t.cardNumber()),
                        "lines", List.of(Map.of("sku", "BANNER", "amount", "1500.00", "category", "print"))))
                .post("/api/v1/purchases").then().statusCode(201);
        Member before = members.byCard(t.cardNumber()).orElseThrow();
        long id = before.id;
        String keycloakId = before.keycloakId;
        var walletsBefore = ledger.walletsOf(id);
        var historyBefore = ledger.history(id, 0, 100);

        erasure.erase(id, "cabinet", "127.0.0.1");

        Member after = QuarkusTransaction.requiringNew().call(() -> members.byId(id).orElseThrow());
        assertEquals(Member.DELETED, after.status);
        assertNull(after.phone);
        assertNull(after.email);
        assertNull(after.lastName);
        assertNull(after.firstName);
        assertNull(after.birthDate);
        assertNull(after.city);
        assertNull(after.referralCode);
        assertNull(after.keycloakId);
        assertTrue(after.cardNumber.startsWith("X"), after.cardNumber);
        // every consent withdrawn, appended
        MemberSettings.Consents consents = settings.consents(id);
        assertTrue(!consents.personalData() && !consents.marketingEmail() && !consents.marketingSms());
        assertTrue(consents.history().stream().anyMatch(h -> h.consent().equals("personalData") && !h.granted()));
        // the ledger keeps its amounts
        assertEquals(walletsBefore, ledger.walletsOf(id));
        assertEquals(historyBefore, ledger.history(id, 0, 100));
        // the till finds nobody by card, phone or member id, and can post nothing to them
        given().auth().oauth2(till).get("/api/v1/members/{card}/wallet", t.cardNumber()).then().statusCode(404);
        for (Map<String, String> ref : List.of(Map.of("cardNumber", t.cardNumber()), Map.of("phone", t.phone()),
                Map.of("memberId", t.memberId()))) {
            given().auth().oauth2(till).contentType(ContentType.JSON)
                    .body(Map.of("receiptId", "DEL2-" + System.nanoTime(), "occurredAt", OffsetDateTime.now().minusMinutes(1).toString(),
                            "member", ref, "lines", List.of(Map.of("sku", "X", "amount", "10.00", "category", "print"))))
                    .post("/api/v1/purchases").then().statusCode(404);
        }
        assertTrue(QuarkusTransaction.requiringNew().call(() -> members.find(t.phone()).isEmpty() && members.find(t.cardNumber()).isEmpty()));
        // Keycloak: the user is gone, so is every sign-in
        assertEquals(404, assertThrows(jakarta.ws.rs.WebApplicationException.class,
                () -> keycloak.realm("coalition").users().get(keycloakId).toRepresentation()).getResponse().getStatus());
        given().formParam("grant_type", "password").formParam("client_id", "coalition-mobile")
                .formParam("username", t.email()).formParam("password", TestMembers.PASSWORD)
                .post(Tokens.tokenUrl()).then().statusCode(isOneOf(400, 401)).body("error", equalTo("invalid_grant"));
        // a second deletion finds nobody
        ProblemException again = assertThrows(ProblemException.class, () -> erasure.erase(id, "cabinet", null));
        assertEquals(ErrorCode.MEMBER_NOT_FOUND, again.code());
        // the full ledger check is clean
        AuditRuns.Summary run = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> auditRuns.runNow(AuditRuns.Trigger.API, "profile-test", null).orElse(null), s -> s != null);
        assertTrue(run.clean(), "ledger audit after deletion: " + run.breaches());
    }
}
