package ru.coalition.support;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The member's side of support tickets (API-CONTRACT.md "Support tickets (member)", issue 11 §1). */
@QuarkusTest
class SupportTicketsApiTest {

    static final String TICKETS = "/api/v1/me/tickets";

    @Inject
    Tickets tickets;

    static Map<String, Object> complaint() {
        Map<String, Object> body = new HashMap<>(Map.of("subject", "Не начислили баллы за заправку",
                "body", "Заправился 3 декабря на 2 000 ₽, баллов нет.", "category", "complaint", "partner", "smol-neft",
                "receiptId", "R-777"));
        return body;
    }

    static String open(String token, Map<String, Object> body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).post(TICKETS).then().statusCode(201)
                .body("number", matchesPattern("S-\\d{4}-\\d{6}")).body("state", equalTo("NEW")).extract().path("ticketId");
    }

    @Test
    void aMemberOpensATicketAndSeesOnlyTheirOwn() {
        String mine = TestMembers.register().token();
        String id = open(mine, complaint());
        given().auth().oauth2(mine).get(TICKETS).then().statusCode(200).body("ticketId", hasItem(id));
        given().auth().oauth2(mine).get(TICKETS + "/" + id).then().statusCode(200)
                .body("category", equalTo("complaint")).body("partner", equalTo("smol-neft")).body("receiptId", equalTo("R-777"))
                .body("messages", hasSize(1)).body("messages[0].from", equalTo("MEMBER"))
                .body("messages[0].body", equalTo("Заправился 3 декабря на 2 000 ₽, баллов нет."));

        String other = TestMembers.register().token();
        given().auth().oauth2(other).get(TICKETS).then().statusCode(200).body("ticketId", org.hamcrest.Matchers.not(hasItem(id)));
        given().auth().oauth2(other).get(TICKETS + "/" + id).then().statusCode(404).body("code", equalTo("ticket.not-found"));
        given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("body", "чужое")).post(TICKETS + "/" + id + "/messages")
                .then().statusCode(404);
        given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("score", 1)).post(TICKETS + "/" + id + "/rating")
                .then().statusCode(404);
        given().auth().oauth2(mine).get(TICKETS + "/not-a-ticket").then().statusCode(404);
        given().get(TICKETS).then().statusCode(401);
    }

    @Test
    void badTicketsSayWhichFieldIsWrong() {
        String token = TestMembers.register().token();
        Map<String, Object> bad = complaint();
        bad.put("category", "praise");
        bad.put("subject", " ");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(bad).post(TICKETS).then().statusCode(422)
                .body("code", equalTo("validation")).body("errors.field", org.hamcrest.Matchers.hasItems("category", "subject"));
        Map<String, Object> unknown = complaint();
        unknown.put("partner", "no-such-partner");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(unknown).post(TICKETS).then().statusCode(422)
                .body("code", equalTo("ticket.partner-unknown"));
        given().auth().oauth2(token).get(TICKETS).then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void aTicketIsAnsweredSolvedRatedOnceReopenedWithinSevenDaysAndClosedToRepliesAfter() {
        MovableClock clock = MovableClock.installAt("2032-02-02T10:00:00+03:00");
        String token = TestMembers.register().token();
        UUID id = UUID.fromString(open(token, complaint()));
        String path = TICKETS + "/" + id;

        tickets.answer(id, "Ольга, поддержка", "Проверяем чек у партнёра.", false);
        tickets.answer(id, "Ольга, поддержка", "Внутренняя заметка: запросить кассу.", true);
        given().auth().oauth2(token).get(path).then().statusCode(200).body("state", equalTo("OPEN"))
                .body("messages", hasSize(2)).body("messages[1].from", equalTo("AGENT"))
                .body("messages[1].body", equalTo("Проверяем чек у партнёра."));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("score", 5)).post(path + "/rating")
                .then().statusCode(422).body("code", equalTo("ticket.not-solved"));
        tickets.answer(id, "Ольга, поддержка", "Баллы начислены.", false);
        given().auth().oauth2(token).get(path).then().body("state", equalTo("PENDING_MEMBER"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("body", "Спасибо, вижу.")).post(path + "/messages")
                .then().statusCode(201).body("state", equalTo("OPEN")).body("messages", hasSize(4));
        tickets.solve(id, "Ольга, поддержка");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("score", 6)).post(path + "/rating")
                .then().statusCode(422).body("errors[0].field", equalTo("score"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("score", 5, "comment", "Быстро")).post(path + "/rating")
                .then().statusCode(201).body("rating", equalTo(5)).body("state", equalTo("SOLVED"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("score", 1)).post(path + "/rating")
                .then().statusCode(409).body("code", equalTo("ticket.rated"));

        // six days later a reply reopens it
        clock.move(Duration.ofDays(6));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("body", "Снова пропали баллы")).post(path + "/messages")
                .then().statusCode(201).body("state", equalTo("OPEN")).body("solvedAt", nullValue());
        tickets.solve(id, "Ольга, поддержка");
        // seven days after that it takes no more replies
        clock.move(Duration.ofDays(7));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("body", "Ещё вопрос")).post(path + "/messages")
                .then().statusCode(422).body("code", equalTo("ticket.closed"));
        assertEquals(List.of("opened", "answered", "noted", "answered", "replied", "solved", "rated", "reopened", "solved"),
                tickets.history(id).stream().map(Tickets.Event::action).toList());
        clock.move(Duration.ofDays(-13));
    }

    @Test
    void anAgentTakesAnswersAndSolvesATicketThroughTheOperatorApiAndNobodyElseMay() {
        String member = TestMembers.register().token();
        String id = open(member, complaint());
        String support = ru.coalition.testing.Tokens.user("support", "demo1234");
        String staff = "/api/v1/operator/tickets";
        given().auth().oauth2(support).queryParam("queue", "unassigned").get(staff).then().statusCode(200)
                .body("ticketId", hasItem(id));
        given().auth().oauth2(support).post(staff + "/" + id + "/assign-to-me").then().statusCode(200)
                .body("ticket.state", equalTo("OPEN")).body("history.action", hasItem("assigned"));
        given().auth().oauth2(support).queryParam("queue", "mine").get(staff).then().statusCode(200).body("ticketId", hasItem(id));
        given().auth().oauth2(support).queryParam("queue", "unassigned").get(staff).then().statusCode(200)
                .body("ticketId", org.hamcrest.Matchers.not(hasItem(id)));
        given().auth().oauth2(support).contentType(ContentType.JSON).body(Map.of("body", "Запросили кассу АЗС", "internal", true))
                .post(staff + "/" + id + "/messages").then().statusCode(200).body("messages", hasSize(2))
                .body("messages[1].internal", equalTo(true));
        given().auth().oauth2(support).contentType(ContentType.JSON).body(Map.of("body", "Баллы начислены", "internal", false))
                .post(staff + "/" + id + "/messages").then().statusCode(200).body("ticket.state", equalTo("PENDING_MEMBER"));
        given().auth().oauth2(support).post(staff + "/" + id + "/solve").then().statusCode(200).body("ticket.state", equalTo("SOLVED"));
        // the member sees the public reply, never the note
        given().auth().oauth2(member).get(TICKETS + "/" + id).then().statusCode(200).body("messages", hasSize(2))
                .body("messages.body", org.hamcrest.Matchers.not(hasItem("Запросили кассу АЗС")));
        given().auth().oauth2(member).contentType(ContentType.JSON).body(Map.of("score", 4)).post(TICKETS + "/" + id + "/rating")
                .then().statusCode(201).body("rating", equalTo(4));

        given().auth().oauth2(ru.coalition.testing.Tokens.user("supervisor", "demo1234")).get(staff + "/" + id).then().statusCode(200)
                .body("ticket.number", matchesPattern("S-\\d{4}-\\d{6}"));
        for (String outsider : List.of(member, ru.coalition.testing.Tokens.user("smol-neft-admin", "demo1234"),
                ru.coalition.testing.Tokens.user("mailer", "demo1234"), ru.coalition.testing.Tokens.till("smol-neft"))) {
            given().auth().oauth2(outsider).get(staff).then().statusCode(403);
            given().auth().oauth2(outsider).get(staff + "/" + id).then().statusCode(403);
            given().auth().oauth2(outsider).post(staff + "/" + id + "/solve").then().statusCode(403);
        }
        given().auth().oauth2(support).get(staff + "/" + UUID.randomUUID()).then().statusCode(404).body("code", equalTo("ticket.not-found"));
    }

    @Test
    void ticketsOpenedAtOnceGetNumbersOneAfterAnother() throws Exception {
        String token = TestMembers.register().token();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> opened = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                opened.add(pool.submit(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(complaint()).post(TICKETS)
                        .then().statusCode(201).extract().<String>path("number")));
            }
            List<Integer> numbers = new ArrayList<>();
            for (Future<String> f : opened) {
                numbers.add(Integer.parseInt(f.get().substring(f.get().lastIndexOf('-') + 1)));
            }
            assertEquals(8, new HashSet<>(numbers).size(), numbers.toString());
            assertEquals(7, numbers.stream().mapToInt(Integer::intValue).max().orElseThrow()
                    - numbers.stream().mapToInt(Integer::intValue).min().orElseThrow(), numbers.toString());
        } finally {
            pool.shutdown();
        }
    }
}
