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
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances of the packaged app against one PostgreSQL, both running every job each second: threshold offers,
 * birthday bonuses and greetings, the outbox, the newsletter's drafts and the support desk's SLA escalations are each
 * done exactly once (runs after `package`, by failsafe).
 */
class TwoInstancesJobsIT {

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
        stack = DevStack.start(new DevStack.Options(Files.createTempDirectory("coalition-2x"), false, urlA,
                DevStack.freePort(), DevStack.freePort(), DevStack.freePort(), DevStack.freePort(), false));
        Map<String, String> jobsEverySecond = Map.of("COALITION_JOBS_OFFERS_EVERY", "1s", "COALITION_JOBS_BIRTHDAYS_EVERY", "1s",
                "COALITION_JOBS_TIERS_EVERY", "1s", "COALITION_JOBS_DELAY", "1s", "COALITION_OUTBOX_EVERY", "1s",
                "COALITION_REGISTRATION_LIMIT", "1000", "QUARKUS_LOG_CONSOLE_LEVEL", "WARN",
                // the newsletter's drafting job every second, with every issue of the coming week due for drafting
                "COALITION_MAILINGS_NEWSLETTER_EVERY", "1s", "COALITION_MAILINGS_NEWSLETTER_DRAFT_AHEAD", "P8D",
                "COALITION_SLA_EVERY", "1s");
        Path project = DevStack.projectDir();
        int managementA = DevStack.freePort();
        int managementB = DevStack.freePort();
        apps.add(DemoLauncher.startApp(project, stack, urlA, portA, managementA, jobsEverySecond));
        apps.add(DemoLauncher.startApp(project, stack, urlB, portB, managementB, jobsEverySecond));
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

    static String token(Map<String, String> form) {
        return token(form, stack.keycloak.realmUrl());
    }

    /** The packaged app in production: the API document stays on the public port for partners' developers. */
    @Test
    void theApiDocumentIsOnThePublicPortInProduction() {
        given().get(urlA + "/q/openapi?format=json").then().statusCode(200)
                .body("paths.keySet()", org.hamcrest.Matchers.hasItem("/api/v1/purchases"));
    }

    @Test
    void everyJobDoesItsWorkOnceThoughBothInstancesRunIt() throws Exception {
        String kit = token(Map.of("grant_type", "client_credentials", "client_id", "kit-media-pos", "client_secret", "kit-media-pos-secret"));
        String dealer = token(Map.of("grant_type", "client_credentials", "client_id", "avto-drive-pos", "client_secret", "avto-drive-pos-secret"));
        String operator = token(Map.of("grant_type", "password", "client_id", "coalition-mobile", "username", "operator", "password", "demo1234"));
        LocalDate birthday = LocalDate.now(ZoneId.of("Europe/Moscow")).minusYears(30);
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String phone = "+7940000000" + i;
            // a client naming its own address: no proxy is trusted by default, so the throttles and the consent record
            // see the connecting address
            String card = given().baseUri(i % 2 == 0 ? urlA : urlB).contentType(ContentType.JSON).header("X-Forwarded-For", "203.0.113." + i).body("""
                    {"lastName":"Двойная","firstName":"Проверка","phone":"%s","email":"twice%d@example.org","birthDate":"%s",
                     "gender":"female","city":"Смоленск","socialStatus":"employed","incomeBracket":"50-100k","preferredChannel":"email",
                     "consents":{"personalData":true,"marketingEmail":true,"marketingSms":false}}""".formatted(phone, i, birthday))
                    .post("/api/v1/members").then().statusCode(201).extract().path("cardNumber");
            cards.add(card);
            given().baseUri(urlB).auth().oauth2(dealer).contentType(ContentType.JSON)
                    .body(Map.of("receiptId", "TWICE-" + i, "occurredAt", OffsetDateTime.now().minusMinutes(1).toString(),
                            "member", Map.of("cardNumber", card), "lines", List.of(Map.of("sku", "TO", "amount", "1000.00", "category", "service"))))
                    .post("/api/v1/purchases").then().statusCode(201);
            given().baseUri(urlA).auth().oauth2(operator).contentType(ContentType.JSON)
                    .body(Map.of("cardNumber", card, "wallet", "kit-media", "points", 30000, "reason", "проверка двух экземпляров"))
                    .post("/api/v1/operator/ledger/adjustments").then().statusCode(201);
        }

        for (int i = 0; i < 3; i++) {
            String email = "twice" + i + "@example.org";
            await().atMost(Duration.ofSeconds(60)).until(() -> mails(email, "подарочная карта") == 1 && mails(email, "днём рождения") == 1);
        }
        // let both instances run every job a few more times
        await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(7)).until(() -> true);
        for (int i = 0; i < 3; i++) {
            String email = "twice" + i + "@example.org";
            assertEquals(1, mails(email, "подарочная карта"), "one offer notice for " + email);
            assertEquals(1, mails(email, "днём рождения"), "one birthday greeting for " + email);
            String card = cards.get(i);
            given().baseUri(i % 2 == 0 ? urlA : urlB).auth().oauth2(kit).get("/api/v1/members/{c}/offers", card)
                    .then().statusCode(200).body("size()", equalTo(1));
            // the birthday bonus (1 000) is the only active entry at the dealer; the purchase's points are pending
            given().baseUri(urlB).auth().oauth2(dealer).get("/api/v1/members/{c}/wallet", card)
                    .then().statusCode(200).body("active", equalTo(1000));
        }
        given().baseUri(urlA).auth().oauth2(operator).get("/api/v1/operator/ledger/audit").then().statusCode(200)
                .body("breaches.size()", equalTo(0));
        try (var db = db();
             var rs = db.createStatement().executeQuery("select distinct c.client_address from consent c join member m on m.id = c.member_id"
                     + " where m.email like 'twice%@example.org'")) {
            List<String> addresses = new ArrayList<>();
            while (rs.next()) {
                addresses.add(rs.getString(1));
            }
            assertFalse(addresses.isEmpty());
            assertTrue(addresses.stream().noneMatch(a -> a.startsWith("203.0.113.")),
                    "X-Forwarded-For from an untrusted client is ignored: " + addresses);
        }
        assertTrue(stack.mail.getReceivedMessages().length >= 9);
    }

    /** Both instances draft the newsletter's issues every second: each slot of the coming week gets one issue. */
    @Test
    void theNewslettersIssueOfEachSlotIsDraftedOnceByTwoInstances() throws Exception {
        // Tuesday and Friday 10:00: two slots in any 8 days (three when the 8 days start and end on a slot's day)
        try (var db = db()) {
            await().atMost(Duration.ofSeconds(60)).until(() -> count(db, "select count(*) from campaign where kind = 'NEWSLETTER'") >= 2);
            // let both instances run the job a few more times
            await().pollDelay(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6)).until(() -> true);
            long issues = count(db, "select count(*) from campaign where kind = 'NEWSLETTER'");
            long slots = count(db, "select count(distinct newsletter_slot) from campaign where kind = 'NEWSLETTER'");
            assertEquals(slots, issues, "one issue per slot");
            assertTrue(issues >= 2 && issues <= 3, issues + " issues in 8 days");
            assertEquals(0, count(db, "select count(*) from campaign where kind = 'NEWSLETTER' and status <> 'DRAFT'"),
                    "an issue waits for the mailing manager's approval");
        }
    }

    static long count(java.sql.Connection db, String sql) throws java.sql.SQLException {
        try (var rs = db.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Both instances cache partners and program versions; a change committed anywhere (here by hand in the database,
     * as any instance's console or loader commits it) reaches the other instance's cache within a second.
     */
    @Test
    void aProgramChangeTakesEffectOnTheOtherInstanceWithinASecond() throws Exception {
        String till = token(Map.of("grant_type", "client_credentials", "client_id", "smol-neft-pos", "client_secret", "smol-neft-pos-secret"));
        String card = given().baseUri(urlA).contentType(ContentType.JSON).body("""
                {"lastName":"Кэш","firstName":"Проверка","phone":"+79400000099","email":"cache@example.org","birthDate":"1990-05-05",
                 "gender":"male","city":"Смоленск","socialStatus":"employed","incomeBracket":"50-100k","preferredChannel":"email",
                 "consents":{"personalData":true,"marketingEmail":false,"marketingSms":false}}""")
                .post("/api/v1/members").then().statusCode(201).extract().path("cardNumber");
        java.util.concurrent.atomic.AtomicInteger receipts = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<io.restassured.response.Response> post = () -> given().baseUri(urlB).auth().oauth2(till)
                .contentType(ContentType.JSON).body(Map.of("receiptId", "CACHE-" + receipts.incrementAndGet(),
                        "occurredAt", OffsetDateTime.now().minusSeconds(1).toString(), "member", Map.of("cardNumber", card),
                        "lines", List.of(Map.of("sku", "FUEL", "amount", "2000.00", "category", "fuel"))))
                .post("/api/v1/purchases");
        // smol-neft: 1 point per 20 roubles, so 100 points (and the welcome bonus of 100 on the first receipt)
        post.get().then().statusCode(201).body("breakdown.accrual", equalTo(100));
        post.get().then().statusCode(201).body("breakdown.accrual", equalTo(100));

        try (var db = db()) {
            // a version in force from today that pays 1 point per 10 roubles
            try (var s = db.prepareStatement("insert into program_version (partner_id, effective_from, definition, checksum, created_at)"
                    + " select partner_id, ?, jsonb_set(definition, '{earn,perRubles}', '\"10.00\"'), 'cache-test', now()"
                    + " from program_version where partner_id = (select id from partner where slug = 'smol-neft')"
                    + " order by effective_from desc limit 1")) {
                s.setObject(1, LocalDate.now(ZoneId.of("Europe/Moscow")));
                assertEquals(1, s.executeUpdate());
            }
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                    .until(() -> post.get().then().statusCode(201).extract().<Integer>path("breakdown.accrual") == 200);

            db.createStatement().executeUpdate("update partner set status = 'SUSPENDED' where slug = 'smol-neft'");
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() -> post.get().statusCode() == 403);
            db.createStatement().executeUpdate("update partner set status = 'ACTIVE' where slug = 'smol-neft'");
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() -> post.get().statusCode() == 201);
        }
    }

    /**
     * A revocation committed anywhere (here: by hand, as a DBA would) reaches the other instance's cache of people
     * found not revoked within a second: the member's next request there is refused.
     */
    @Test
    void aRevocationTakesEffectOnTheOtherInstanceWithinASecond() throws Exception {
        String member = member("+79400000098", "Revoke-pass-1");
        String id = keycloakId("79400000098");
        // instance B finds the member not revoked, and keeps that
        given().baseUri(urlB).auth().oauth2(member).get("/api/v1/me/wallets").then().statusCode(200);
        given().baseUri(urlB).auth().oauth2(member).get("/api/v1/me/wallets").then().statusCode(200);
        try (var db = db();
             var s = db.prepareStatement("insert into revoked_subject (subject, revoked_at, reason) values (?, now(), 'test')")) {
            s.setString(1, id);
            assertEquals(1, s.executeUpdate());
        }
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50))
                .until(() -> given().baseUri(urlB).auth().oauth2(member).get("/api/v1/me/wallets").statusCode() == 401);
    }

    /**
     * The SLA job on both instances: a breached ticket is escalated to the supervisor exactly once (one escalation, one
     * assignment, one notice, one e-mail), however the two race for it. The packaged app keeps the system clock, so time
     * is moved the other way round: the tickets' due moments are set in the past in the database, as if their business
     * hours had passed.
     */
    @Test
    void aBreachIsEscalatedExactlyOnceThoughBothInstancesRunTheJob() throws Exception {
        String member = member("+79400000077", "Sla-pass-1");
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

    /** A member who can sign in: registered on instance A, then given a password through Keycloak's admin API. */
    static String member(String phone, String password) {
        String username = phone.substring(1);
        given().baseUri(urlA).contentType(ContentType.JSON).body("""
                {"lastName":"Двойной","firstName":"Проверка","phone":"%s","email":"m%s@example.org","birthDate":"1990-05-05",
                 "gender":"male","city":"Смоленск","socialStatus":"employed","incomeBracket":"50-100k","preferredChannel":"email",
                 "consents":{"personalData":true,"marketingEmail":false,"marketingSms":false}}""".formatted(phone, username))
                .post("/api/v1/members").then().statusCode(201);
        given().auth().oauth2(keycloakAdmin()).contentType(ContentType.JSON)
                .body(Map.of("type", "password", "value", password, "temporary", false))
                .put(stack.keycloak.baseUrl() + "/admin/realms/coalition/users/" + keycloakId(username) + "/reset-password")
                .then().statusCode(204);
        return token(Map.of("grant_type", "password", "client_id", "coalition-mobile", "username", username, "password", password));
    }

    static String keycloakAdmin() {
        return token(Map.of("grant_type", "password", "client_id", "admin-cli", "username", EmbeddedKeycloak.ADMIN_USER,
                "password", EmbeddedKeycloak.ADMIN_PASSWORD), stack.keycloak.baseUrl() + "/realms/master");
    }

    static String keycloakId(String username) {
        return given().auth().oauth2(keycloakAdmin()).queryParam("exact", true).queryParam("username", username)
                .get(stack.keycloak.baseUrl() + "/admin/realms/coalition/users").then().statusCode(200).extract().path("[0].id");
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
