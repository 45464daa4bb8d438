package ru.coalition.support;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The satisfaction survey by mailed link (issue 11 §7): one rating per ticket, shared with the cabinet; no sign-in. */
@QuarkusTest
public class SatisfactionTest {

    static final Pattern LINK = Pattern.compile("/support/rate/([A-Za-z0-9_-]+)\\?score=(\\d)");
    static final String STAFF = "/api/v1/operator/tickets";

    @Inject
    RatingLinks links;

    /** A member's ticket, taken, answered and solved by the support agent; returns the ticket id. */
    public static String solvedTicket(TestMembers.TestMember member, String subject) {
        String id = SupportTicketsApiTest.open(member.token(), Map.of("subject", subject, "body", "Не пришли баллы за покупку.",
                "category", "question"));
        String support = Tokens.user("support", "demo1234");
        given().auth().oauth2(support).post(STAFF + "/" + id + "/assign-to-me").then().statusCode(200);
        given().auth().oauth2(support).contentType(ContentType.JSON).body(Map.of("body", "Баллы начислены.", "internal", false))
                .post(STAFF + "/" + id + "/messages").then().statusCode(200);
        given().auth().oauth2(support).post(STAFF + "/" + id + "/solve").then().statusCode(200);
        return id;
    }

    static String number(String memberToken, String id) {
        return given().auth().oauth2(memberToken).get(SupportTicketsApiTest.TICKETS + "/" + id).then().statusCode(200).extract().path("number");
    }

    @Test
    void theSolvedTicketsMemberGetsTheSurveyAndRatesItOnceByTheLink() {
        var member = TestMembers.register();
        String id = solvedTicket(member, "Вопрос о баллах");
        String number = number(member.token(), id);

        // the survey, not the agent's reply (which goes out by mail too and names the ticket as well)
        String body = Inbox.body(Inbox.awaitMailTo(member.email(), "Обращение " + number));
        Matcher m = LINK.matcher(body);
        int links = 0;
        String token = null;
        while (m.find()) {
            links++;
            token = m.group(1);
        }
        assertTrue(links == 5, "five links 1–5 in the mail: " + body);
        assertTrue(body.contains(number) && body.contains("Вопрос о баллах"), body);

        // opening a link shows the question with its score marked and records nothing (a mail scanner may open it)
        String page = "/support/rate/" + token;
        given().accept(ContentType.HTML).queryParam("score", "4").get(page).then().statusCode(200)
                .body(containsString("value=\"4\" id=\"score-4\" checked")).body(containsString(number));
        given().get("/api/v1/support/ratings/" + token).then().statusCode(200)
                .body("number", equalTo(number)).body("rateable", equalTo(true));

        // no score: the page asks again, nothing is written
        given().accept(ContentType.HTML).contentType(ContentType.URLENC).formParam("comment", "без оценки").post(page)
                .then().statusCode(422).body(containsString("score-error"));
        // the answer by the page, with a comment
        given().accept(ContentType.HTML).contentType(ContentType.URLENC).formParam("score", "4").formParam("comment", "Спасибо, быстро")
                .post(page).then().statusCode(200).body(containsString("data-outcome=\"THANKS\""));
        given().auth().oauth2(member.token()).get(SupportTicketsApiTest.TICKETS + "/" + id).then().statusCode(200).body("rating", equalTo(4));
        given().auth().oauth2(Tokens.user("support", "demo1234")).get(STAFF + "/" + id).then().statusCode(200)
                .body("history.action", hasItem("rated"));

        // a second answer, by any way, is refused
        given().accept(ContentType.HTML).contentType(ContentType.URLENC).formParam("score", "1").post(page)
                .then().statusCode(409).body(containsString("data-outcome=\"ALREADY\""));
        given().accept(ContentType.HTML).queryParam("score", "2").get(page).then().statusCode(409)
                .body(containsString("data-outcome=\"ALREADY\""));
        given().contentType(ContentType.JSON).body(Map.of("score", 1)).post("/api/v1/support/ratings/" + token)
                .then().statusCode(409).body("code", equalTo("ticket.rated"));
        given().auth().oauth2(member.token()).contentType(ContentType.JSON).body(Map.of("score", 1))
                .post(SupportTicketsApiTest.TICKETS + "/" + id + "/rating").then().statusCode(409).body("code", equalTo("ticket.rated"));
        given().auth().oauth2(member.token()).get(SupportTicketsApiTest.TICKETS + "/" + id).then().body("rating", equalTo(4));
    }

    @Test
    void aRatingInTheCabinetFirstMakesTheLinkSayAlreadyRated() {
        var member = TestMembers.register();
        String id = solvedTicket(member, "Карта не работает");
        given().auth().oauth2(member.token()).contentType(ContentType.JSON).body(Map.of("score", 5))
                .post(SupportTicketsApiTest.TICKETS + "/" + id + "/rating").then().statusCode(201);
        String token = links.issue(UUID.fromString(id), Instant.now().plusSeconds(3600));
        given().accept(ContentType.HTML).queryParam("score", "5").get("/support/rate/" + token).then().statusCode(409)
                .body(containsString("data-outcome=\"ALREADY\""));
        given().contentType(ContentType.JSON).body(Map.of("score", 3, "comment", "ещё раз")).post("/api/v1/support/ratings/" + token)
                .then().statusCode(409).body("code", equalTo("ticket.rated"));
    }

    @Test
    void aTamperedExpiredOrStrangeLinkIsRefusedWithAClearAnswer() {
        var member = TestMembers.register();
        String id = solvedTicket(member, "Списание баллов");
        String good = links.issue(UUID.fromString(id), Instant.now().plusSeconds(3600));
        // one character changed in the ticket's part, in the signature's part; another ticket's id under this signature
        char c = good.charAt(3);
        String tampered = good.substring(0, 3) + (c == 'A' ? 'B' : 'A') + good.substring(4);
        char last = good.charAt(good.length() - 2);
        String badSignature = good.substring(0, good.length() - 2) + (last == 'A' ? 'B' : 'A') + good.substring(good.length() - 1);
        String other = links.issue(UUID.randomUUID(), Instant.now().plusSeconds(3600));
        for (String token : new String[]{tampered, badSignature, "not-a-token", "x".repeat(300), other}) {
            given().accept(ContentType.HTML).queryParam("score", "5").get("/support/rate/" + token).then().statusCode(404)
                    .contentType(containsString("text/html")).body(containsString("Ссылка для оценки не работает"));
            given().contentType(ContentType.JSON).body(Map.of("score", 5)).post("/api/v1/support/ratings/" + token).then().statusCode(404)
                    .contentType(containsString("application/problem+json")).body("code", equalTo("rating.link-invalid"));
            given().accept(ContentType.HTML).contentType(ContentType.URLENC).formParam("score", "5").post("/support/rate/" + token)
                    .then().statusCode(404);
        }
        String expired = links.issue(UUID.fromString(id), Instant.now().minusSeconds(1));
        given().accept(ContentType.HTML).get("/support/rate/" + expired).then().statusCode(410)
                .body(containsString("Срок ссылки для оценки истёк"));
        given().contentType(ContentType.JSON).body(Map.of("score", 5)).post("/api/v1/support/ratings/" + expired).then().statusCode(410)
                .body("code", equalTo("rating.link-expired"));
        // a bad score is a field error, never half-written
        given().contentType(ContentType.JSON).body(Map.of("score", 9)).post("/api/v1/support/ratings/" + good).then().statusCode(422)
                .body("errors.field", hasItem("score"));
        given().auth().oauth2(member.token()).get(SupportTicketsApiTest.TICKETS + "/" + id).then().body("rating", org.hamcrest.Matchers.nullValue());
        // the good one still works, in English too
        given().accept(ContentType.HTML).queryParam("lang", "en").get("/support/rate/" + good).then().statusCode(200)
                .body(containsString("How did we do?")).body(not(containsString("Как мы справились?")));
        given().contentType(ContentType.JSON).body(Map.of("score", 2, "comment", "долго")).post("/api/v1/support/ratings/" + good)
                .then().statusCode(201).body("score", equalTo(2)).body("rateable", equalTo(false));
    }
}
