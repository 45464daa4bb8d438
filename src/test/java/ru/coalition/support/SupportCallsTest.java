package ru.coalition.support;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The phone channel (issue 11 §2): an agent logs a call, which opens a PHONE ticket or adds to one. */
@QuarkusTest
class SupportCallsTest {

    static final String CALLS = "/api/v1/operator/calls";
    static final String TICKETS = "/api/v1/operator/tickets";

    @Inject
    EntityManager em;

    static Map<String, Object> call(String phone, String card, String summary) {
        Map<String, Object> body = new HashMap<>(Map.of("phone", phone, "summary", summary, "outcome", "ticket-opened"));
        if (card != null) {
            body.put("card", card);
        }
        return body;
    }

    static String agent() {
        return Tokens.user("support", "demo1234");
    }

    @Test
    void aCallByCardNumberOpensAPhoneTicketForThatMember() {
        var member = TestMembers.register();
        var other = TestMembers.register();
        String card = member.cardNumber();
        String spaced = card.substring(0, 4) + " " + card.substring(4, 8) + " " + card.substring(8, 12) + " " + card.substring(12);
        Map<String, Object> body = call(other.phone(), spaced, "Не начислили баллы за заправку 3 декабря\nЧек R-1");
        body.put("category", "missing-points");
        body.put("partner", "smol-neft");
        var logged = given().auth().oauth2(agent()).contentType(ContentType.JSON).body(body).post(CALLS).then().statusCode(201)
                .body("memberCard", equalTo(card)).body("opened", equalTo(true)).body("outcome", equalTo("ticket-opened"))
                .body("callerPhone", equalTo(other.phone())).extract();
        String ticket = logged.path("ticketId");
        given().auth().oauth2(agent()).get(TICKETS + "/" + ticket).then().statusCode(200)
                .body("ticket.channel", equalTo("PHONE")).body("ticket.category", equalTo("missing-points"))
                .body("ticket.partner", equalTo("smol-neft")).body("ticket.subject", equalTo("Не начислили баллы за заправку 3 декабря"))
                .body("messages", hasSize(1)).body("messages[0].from", equalTo("MEMBER"))
                .body("history.action", hasItem("call-logged"));
        // the card named the member, not the phone they called from
        given().auth().oauth2(member.token()).get("/api/v1/me/tickets/" + ticket).then().statusCode(200);
        given().auth().oauth2(other.token()).get("/api/v1/me/tickets/" + ticket).then().statusCode(404);

        String day = LocalDate.ofInstant(Instant.parse(logged.path("at")), ZoneId.of("Europe/Moscow")).toString();
        given().auth().oauth2(agent()).queryParam("day", day).get(CALLS).then().statusCode(200)
                .body("callId", hasItem((String) logged.path("callId")));
    }

    @Test
    void aCallFromAKnownPhoneFindsTheMemberAndACallAboutATicketAddsToIt() {
        var member = TestMembers.register();
        String typed = "8 " + member.phone().substring(2, 5) + " " + member.phone().substring(5, 8) + "-" + member.phone().substring(8, 10)
                + "-" + member.phone().substring(10);
        String ticket = given().auth().oauth2(agent()).contentType(ContentType.JSON).body(call(typed, null, "Как перенести баллы?"))
                .post(CALLS).then().statusCode(201).body("memberCard", equalTo(member.cardNumber())).extract().path("ticketId");
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body(Map.of("body", "Перенести нельзя.", "internal", false))
                .post(TICKETS + "/" + ticket + "/messages").then().statusCode(200).body("ticket.state", equalTo("PENDING_MEMBER"));

        Map<String, Object> again = call(member.phone(), null, "Перезвонил: а если сменить карту?");
        again.put("ticketId", ticket);
        again.put("outcome", "callback-needed");
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body(again).post(CALLS).then().statusCode(201)
                .body("ticketId", equalTo(ticket)).body("opened", equalTo(false));
        given().auth().oauth2(agent()).get(TICKETS + "/" + ticket).then().statusCode(200)
                .body("ticket.state", equalTo("OPEN")).body("messages", hasSize(3))
                .body("messages[2].body", equalTo("Перезвонил: а если сменить карту?"));
        given().auth().oauth2(agent()).queryParam("ticketId", ticket).get(CALLS).then().statusCode(200)
                .body("", hasSize(2)).body("outcome", hasItems("ticket-opened", "callback-needed"));
        assertEquals(2L, ((Number) em.createNativeQuery("select count(*) from support_ticket t join support_call c on c.ticket_id = t.id"
                + " where t.public_id = cast(:t as uuid) and t.channel = 'PHONE' and c.member_id is not null")
                .setParameter("t", ticket).getSingleResult()).longValue(), "two calls, both with the member");
    }

    @Test
    void anUnknownNumberMakesATicketWithoutAMember() {
        String phone = "+7999" + String.format("%07d", Math.abs(UUID.randomUUID().getMostSignificantBits()) % 10_000_000L);
        String ticket = given().auth().oauth2(agent()).contentType(ContentType.JSON).body(call(phone, null, "Хочу стать партнёром"))
                .post(CALLS).then().statusCode(201).body("memberCard", nullValue()).body("memberName", nullValue())
                .extract().path("ticketId");
        Object member = em.createNativeQuery("select member_id from support_ticket where public_id = cast(:t as uuid)")
                .setParameter("t", ticket).getSingleResult();
        assertNull(member);
        given().auth().oauth2(agent()).get(TICKETS + "/" + ticket).then().statusCode(200)
                .body("ticket.channel", equalTo("PHONE")).body("messages[0].author", equalTo(phone));
    }

    @Test
    void badCallsAreRefusedWithTheFieldNamed() {
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body(Map.of("phone", "+79001234567", "summary", " ", "outcome", "maybe"))
                .post(CALLS).then().statusCode(422).body("code", equalTo("validation"))
                .body("errors.field", hasItems("summary", "outcome"));
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body(call("+79001234567", "0000 0000 0000 0001", "Звонок"))
                .post(CALLS).then().statusCode(422).body("code", equalTo("call.card-unknown"));
        Map<String, Object> missing = call("+79001234567", null, "Звонок");
        missing.put("ticketId", UUID.randomUUID().toString());
        given().auth().oauth2(agent()).contentType(ContentType.JSON).body(missing).post(CALLS).then().statusCode(404)
                .body("code", equalTo("ticket.not-found"));
        given().auth().oauth2(agent()).queryParam("day", "yesterday").get(CALLS).then().statusCode(422);
    }

    @Test
    void onlySupportLogsAndReadsCalls() {
        given().auth().oauth2(Tokens.user("supervisor", "demo1234")).get(CALLS).then().statusCode(200);
        String member = TestMembers.register().token();
        for (String token : new String[] {member, Tokens.user("smol-neft-admin", "demo1234"), Tokens.user("operator", "demo1234"),
                Tokens.till("smol-neft")}) {
            given().auth().oauth2(token).get(CALLS).then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(call("+79001234567", null, "x")).post(CALLS).then().statusCode(403);
        }
        given().get(CALLS).then().statusCode(401);
    }
}
