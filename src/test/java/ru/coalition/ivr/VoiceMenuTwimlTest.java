package ru.coalition.ivr;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The webhook line in Twilio's dialect: a forged or missing signature is refused before anything is written; signed
 * requests walk the menu (greeting, number, the order's state, cancel, confirm) and answer TwiML that gathers each input.
 */
@QuarkusTest
class VoiceMenuTwimlTest {

    static final String TOKEN = "test-twilio-auth-token";

    @Inject
    CoalitionConfig config;

    @Inject
    EntityManager em;

    @Test
    void aForgedRequestIsRefusedAndASignedCallCancelsAnOrder() {
        TestMember m = TestMembers.register();
        String token = m.token();
        var placed = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("partner", "kit-media",
                        "items", List.of(Map.of("serviceId", "flyers", "quantity", 1))))
                .post("/api/v1/me/orders").then().statusCode(201).extract();
        String digits = ((String) placed.path("number")).replaceAll("\\D", "").replaceFirst("^0+", "");
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");

        Map<String, String> start = new LinkedHashMap<>(Map.of("CallSid", sid, "From", m.phone(), "To", "+74812000000"));
        given().header("X-Twilio-Signature", "bm90IGEgc2lnbmF0dXJl").contentType(ContentType.URLENC).formParams(start)
                .post("/api/v1/ivr/twiml/kit-media").then().statusCode(403).body("code", equalTo("ivr.signature"));
        given().contentType(ContentType.URLENC).formParams(start).post("/api/v1/ivr/twiml/kit-media").then().statusCode(403);
        // signed for other fields than those sent: refused too
        Map<String, String> tampered = new LinkedHashMap<>(start);
        tampered.put("From", "+79990000000");
        given().header("X-Twilio-Signature", sign("", start)).contentType(ContentType.URLENC).formParams(tampered)
                .post("/api/v1/ivr/twiml/kit-media").then().statusCode(403);
        assertEquals(0L, calls(sid), "nothing written for a refused request");

        turn(start, "").body(containsString("<Gather")).body(containsString("numDigits=\"1\"")).body(containsString("Здравствуйте"));
        turn(Map.of("CallSid", sid, "Digits", "1"), "").body(containsString("finishOnKey=\"#\""));
        turn(Map.of("CallSid", sid, "Digits", digits), "").body(containsString("новый")).body(containsString("нажмите 2"));
        turn(Map.of("CallSid", sid, "Digits", "2"), "").body(containsString("Отменить заказ"));
        turn(Map.of("CallSid", sid, "Digits", "1"), "").body(containsString("<Hangup/>")).body(not(containsString("<Gather")));
        given().auth().oauth2(token).get("/api/v1/me/orders/" + placed.path("orderId")).then().body("state", equalTo("CANCELLED"));
        Map<String, String> done = Map.of("CallSid", sid, "CallStatus", "completed");
        given().header("X-Twilio-Signature", sign("/status", done)).contentType(ContentType.URLENC).formParams(done)
                .post("/api/v1/ivr/twiml/kit-media/status").then().statusCode(204);
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select outcome, ended_at, path from ivr_call where provider_call_id = :s").setParameter("s", sid).getSingleResult());
        assertEquals("CANCELLED", row[0]);
        assertEquals("greeting > number > order:NEW > cancel? > cancelled", row[2]);
    }

    @Test
    void wrongKeysAreRepeatedTwiceThenAPersonIsOfferedAndZeroLeavesACallbackInTheDesk() {
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        turn(Map.of("CallSid", sid, "From", "+70000000001"), "").body(containsString("<Gather"));
        turn(Map.of("CallSid", sid, "Digits", "7"), "").body(containsString("Не удалось распознать"));
        turn(Map.of("CallSid", sid), "?timeout=1").body(containsString("Не удалось распознать"));
        turn(Map.of("CallSid", sid, "Digits", "5"), "").body(containsString("обратный звонок"));
        turn(Map.of("CallSid", sid, "Digits", "0"), "").body(containsString("Заявка принята")).body(containsString("<Hangup/>"));
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "select outcome, ticket_number from ivr_call where provider_call_id = :s").setParameter("s", sid).getSingleResult());
        assertEquals("CALLBACK", row[0]);
        long tickets = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from support_ticket where number = :n").setParameter("n", row[1]).getSingleResult()).longValue());
        assertEquals(1L, tickets, "the callback request is a ticket in the support desk");
    }

    @Test
    void keysOfACallNeverStartedAreAnsweredWithTheGreetingNotAnError() {
        String sid = "CA" + UUID.randomUUID().toString().replace("-", "");
        turn(Map.of("CallSid", sid, "Digits", "1"), "").body(containsString("Здравствуйте"));
        Map<String, String> noSid = Map.of("From", "+70000000002");
        given().header("X-Twilio-Signature", sign("", noSid)).contentType(ContentType.URLENC).formParams(noSid)
                .post("/api/v1/ivr/twiml/kit-media").then().statusCode(422).contentType(containsString("problem+json"));
        Map<String, String> unknownPartner = Map.of("CallSid", sid);
        given().header("X-Twilio-Signature", TwimlLineResource.sign(TOKEN, config.publicUrl() + "/api/v1/ivr/twiml/no-such-partner",
                        multi(unknownPartner))).contentType(ContentType.URLENC).formParams(unknownPartner)
                .post("/api/v1/ivr/twiml/no-such-partner").then().statusCode(404);
    }

    private static MultivaluedHashMap<String, String> multi(Map<String, String> form) {
        MultivaluedHashMap<String, String> m = new MultivaluedHashMap<>();
        form.forEach(m::add);
        return m;
    }

    private io.restassured.response.ValidatableResponse turn(Map<String, String> form, String query) {
        return given().header("X-Twilio-Signature", sign(query, form)).contentType(ContentType.URLENC).formParams(form)
                .post("/api/v1/ivr/twiml/kit-media" + query).then().statusCode(200).contentType(containsString("xml"));
    }

    private String sign(String suffix, Map<String, String> form) {
        MultivaluedHashMap<String, String> m = new MultivaluedHashMap<>();
        form.forEach(m::add);
        return TwimlLineResource.sign(TOKEN, config.publicUrl() + "/api/v1/ivr/twiml/kit-media" + suffix, m);
    }

    private long calls(String sid) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from ivr_call where provider_call_id = :s")
                .setParameter("s", sid).getSingleResult()).longValue());
    }
}
