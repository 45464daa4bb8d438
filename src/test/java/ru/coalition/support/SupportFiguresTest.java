package ru.coalition.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desk's figures, honour board and CSV (issue 11 §7) from tickets made in March 2033 (a moved clock, so no other
 * test's tickets fall in the period): two agents, ratings by the cabinet and by link, one reopening, one SLA breach.
 */
@QuarkusTest
class SupportFiguresTest {

    static final String STAFF = "/api/v1/operator/tickets";
    static final String FIGURES = "/api/v1/operator/support/figures";

    @Inject
    EntityManager em;

    @Inject
    RatingLinks links;

    MovableClock clock;
    TestMembers.TestMember member;

    /** Opens a ticket on the given day at 09:00 Moscow, then the agent takes it (if any), answers and solves it after so many hours. */
    String ticket(String day, String agent, double answerAfter, double solveAfter) {
        clock.set(day + "T09:00:00+03:00");
        String id = SupportTicketsApiTest.open(member.token(), Map.of("subject", "Вопрос о баллах", "body", "Где мои баллы?", "category", "question"));
        String token = Tokens.user(agent == null ? "support" : agent, "demo1234");
        if (agent != null) {
            given().auth().oauth2(token).post(STAFF + "/" + id + "/assign-to-me").then().statusCode(200);
        }
        clock.set(day + "T09:00:00+03:00");
        clock.move(Duration.ofMinutes(Math.round(answerAfter * 60)));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("body", "Проверили, всё в порядке.", "internal", false))
                .post(STAFF + "/" + id + "/messages").then().statusCode(200);
        clock.set(day + "T09:00:00+03:00");
        clock.move(Duration.ofMinutes(Math.round(solveAfter * 60)));
        given().auth().oauth2(token).post(STAFF + "/" + id + "/solve").then().statusCode(200);
        return id;
    }

    void rate(String id, int score) {
        given().auth().oauth2(member.token()).contentType(ContentType.JSON).body(Map.of("score", score))
                .post(SupportTicketsApiTest.TICKETS + "/" + id + "/rating").then().statusCode(201);
    }

    @Test
    void figuresHonourBoardAndCsvComeRightFromTheMonthsTickets() {
        member = TestMembers.register();
        clock = MovableClock.installAt("2033-03-07T09:00:00+03:00");
        // support: four tickets, one reopened and solved again, one breached; ratings 5 (by link), 4, 3
        String t1 = ticket("2033-03-07", "support", 1, 2);
        String t2 = ticket("2033-03-08", "support", 2, 4);
        String t3 = ticket("2033-03-09", "support", 3, 6);
        String t4 = ticket("2033-03-10", "support", 1, 3);
        given().contentType(ContentType.JSON).body(Map.of("score", 5))
                .post("/api/v1/support/ratings/" + links.issue(UUID.fromString(t1), Instant.parse("2033-04-01T00:00:00Z"))).then().statusCode(201);
        rate(t2, 4);
        rate(t4, 3);
        clock.set("2033-03-09T15:30:00+03:00");
        given().auth().oauth2(member.token()).contentType(ContentType.JSON).body(Map.of("body", "Баллы снова пропали"))
                .post(SupportTicketsApiTest.TICKETS + "/" + t3 + "/messages").then().statusCode(201).body("state", equalTo("OPEN"));
        clock.set("2033-03-09T16:00:00+03:00");
        given().auth().oauth2(Tokens.user("support", "demo1234")).post(STAFF + "/" + t3 + "/solve").then().statusCode(200);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update support_ticket set breached_at = :at where public_id = :id")
                .setParameter("at", Instant.parse("2033-03-10T07:00:00Z")).setParameter("id", UUID.fromString(t4)).executeUpdate());
        // supervisor: three quick tickets, two rated 5
        String u1 = ticket("2033-03-11", "supervisor", 0.5, 1);
        String u2 = ticket("2033-03-14", "supervisor", 0.5, 1);
        ticket("2033-03-15", "supervisor", 1, 2);
        rate(u1, 5);
        rate(u2, 5);
        // one solved while nobody had taken it
        ticket("2033-03-16", null, 1, 2);
        // solved in April: not in March's figures
        ticket("2033-04-01", "support", 1, 2);

        String supervisor = Tokens.user("supervisor", "demo1234");
        JsonPath f = given().auth().oauth2(supervisor).queryParam("from", "2033-03-01").queryParam("to", "2033-03-31").get(FIGURES)
                .then().statusCode(200).extract().jsonPath();
        System.out.println("figures: " + f.prettify());
        String supportId = subject("support");
        String supervisorId = subject("supervisor");
        assertEquals(List.of(supportId, supervisorId), f.getList("agents.agent").subList(0, 2), "most handled first");

        Map<String, Object> a = f.getMap("agents[0]");
        assertEquals(4, a.get("handled"));
        assertEquals(1.5f, a.get("firstResponseMedianHours"));
        assertEquals(2.7f, a.get("firstResponseP90Hours"));
        assertEquals(3.5f, a.get("resolutionMedianHours"));
        assertEquals(6.1f, a.get("resolutionP90Hours"));
        assertEquals(3, a.get("slaMet"));
        assertEquals(75.0f, a.get("slaMetPercent"));
        assertEquals(4.0f, a.get("csatAverage"));
        assertEquals(3, a.get("csatCount"));
        assertEquals(1, a.get("reopened"));
        assertEquals(25.0f, a.get("reopenPercent"));
        assertTrue(a.get("name") != null && !a.get("name").equals(supportId), "the agent's name, not the id: " + a.get("name"));

        Map<String, Object> b = f.getMap("agents[1]");
        assertEquals(3, b.get("handled"));
        assertEquals(0.5f, b.get("firstResponseMedianHours"));
        assertEquals(0.9f, b.get("firstResponseP90Hours"));
        assertEquals(1.0f, b.get("resolutionMedianHours"));
        assertEquals(1.8f, b.get("resolutionP90Hours"));
        assertEquals(100.0f, b.get("slaMetPercent"));
        assertEquals(5.0f, b.get("csatAverage"));
        assertEquals(2, b.get("csatCount"));
        assertEquals(0.0f, b.get("reopenPercent"));

        Map<String, Object> none = f.getMap("agents[2]");
        assertEquals(null, none.get("agent"));
        assertEquals(1, none.get("handled"));

        Map<String, Object> t = f.getMap("totals");
        assertEquals(8, t.get("handled"));
        assertEquals(1.0f, t.get("firstResponseMedianHours"));
        assertEquals(2.3f, t.get("firstResponseP90Hours"));
        assertEquals(2.0f, t.get("resolutionMedianHours"));
        assertEquals(4.9f, t.get("resolutionP90Hours"));
        assertEquals(87.5f, t.get("slaMetPercent"));
        assertEquals(4.4f, t.get("csatAverage"));
        assertEquals(5, t.get("csatCount"));
        assertEquals(12.5f, t.get("reopenPercent"));

        assertEquals(List.of("2033-02-28", "2033-03-07", "2033-03-14", "2033-03-21", "2033-03-28"), f.getList("weeks.weekOf"));
        assertEquals(List.of(0, 5, 3, 0, 0), f.getList("weeks.handled"));
        assertEquals(4.25f, f.getFloat("weeks[1].csatAverage"));
        assertEquals(5.0f, f.getFloat("weeks[2].csatAverage"));

        // one agent
        given().auth().oauth2(supervisor).queryParam("from", "2033-03-01").queryParam("to", "2033-03-31").queryParam("agent", supervisorId)
                .get(FIGURES).then().statusCode(200).body("agents.size()", equalTo(1)).body("totals.handled", equalTo(3))
                .body("weeks.handled", equalTo(List.of(0, 1, 2, 0, 0)));
        // the default is the current month (the clock's: April 2033, one ticket so far)
        given().auth().oauth2(supervisor).get(FIGURES).then().statusCode(200).body("from", equalTo("2033-04-01"))
                .body("totals.handled", equalTo(1));

        // the honour board: supervisor 95.0 (speed 1, quality 1, volume 3/4), support 74.0 (0.75, 4/5 × 3/4, 1)
        for (String who : List.of("support", "supervisor")) {
            JsonPath h = given().auth().oauth2(Tokens.user(who, "demo1234")).queryParam("month", "2033-03").get("/api/v1/operator/support/honour")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(List.of(supervisorId, supportId), h.getList("places.agent"));
            assertEquals(List.of(1, 2), h.getList("places.place"));
            assertEquals(95.0f, h.getFloat("places[0].score"));
            assertEquals(74.0f, h.getFloat("places[1].score"));
            assertEquals(0.6f, h.getFloat("places[1].quality"));
            assertEquals(2, h.getInt("qualified"));
            assertEquals(3, h.getInt("minHandled"));
        }
        // April: one ticket is below the minimum, nobody is placed
        given().auth().oauth2(supervisor).queryParam("month", "2033-04").get("/api/v1/operator/support/honour").then().statusCode(200)
                .body("places.size()", equalTo(0)).body("qualified", equalTo(0));

        // CSV, Russian and English
        String ru = given().auth().oauth2(supervisor).header("Accept-Language", "ru").queryParam("from", "2033-03-01").queryParam("to", "2033-03-31")
                .get(FIGURES + ".csv").then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("text/csv")).extract().asString();
        System.out.println("csv ru:\n" + ru);
        List<String> lines = ru.lines().toList();
        assertEquals("\ufeffСотрудник;Решено;Первый ответ, медиана, ч;Первый ответ, 90-й перцентиль, ч;Решение, медиана, ч;"
                + "Решение, 90-й перцентиль, ч;В срок (SLA), %;Средняя оценка;Оценок;Открыто снова, %", lines.get(0));
        assertTrue(lines.get(1).endsWith(";4;1,50;2,70;3,50;6,10;75,0;4,00;3;25,0"), lines.get(1));
        assertTrue(lines.get(2).endsWith(";3;0,50;0,90;1,00;1,80;100,0;5,00;2;0,0"), lines.get(2));
        assertEquals("Без исполнителя;1;1,00;1,00;2,00;2,00;100,0;;0;0,0", lines.get(3));
        assertEquals("Итого;8;1,00;2,30;2,00;4,90;87,5;4,40;5;12,5", lines.get(4));
        assertEquals(5, lines.size());
        String en = given().auth().oauth2(supervisor).queryParam("lang", "en").queryParam("from", "2033-03-01").queryParam("to", "2033-03-31")
                .get(FIGURES + ".csv").then().statusCode(200).extract().asString();
        assertTrue(en.startsWith("\ufeffAgent;Handled;First response, median, h;"), en);
        assertTrue(en.contains("\nTotal;8;1.00;2.30;2.00;4.90;87.5;4.40;5;12.5"), en);

        // bad periods are problems, never 500
        for (Map<String, String> bad : List.of(Map.of("from", "2033-03-31", "to", "2033-03-01"), Map.of("from", "March"),
                Map.of("from", "2031-01-01", "to", "2033-03-01"))) {
            given().auth().oauth2(supervisor).queryParams(bad).get(FIGURES).then().statusCode(422).body("code", equalTo("figures.period"));
        }
        given().auth().oauth2(supervisor).queryParam("month", "2033-13").get("/api/v1/operator/support/honour").then().statusCode(422);
    }

    @Test
    void onlyTheSupervisorSeesTheFiguresAndOnlySupportStaffTheHonourBoard() {
        String member = TestMembers.register().token();
        for (String outsider : List.of(member, Tokens.user("smol-neft-admin", "demo1234"), Tokens.user("mailer", "demo1234"),
                Tokens.till("smol-neft"), Tokens.user("operator", "demo1234"))) {
            given().auth().oauth2(outsider).get(FIGURES).then().statusCode(403);
            given().auth().oauth2(outsider).get(FIGURES + ".csv").then().statusCode(403);
            given().auth().oauth2(outsider).get("/api/v1/operator/support/honour").then().statusCode(403);
        }
        // an agent reads the honour board, not the figures
        String support = Tokens.user("support", "demo1234");
        given().auth().oauth2(support).get(FIGURES).then().statusCode(403);
        given().auth().oauth2(support).get("/api/v1/operator/support/honour").then().statusCode(200);
        given().get(FIGURES).then().statusCode(401);
    }

    private static String subject(String user) {
        String token = Tokens.user(user, "demo1234");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]), java.nio.charset.StandardCharsets.UTF_8);
        return JsonPath.from(payload).getString("sub");
    }
}
