package ru.coalition.devstack;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Inbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances of the packaged app against one PostgreSQL, both running the SLA job every second: a breached ticket is
 * escalated to the supervisor exactly once (one escalation, one assignment, one notice, one e-mail), however the two
 * race for it (runs after `package`, by failsafe). The packaged app keeps the system clock, so time is moved the other
 * way round: the tickets' due moments are set in the past in the database, as if their business hours had passed.
 */
class SlaTwoInstancesIT {

    static DevStack stack;
    static final List<Process> apps = new ArrayList<>();
    static String urlA;
    static String urlB;

    @BeforeAll
    static void start() throws Exception {
        int portA = DevStack.freePort();
        int portB = DevStack.freePort();
        urlA = "http://localhost:" + portA;
        urlB = "http://localhost:" + portB;
        stack = DevStack.start(new DevStack.Options(Files.createTempDirectory("coalition-sla-2x"), false, urlA,
                DevStack.freePort(), DevStack.freePort(), DevStack.freePort(), DevStack.freePort(), false));
        Map<String, String> slaEverySecond = Map.of("COALITION_SLA_EVERY", "1s", "COALITION_JOBS_DELAY", "1s",
                "COALITION_OUTBOX_EVERY", "1s", "COALITION_REGISTRATION_LIMIT", "1000", "QUARKUS_LOG_CONSOLE_LEVEL", "WARN");
        Path project = DevStack.projectDir();
        int managementA = DevStack.freePort();
        int managementB = DevStack.freePort();
        apps.add(DemoLauncher.startApp(project, stack, urlA, portA, managementA, slaEverySecond));
        apps.add(DemoLauncher.startApp(project, stack, urlB, portB, managementB, slaEverySecond));
        DemoLauncher.awaitReady(managementA, apps.get(0));
        DemoLauncher.awaitReady(managementB, apps.get(1));
    }

    @AfterAll
    static void stop() {
        apps.forEach(Processes::stopTree);
        if (stack != null) {
            stack.close();
        }
    }

    static Connection db() throws Exception {
        return DriverManager.getConnection(stack.postgres.jdbcUrl("coalition"), EmbeddedPostgres.USER, EmbeddedPostgres.PASSWORD);
    }

    static long count(String sql, String ticketId) throws Exception {
        try (Connection db = db(); var s = db.prepareStatement(sql)) {
            s.setObject(1, java.util.UUID.fromString(ticketId));
            try (var rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A member who can sign in: registered on instance A, then given a password through Keycloak's admin API. */
    static String member(String phone) {
        given().baseUri(urlA).contentType(ContentType.JSON).body("""
                {"lastName":"Сроков","firstName":"Проверка","phone":"%s","email":"sla%s@example.org","birthDate":"1990-05-05",
                 "gender":"male","city":"Смоленск","socialStatus":"employed","incomeBracket":"50-100k","preferredChannel":"email",
                 "consents":{"personalData":true,"marketingEmail":false,"marketingSms":false}}""".formatted(phone, phone.substring(1)))
                .post("/api/v1/members").then().statusCode(201);
        String username = phone.substring(1);
        String admin = token(Map.of("grant_type", "password", "client_id", "admin-cli", "username", EmbeddedKeycloak.ADMIN_USER,
                "password", EmbeddedKeycloak.ADMIN_PASSWORD), stack.keycloak.baseUrl() + "/realms/master");
        String id = given().auth().oauth2(admin).queryParam("exact", true).queryParam("username", username)
                .get(stack.keycloak.baseUrl() + "/admin/realms/coalition/users").then().statusCode(200).extract().path("[0].id");
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("type", "password", "value", "Sla-pass-1", "temporary", false))
                .put(stack.keycloak.baseUrl() + "/admin/realms/coalition/users/" + id + "/reset-password").then().statusCode(204);
        return token(Map.of("grant_type", "password", "client_id", "coalition-mobile", "username", username,
                "password", "Sla-pass-1"), stack.keycloak.realmUrl());
    }

    @Test
    void aBreachIsEscalatedExactlyOnceThoughBothInstancesRunTheJob() throws Exception {
        String member = member("+79400000077");
        String support = token(Map.of("grant_type", "password", "client_id", "coalition-mobile", "username", "support",
                "password", "demo1234"));
        List<String> tickets = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var opened = given().baseUri(i % 2 == 0 ? urlA : urlB).auth().oauth2(member).contentType(ContentType.JSON)
                    .body(Map.of("subject", "Рекламация " + i, "body", "Не начислили баллы.", "category", "complaint"))
                    .post("/api/v1/me/tickets").then().statusCode(201).extract();
            tickets.add(opened.path("ticketId"));
            numbers.add(opened.path("number"));
            given().baseUri(urlB).auth().oauth2(support).post("/api/v1/operator/tickets/{id}/assign-to-me", tickets.get(i)).then().statusCode(200);
        }
        // the three business hours of the first answer have passed (the resolution is still far)
        try (Connection db = db(); var s = db.prepareStatement("update support_ticket set first_response_risk_at = now() - interval '20 minutes',"
                + " first_response_due_at = now() - interval '1 minute' where public_id = any (?)")) {
            s.setArray(1, db.createArrayOf("uuid", tickets.stream().map(java.util.UUID::fromString).toArray()));
            assertEquals(4, s.executeUpdate());
        }
        for (String id : tickets) {
            await().atMost(Duration.ofSeconds(30)).until(() -> count("select count(*) from support_ticket where public_id = ? and escalated_at is not null", id) == 1);
        }
        // both instances go on running the job for a while
        await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(() -> true);

        String supervisor = token(Map.of("grant_type", "password", "client_id", "coalition-mobile", "username", "supervisor",
                "password", "demo1234"));
        given().baseUri(urlA).auth().oauth2(supervisor).get("/api/v1/operator/notices").then().statusCode(200)
                .body("ticketId", org.hamcrest.Matchers.hasItems(tickets.toArray()));
        for (int i = 0; i < tickets.size(); i++) {
            String id = tickets.get(i);
            String events = "select count(*) from support_event e join support_ticket t on t.id = e.ticket_id where t.public_id = ? and e.action = ";
            assertEquals(1, count(events + "'escalated'", id), "one escalation of " + numbers.get(i));
            assertEquals(1, count(events + "'breached'", id), "one breach of " + numbers.get(i));
            assertEquals(1, count(events + "'assigned' and e.actor = 'SLA'", id), "one assignment to the supervisor of " + numbers.get(i));
            String notices = "select count(*) from support_notice n join support_ticket t on t.id = n.ticket_id where t.public_id = ? and n.kind = ";
            assertEquals(1, count(notices + "'escalated'", id), "one escalation notice of " + numbers.get(i));
            assertEquals(1, count(notices + "'breached'", id), "one breach notice to the agent of " + numbers.get(i));
            given().baseUri(urlB).auth().oauth2(supervisor).get("/api/v1/operator/tickets/{id}", id).then().statusCode(200)
                    .body("ticket.escalatedAt", org.hamcrest.Matchers.notNullValue())
                    .body("history.findAll { it.action == 'escalated' }.size()", org.hamcrest.Matchers.equalTo(1));
            String number = numbers.get(i);
            await().atMost(Duration.ofSeconds(20)).until(() -> mails("supervisor@demo.coalition.local", number) >= 1);
            assertEquals(1, mails("supervisor@demo.coalition.local", number), "one e-mail to the supervisor about " + number);
        }
        // every escalated ticket is in the supervisor's queue, ahead of the rest
        List<String> queue = given().baseUri(urlA).auth().oauth2(supervisor).get("/api/v1/operator/tickets").then().statusCode(200)
                .extract().jsonPath().getList("ticketId");
        assertEquals(new java.util.HashSet<>(tickets), new java.util.HashSet<>(queue.subList(0, tickets.size())));
    }

    static String token(Map<String, String> form) {
        return token(form, stack.keycloak.realmUrl());
    }

    static String token(Map<String, String> form, String realmUrl) {
        return given().formParams(form).post(realmUrl + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
    }

    static long mails(String to, String subjectPart) {
        return Arrays.stream(stack.mail.getReceivedMessages()).filter(m -> Inbox.recipient(m).equals(to) && Inbox.subject(m).contains(subjectPart)).count();
    }

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }
}
