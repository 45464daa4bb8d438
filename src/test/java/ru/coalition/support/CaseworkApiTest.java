package ru.coalition.support;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.util.HashMap;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The agents' casework API (issue 11 §4): routing, the outcome, points for a ticket; for support only. */
@QuarkusTest
class CaseworkApiTest {

    static final String STAFF = "/api/v1/operator/tickets/";

    @Test
    void agentsRouteRecordTheOutcomeAndPostPointsForATicket() {
        TestMembers.TestMember tm = TestMembers.register();
        Map<String, Object> claim = new HashMap<>(SupportTicketsApiTest.complaint());
        claim.put("category", "missing-points");
        String id = SupportTicketsApiTest.open(tm.token(), claim);
        String agent = Tokens.user("support", "demo1234");

        post(agent, id + "/route", Map.of("partner", "no-such-partner")).then().statusCode(422).body("code", equalTo("ticket.partner-unknown"));
        post(agent, id + "/route", Map.of("partner", "smol-neft")).then().statusCode(200);
        post(agent, id + "/outcome", Map.of("outcome", "maybe")).then().statusCode(422).body("code", equalTo("validation"))
                .body("errors.field", hasItem("outcome"));
        post(agent, id + "/outcome", Map.of("outcome", "compensated")).then().statusCode(200)
                .body("history.action", hasItem("outcome"));

        post(agent, id + "/adjustments", Map.of("wallet", "coalition", "points", 0, "reason", "чек найден")).then().statusCode(422);
        post(agent, id + "/adjustments", Map.of("wallet", "coalition", "points", 200, "reason", "x")).then().statusCode(422)
                .body("errors.field", hasItem("reason"));
        post(agent, id + "/adjustments", Map.of("wallet", "coalition", "points", 200, "reason", "чек найден у партнёра")).then()
                .statusCode(201).body("points", equalTo(200)).body("wallet", equalTo("coalition"));
        given().auth().oauth2(agent).get(STAFF + id).then().statusCode(200).body("history.action", hasItem("adjusted"));

        // nobody but support: a member, a partner's admin, the mailer
        for (String other : new String[] {tm.token(), Tokens.user("smol-neft-admin", "demo1234"), Tokens.user("mailer", "demo1234")}) {
            post(other, id + "/adjustments", Map.of("wallet", "coalition", "points", 200, "reason", "чек найден у партнёра")).then().statusCode(403);
            post(other, id + "/route", Map.of("partner", "kit-media")).then().statusCode(403);
        }
        post(agent, "not-an-id/outcome", Map.of("outcome", "upheld")).then().statusCode(404);
    }

    private static io.restassured.response.Response post(String token, String path, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(STAFF + path);
    }
}
