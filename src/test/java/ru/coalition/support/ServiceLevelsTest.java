package ru.coalition.support;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.junit.jupiter.api.Test;
import ru.coalition.audit.AuditLog;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Service levels of the support desk (issue 11 §3) on a moved clock in 2031 (no other test's tickets are due then):
 * at risk at 80 %, breached, escalated to the supervisor once; the clock stands still while the ticket waits for the
 * member; holidays and a priority change move the due moments; only support staff reach the SLA API.
 */
@QuarkusTest
class ServiceLevelsTest {

    static final String STAFF = "/api/v1/operator/tickets";
    static final String SLA = "/api/v1/operator/sla";
    static final String NOTICES = "/api/v1/operator/notices";

    @Inject
    SlaJob job;

    @Inject
    EntityManager em;

    @Inject
    AuditLog audit;

    static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    static String subjectOf(String token) {
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        return JsonPath.from(payload).getString("sub");
    }

    static JsonPath staffView(String token, String id) {
        return given().auth().oauth2(token).get(STAFF + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    @Transactional
    long events(String ticketId, String action) {
        return ((Number) em.createNativeQuery("select count(*) from support_event e join support_ticket t on t.id = e.ticket_id"
                + " where t.public_id = :p and e.action = :a").setParameter("p", UUID.fromString(ticketId)).setParameter("a", action)
                .getSingleResult()).longValue();
    }

    @Transactional
    long notices(String ticketId, String kind) {
        return ((Number) em.createNativeQuery("select count(*) from support_notice n join support_ticket t on t.id = n.ticket_id"
                + " where t.public_id = :p and n.kind = :k").setParameter("p", UUID.fromString(ticketId)).setParameter("k", kind)
                .getSingleResult()).longValue();
    }

    @Test
    void aMovedClockMarksAtRiskThenBreachesAndEscalatesOnce() {
        MovableClock clock = MovableClock.installAt("2031-03-03T10:00:00+03:00");
        String supervisor = Tokens.user("supervisor", "demo1234");
        String support = Tokens.user("support", "demo1234");
        // Tuesday 4 March 2031 is made a day off through the API, as the supervisor would
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("day", "2031-03-04", "name", "Проверочный выходной"))
                .post(SLA + "/calendar/holidays").then().statusCode(201).body("day", equalTo("2031-03-04"));

        // a complaint (HIGH): first answer within 3 business hours, solution within 16
        String member = TestMembers.register().token();
        String id = SupportTicketsApiTest.open(member, SupportTicketsApiTest.complaint());
        JsonPath t = staffView(support, id);
        assertEquals(at("2031-03-03T13:00:00+03:00"), Instant.parse(t.getString("ticket.firstResponseDueAt")));
        // Monday 10:00–18:00 is 8 hours, Tuesday is a holiday, Wednesday 09:00 + 8 hours
        assertEquals(at("2031-03-05T17:00:00+03:00"), Instant.parse(t.getString("ticket.resolutionDueAt")));
        given().auth().oauth2(support).post(STAFF + "/" + id + "/assign-to-me").then().statusCode(200);

        // 12:20: 140 of 180 minutes used, not yet 80 %
        clock.set("2031-03-03T12:20:00+03:00");
        job.run();
        assertNull(staffView(support, id).getString("ticket.atRiskAt"));

        // 12:25: past 144 minutes (80 %): at risk, the assignee is told
        clock.set("2031-03-03T12:25:00+03:00");
        job.run();
        t = staffView(support, id);
        assertNotNull(t.getString("ticket.atRiskAt"));
        assertNull(t.getString("ticket.breachedAt"));
        given().auth().oauth2(support).get(NOTICES).then().statusCode(200)
                .body("find { it.ticketId == '" + id + "' }.kind", equalTo("at-risk"));
        job.run();
        assertEquals(1, events(id, "at-risk"));

        // 13:01: the first answer is late: breached, escalated to the supervisor (assigned to them, told once)
        clock.set("2031-03-03T13:01:00+03:00");
        job.run();
        job.run();
        clock.set("2031-03-03T15:00:00+03:00");
        job.run();
        t = staffView(supervisor, id);
        assertNotNull(t.getString("ticket.breachedAt"));
        assertEquals(at("2031-03-03T13:01:00+03:00"), Instant.parse(t.getString("ticket.escalatedAt")));
        assertEquals(subjectOf(supervisor), t.getString("ticket.assignee"));
        assertEquals(1, events(id, "breached"));
        assertEquals(1, events(id, "escalated"));
        assertEquals(1, notices(id, "escalated"));
        assertEquals(1, notices(id, "breached"));
        given().auth().oauth2(supervisor).queryParam("unread", true).get(NOTICES).then().statusCode(200)
                .body("find { it.ticketId == '" + id + "' }.kind", equalTo("escalated"));
        assertTrue(Inbox.body(Inbox.awaitMailTo("supervisor@demo.coalition.local", t.getString("ticket.number"))).contains("назначено вам"));

        // the overdue queue has it, breached first; the supervisor's default queue shows overdue tickets first
        List<Map<String, Object>> overdue = given().auth().oauth2(support).queryParam("queue", "overdue").get(STAFF).then().statusCode(200)
                .extract().jsonPath().getList("$");
        assertTrue(overdue.stream().anyMatch(r -> id.equals(r.get("ticketId"))));
        assertNotNull(overdue.get(0).get("breachedAt"));
        List<Map<String, Object>> open = given().auth().oauth2(supervisor).get(STAFF).then().statusCode(200).extract().jsonPath().getList("$");
        assertNotNull(open.get(0).get("breachedAt"), "the supervisor's queue begins with a breached ticket");

        // notices are marked read, one by one or all at once; another's notice is not found
        long noticeId = given().auth().oauth2(supervisor).get(NOTICES).then().extract().jsonPath()
                .getLong("find { it.ticketId == '" + id + "' }.id");
        given().auth().oauth2(support).post(NOTICES + "/" + noticeId + "/read").then().statusCode(404).body("code", equalTo("notice.not-found"));
        given().auth().oauth2(supervisor).post(NOTICES + "/" + noticeId + "/read").then().statusCode(204);
        given().auth().oauth2(supervisor).post(NOTICES + "/" + noticeId + "/read").then().statusCode(204);
        given().auth().oauth2(supervisor).get(NOTICES).then().body("find { it.id == " + noticeId + " }.readAt", notNullValue());
        given().auth().oauth2(support).post(NOTICES + "/read").then().statusCode(204);
        given().auth().oauth2(support).queryParam("unread", true).get(NOTICES).then().body("size()", equalTo(0));
        given().auth().oauth2(support).post(NOTICES + "/not-a-number/read").then().statusCode(404);

        given().auth().oauth2(supervisor).delete(SLA + "/calendar/holidays/2031-03-04").then().statusCode(204);
    }

    @Test
    void theClockStandsStillWhileTheTicketWaitsForTheMember() {
        MovableClock clock = MovableClock.installAt("2031-03-10T10:00:00+03:00");
        String support = Tokens.user("support", "demo1234");
        String member = TestMembers.register().token();
        var question = new java.util.HashMap<>(SupportTicketsApiTest.complaint());
        question.put("category", "question");
        String id = SupportTicketsApiTest.open(member, question);
        // a question (NORMAL): solution within 40 business hours → Friday 14:00
        assertEquals(at("2031-03-14T14:00:00+03:00"), Instant.parse(staffView(support, id).getString("ticket.resolutionDueAt")));

        clock.set("2031-03-10T11:00:00+03:00");
        given().auth().oauth2(support).contentType(ContentType.JSON).body(Map.of("body", "Пришлите, пожалуйста, чек.", "internal", false))
                .post(STAFF + "/" + id + "/messages").then().statusCode(200).body("ticket.state", equalTo("PENDING_MEMBER"));

        // Friday 15:00, past the old due moment: the ticket waits for the member, nothing is marked
        clock.set("2031-03-14T15:00:00+03:00");
        job.run();
        assertNull(staffView(support, id).getString("ticket.atRiskAt"));
        assertNull(staffView(support, id).getString("ticket.breachedAt"));

        // the member answers: the 40 business hours it waited (Mon 11–18, Tue–Thu, Fri 9–15) move the due moment
        given().auth().oauth2(member).contentType(ContentType.JSON).body(Map.of("body", "Вот чек."))
                .post(SupportTicketsApiTest.TICKETS + "/" + id + "/messages").then().statusCode(201);
        JsonPath t = staffView(support, id);
        assertEquals("OPEN", t.getString("ticket.state"));
        assertEquals(at("2031-03-20T18:00:00+03:00"), Instant.parse(t.getString("ticket.resolutionDueAt")));
        job.run();
        assertNull(staffView(support, id).getString("ticket.atRiskAt"));

        // URGENT: 8 business hours to solve, from the opening, the waiting still left out → Monday 13:00
        given().auth().oauth2(support).contentType(ContentType.JSON).body(Map.of("priority", "URGENT"))
                .post(STAFF + "/" + id + "/priority").then().statusCode(200).body("ticket.priority", equalTo("URGENT"))
                .body("ticket.resolutionDueAt", equalTo("2031-03-17T10:00:00Z"));
        given().auth().oauth2(support).contentType(ContentType.JSON).body(Map.of("priority", "SOON"))
                .post(STAFF + "/" + id + "/priority").then().statusCode(422).body("errors.field", hasItem("priority"));
        assertEquals(1, events(id, "prioritized"));
    }

    @Test
    void onlySupportStaffReachTheSlaApiAndOnlyTheSupervisorChangesIt() {
        String supervisor = Tokens.user("supervisor", "demo1234");
        String support = Tokens.user("support", "demo1234");
        String operator = Tokens.user("operator", "demo1234");
        String member = TestMembers.register().token();
        for (String outsider : List.of(member, Tokens.user("kit-media-admin", "demo1234"), Tokens.till("kit-media"),
                Tokens.user("mailer", "demo1234"))) {
            given().auth().oauth2(outsider).get(SLA + "/policies").then().statusCode(403);
            given().auth().oauth2(outsider).get(SLA + "/calendar").then().statusCode(403);
            given().auth().oauth2(outsider).get(NOTICES).then().statusCode(403);
        }
        given().get(SLA + "/policies").then().statusCode(401);
        // the operator's admin and the agents read; only the supervisor writes
        given().auth().oauth2(operator).get(SLA + "/policies").then().statusCode(200)
                .body("find { it.category == 'complaint' && it.priority == 'HIGH' }.firstResponseMinutes", equalTo(180));
        given().auth().oauth2(operator).get(NOTICES).then().statusCode(403);
        given().auth().oauth2(support).get(SLA + "/calendar").then().statusCode(200).body("zone", equalTo("Europe/Moscow"))
                .body("hours.size()", equalTo(5)).body("hours[0].opens", equalTo("09:00")).body("holidays.day", hasItem("2027-01-07"));
        Map<String, Object> targets = Map.of("firstResponseMinutes", 120, "resolutionMinutes", 600);
        for (String reader : List.of(operator, support)) {
            given().auth().oauth2(reader).contentType(ContentType.JSON).body(targets).put(SLA + "/policies/other/LOW").then().statusCode(403);
            given().auth().oauth2(reader).contentType(ContentType.JSON).body(Map.of("day", "2031-05-05", "name", "x"))
                    .post(SLA + "/calendar/holidays").then().statusCode(403);
        }

        // the supervisor changes a policy (audited) and puts it back
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(targets).put(SLA + "/policies/other/LOW").then().statusCode(200)
                .body("firstResponseMinutes", equalTo(120)).body("updatedBy", equalTo("Светлана Старшая"));
        assertTrue(audit.search(new AuditLog.Filter(null, "sla.policy", null, null, null), 0, 10).entries().stream()
                .anyMatch(e -> "other/LOW".equals(e.targetId) && Integer.valueOf(120).equals(e.details.get("firstResponse"))));
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("firstResponseMinutes", 960, "resolutionMinutes", 4800))
                .put(SLA + "/policies/other/LOW").then().statusCode(200);

        // bad input is refused with the field named, and nothing is written
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("firstResponseMinutes", 0, "resolutionMinutes", 600))
                .put(SLA + "/policies/other/LOW").then().statusCode(422).body("errors.field", hasItem("firstResponseMinutes"));
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("resolutionMinutes", 600))
                .put(SLA + "/policies/other/LOW").then().statusCode(422).body("errors.field", hasItem("firstResponseMinutes"));
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(targets).put(SLA + "/policies/praise/LOW").then().statusCode(404);
        given().auth().oauth2(supervisor).get(SLA + "/policies").then()
                .body("find { it.category == 'other' && it.priority == 'LOW' }.firstResponseMinutes", equalTo(960));
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("day", "2031-05-05", "name", " "))
                .post(SLA + "/calendar/holidays").then().statusCode(422).body("errors.field", hasItem("name"));
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("day", "2031-02-30", "name", "Нет такого дня"))
                .post(SLA + "/calendar/holidays").then().statusCode(422);
        given().auth().oauth2(supervisor).delete(SLA + "/calendar/holidays/not-a-day").then().statusCode(404);
        given().auth().oauth2(supervisor).delete(SLA + "/calendar/holidays/2031-05-06").then().statusCode(404)
                .body("code", equalTo("sla.holiday-not-found"));
        given().auth().oauth2(supervisor).contentType(ContentType.JSON)
                .body(Map.of("hours", List.of(Map.of("weekday", 1, "opens", "18:00", "closes", "09:00"))))
                .put(SLA + "/calendar/hours").then().statusCode(422).body("errors.field", hasItem("hours[0].closes"));
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("hours", List.of()))
                .put(SLA + "/calendar/hours").then().statusCode(422).body("errors.field", hasItem("hours"));
        given().auth().oauth2(supervisor).get(SLA + "/calendar").then().body("hours.size()", equalTo(5));

        // a six-day week, then back to Monday–Friday 09:00–18:00
        List<Map<String, Object>> six = new java.util.ArrayList<>();
        for (int d = 1; d <= 6; d++) {
            six.add(Map.of("weekday", d, "opens", "09:00", "closes", d == 6 ? "24:00" : "18:00"));
        }
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("hours", six)).put(SLA + "/calendar/hours")
                .then().statusCode(200).body("hours.size()", equalTo(6)).body("hours[5].closes", equalTo("24:00"));
        given().auth().oauth2(supervisor).contentType(ContentType.JSON).body(Map.of("hours", six.subList(0, 5))).put(SLA + "/calendar/hours")
                .then().statusCode(200).body("hours.size()", equalTo(5));
    }
}
