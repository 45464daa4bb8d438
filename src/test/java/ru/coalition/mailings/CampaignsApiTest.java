package ru.coalition.mailings;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.partners.PartnerService;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Campaigns from both sides (issue 12 §4): a partner asks, the mailing manager edits, rejects with a reason or approves
 * and schedules; another partner sees nothing of it; content that does not render is refused before it is scheduled;
 * the test send reaches the manager's own mailbox; the newsletter's issue is drafted once per slot however many ask.
 */
@QuarkusTest
class CampaignsApiTest {

    static final String MAILER = "mailer";
    static final String PASSWORD = "demo1234";

    @Inject
    PartnerService partners;

    @Inject
    Newsletters newsletters;

    static String mailer() {
        return Tokens.user(MAILER, PASSWORD);
    }

    long segmentOf(String slug, String name) {
        long partnerId = QuarkusTransaction.requiringNew().call(() -> partners.findBySlug(slug).orElseThrow().id);
        return QuarkusTransaction.requiringNew().call(() -> {
            Segment s = new Segment();
            s.partnerId = partnerId;
            s.name = name;
            s.definition = "{\"all\":[]}";
            s.createdBy = "test";
            s.createdAt = Instant.now();
            s.updatedAt = s.createdAt;
            s.persist();
            return s.id;
        });
    }

    static Map<String, Object> email(String name, Long segment) {
        Map<String, Object> d = new HashMap<>(Map.of("name", name, "channel", "EMAIL", "subjectRu", "{member.firstName}, скидка 20 %",
                "bodyRu", "Здравствуйте, {member.firstName}!\n\nСкидка **20 %** до конца месяца.", "wishedAt", "2030-01-15T07:00:00Z"));
        if (segment != null) {
            d.put("segmentId", segment);
        }
        return d;
    }

    @Test
    void aPartnersRequestIsApprovedOrRejectedByTheOperatorAndNobodyElseSeesIt() {
        String kit = Tokens.user("kit-media-admin", PASSWORD);
        String neft = Tokens.user("smol-neft-admin", PASSWORD);
        long kitSegment = segmentOf("kit-media", "Печать за 90 дней");
        long neftSegment = segmentOf("smol-neft", "Заправлялись в ноябре");

        // a partner may not target another partner's segment
        given().auth().oauth2(kit).contentType(ContentType.JSON).body(email("Чужой сегмент", neftSegment))
                .post("/api/v1/partner/campaigns").then().statusCode(422).body("errors.field", hasItem("segmentId"));

        int id = given().auth().oauth2(kit).contentType(ContentType.JSON).body(email("Визитки со скидкой", kitSegment))
                .post("/api/v1/partner/campaigns").then().statusCode(201)
                .body("status", equalTo("REQUESTED")).body("kind", equalTo("PARTNER")).extract().path("id");

        // another partner: not found, never forbidden; not in its list either
        given().auth().oauth2(neft).get("/api/v1/partner/campaigns/" + id).then().statusCode(404);
        given().auth().oauth2(neft).contentType(ContentType.JSON).body(email("x", neftSegment))
                .put("/api/v1/partner/campaigns/" + id).then().statusCode(404);
        given().auth().oauth2(neft).post("/api/v1/partner/campaigns/" + id + "/withdraw").then().statusCode(404);
        given().auth().oauth2(neft).get("/api/v1/partner/campaigns").then().statusCode(200).body("id", not(hasItem(id)));
        // neither partners nor members reach the operator's side
        given().auth().oauth2(kit).get("/api/v1/operator/campaigns").then().statusCode(403);
        given().auth().oauth2(TestMembers.register().token()).get("/api/v1/partner/campaigns").then().statusCode(403);

        // the operator sees it first in the list, edits it, refuses it with a reason the partner reads
        given().auth().oauth2(mailer()).get("/api/v1/operator/campaigns").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(mailer()).contentType(ContentType.JSON).body(Map.of()).post("/api/v1/operator/campaigns/" + id + "/reject")
                .then().statusCode(422).body("errors.field", hasItem("reason"));
        given().auth().oauth2(mailer()).contentType(ContentType.JSON).body(Map.of("reason", "Уточните срок акции"))
                .post("/api/v1/operator/campaigns/" + id + "/reject").then().statusCode(200).body("status", equalTo("REJECTED"));
        given().auth().oauth2(kit).get("/api/v1/partner/campaigns/" + id).then().statusCode(200)
                .body("status", equalTo("REJECTED")).body("rejectionReason", equalTo("Уточните срок акции"));
        given().auth().oauth2(kit).contentType(ContentType.JSON).body(email("Поздно", kitSegment))
                .put("/api/v1/partner/campaigns/" + id).then().statusCode(409);

        // a second request: the operator edits and approves it for the partner's wished time
        int second = given().auth().oauth2(kit).contentType(ContentType.JSON).body(email("Флаеры к празднику", kitSegment))
                .post("/api/v1/partner/campaigns").then().statusCode(201).extract().path("id");
        Map<String, Object> edited = email("Флаеры к празднику", kitSegment);
        edited.put("bodyRu", "Здравствуйте, {member.firstName}!\n\nФлаеры А5 — **скидка 15 %**.");
        given().auth().oauth2(mailer()).contentType(ContentType.JSON).body(edited).put("/api/v1/operator/campaigns/" + second)
                .then().statusCode(200).body("bodyRu", containsString("15 %")).body("kind", equalTo("PARTNER"));
        given().auth().oauth2(mailer()).contentType(ContentType.JSON).body(Map.of("at", "2030-01-15T07:00:00Z"))
                .post("/api/v1/operator/campaigns/" + second + "/schedule").then().statusCode(200)
                .body("status", equalTo("SCHEDULED")).body("scheduledAt", equalTo("2030-01-15T07:00:00Z"));
        given().auth().oauth2(kit).get("/api/v1/partner/campaigns/" + second).then().statusCode(200).body("status", equalTo("SCHEDULED"));
        // the partner can no longer withdraw it; the operator can take it back to a draft
        given().auth().oauth2(kit).post("/api/v1/partner/campaigns/" + second + "/withdraw").then().statusCode(409)
                .contentType("application/problem+json");
        given().auth().oauth2(mailer()).post("/api/v1/operator/campaigns/" + second + "/unschedule").then().statusCode(200)
                .body("status", equalTo("DRAFT")).body("scheduledAt", nullValue());
    }

    @Test
    void contentThatDoesNotRenderIsRefusedAndTheTestSendReachesTheManager() {
        int id = given().auth().oauth2(mailer()).contentType(ContentType.JSON)
                .body(Map.of("name", "Сломанный шаблон", "channel", "EMAIL", "subjectRu", "Тема", "bodyRu", "Здравствуйте, {member.firstName!"))
                .post("/api/v1/operator/campaigns").then().statusCode(201).body("kind", equalTo("OFFER")).extract().path("id");
        given().auth().oauth2(mailer()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/operator/campaigns/" + id + "/schedule").then().statusCode(422).body("errors.field", hasItem("bodyRu"));
        given().auth().oauth2(mailer()).contentType(ContentType.JSON)
                .body(Map.of("name", "Исправленный", "channel", "EMAIL", "subjectRu", "Новинки для вас, {member.firstName}",
                        "bodyRu", "Здравствуйте, {member.firstName}!\n\n[Каталог](https://example.org/catalog)"))
                .put("/api/v1/operator/campaigns/" + id).then().statusCode(200);
        given().auth().oauth2(mailer()).contentType(ContentType.JSON).body(Map.of("language", "ru"))
                .post("/api/v1/operator/campaigns/" + id + "/test").then().statusCode(202);
        var mail = Inbox.awaitMailTo("mailer@demo.coalition.local", "[TEST] Новинки для вас, Анна");
        assertTrue(Inbox.body(mail).contains("Здравствуйте, Анна!"), Inbox.body(mail));
        // bad input is a problem, never a 500
        given().auth().oauth2(mailer()).contentType(ContentType.JSON).body(Map.of("name", "x", "channel", "FAX"))
                .post("/api/v1/operator/campaigns").then().statusCode(422).body("errors.field", hasItem("channel"));
        given().auth().oauth2(mailer()).get("/api/v1/operator/campaigns/999999999").then().statusCode(404);
        given().auth().oauth2(Tokens.user("support", PASSWORD)).get("/api/v1/operator/campaigns").then().statusCode(403);
    }

    @Test
    void theNewslettersIssueIsDraftedOncePerSlotHoweverManyAskAtOnce() throws Exception {
        Instant slot = Instant.parse("2031-03-04T07:00:00Z"); // a Tuesday, 10:00 in Moscow
        List<Callable<Long>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(() -> newsletters.draftIssue(slot).id);
        }
        var pool = Executors.newFixedThreadPool(4);
        List<Long> ids = new ArrayList<>();
        for (Future<Long> f : pool.invokeAll(calls)) {
            ids.add(f.get());
        }
        pool.shutdown();
        assertEquals(1, ids.stream().distinct().count(), "one issue for the slot: " + ids);
        long id = ids.get(0);
        given().auth().oauth2(mailer()).get("/api/v1/operator/campaigns/" + id).then().statusCode(200)
                .body("kind", equalTo("NEWSLETTER")).body("status", equalTo("DRAFT"))
                .body("scheduledAt", equalTo("2031-03-04T07:00:00Z"))
                .body("bodyRu", containsString("{member.firstName}")).body("bodyRu", containsString("КИТ МЕДИА"))
                .body("bodyEn", containsString("Hello {member.firstName}"));
        // the slots: Tuesday and Friday 10:00 Moscow time within the horizon
        List<Instant> due = newsletters.slotsDue(Instant.parse("2031-03-03T08:00:00Z"));
        assertEquals(List.of(Instant.parse("2031-03-04T07:00:00Z")), due, "a day ahead: Tuesday's issue only");
        assertTrue(newsletters.slotsDue(Instant.parse("2031-03-04T07:00:00Z")).isEmpty(), "Friday's is more than a day away");
        assertEquals(Instant.parse("2031-03-07T07:00:00Z").truncatedTo(ChronoUnit.HOURS),
                newsletters.slotsDue(Instant.parse("2031-03-06T08:00:00Z")).get(0));
    }
}
