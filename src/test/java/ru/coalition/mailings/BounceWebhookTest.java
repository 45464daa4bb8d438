package ru.coalition.mailings;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.devstack.DevStack;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;

import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ESP's bounce webhook (issue 12 §6): its shared secret, its validation, and what a notice records. */
@QuarkusTest
class BounceWebhookTest {

    static final String WEBHOOK = "/api/v1/mail/bounces";

    @Inject
    Suppressions suppressions;

    @Inject
    Bounces bounces;

    @Inject
    EntityManager em;

    static Map<String, Object> notice(String type, String recipient) {
        Map<String, Object> n = new HashMap<>();
        n.put("id", "evt_" + UUID.randomUUID());
        n.put("type", type);
        n.put("recipient", recipient);
        return n;
    }

    static String address(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }

    static io.restassured.specification.RequestSpecification esp() {
        return given().header("X-Webhook-Secret", DevStack.BOUNCE_WEBHOOK_SECRET).contentType(ContentType.JSON);
    }

    @Test
    void withoutTheSecretNothingIsReadNorRecorded() {
        String to = address("nosecret");
        given().contentType(ContentType.JSON).body(notice("hard", to)).post(WEBHOOK).then().statusCode(401)
                .contentType("application/problem+json").body("code", equalTo("bounce.webhook-secret"));
        given().header("X-Webhook-Secret", DevStack.BOUNCE_WEBHOOK_SECRET + "x").contentType(ContentType.JSON).body(notice("hard", to))
                .post(WEBHOOK).then().statusCode(401).contentType("application/problem+json").body("code", equalTo("bounce.webhook-secret"));
        // the secret is checked before the body: a caller without it learns nothing about the body's rules
        given().header("X-Webhook-Secret", "wrong").contentType(ContentType.JSON).body("{not json").post(WEBHOOK).then().statusCode(401)
                .body("code", equalTo("bounce.webhook-secret"));
        // an empty secret is none
        given().header("X-Webhook-Secret", "").contentType(ContentType.JSON).body(notice("hard", to)).post(WEBHOOK).then().statusCode(401);
        assertTrue(suppressions.suppressed(List.of(to)).isEmpty());
    }

    @Test
    void aBadBodyIsRefusedWithItsFields() {
        esp().body("{\"id\": \"x\", ").post(WEBHOOK).then().statusCode(400).contentType("application/problem+json")
                .body("code", equalTo("malformed-json"));
        esp().body("").post(WEBHOOK).then().statusCode(422).contentType("application/problem+json");
        Map<String, Object> bad = new HashMap<>();
        bad.put("type", "bounced");
        bad.put("recipient", "not an address");
        bad.put("status", "550");
        esp().body(bad).post(WEBHOOK).then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("validation"))
                .body("errors.field", containsInAnyOrder("id", "type", "recipient", "status"));
        Map<String, Object> tooLong = notice("soft", address("long"));
        tooLong.put("diagnostic", "x".repeat(1001));
        esp().body(tooLong).post(WEBHOOK).then().statusCode(422).body("errors[0].field", equalTo("diagnostic"));
        Map<String, Object> wrongType = notice("hard", address("typed"));
        wrongType.put("status", 511);
        esp().body(wrongType).post(WEBHOOK).then().statusCode(422).contentType("application/problem+json");
    }

    @Test
    void aHardBounceSuppressesAtOnceAndARetryIsRecordedOnce() {
        var member = TestMembers.register();
        long memberId = ((Number) em.createNativeQuery("select id from member where lower(email) = lower(:e)")
                .setParameter("e", member.email()).getSingleResult()).longValue();
        long campaignId = 920_000_000L + (System.nanoTime() % 1_000_000);
        Map<String, Object> n = notice("hard", member.email().toUpperCase());
        n.put("status", "5.1.1");
        n.put("diagnostic", "550 5.1.1 user unknown");
        n.put("messageId", CampaignMessageIds.of(campaignId, memberId, "mail.coalition.local"));
        esp().body(n).post(WEBHOOK).then().statusCode(200).body("recorded", equalTo(true)).body("suppressed", equalTo(true));
        esp().body(n).post(WEBHOOK).then().statusCode(200).body("recorded", equalTo(false)).body("suppressed", equalTo(true));

        Object[] row = (Object[]) em.createNativeQuery("select kind, campaign_id, member_id, source, address from mail_bounce where report_id = :r")
                .setParameter("r", n.get("id")).getSingleResult();
        assertEquals("HARD", row[0]);
        assertEquals(campaignId, ((Number) row[1]).longValue());
        assertEquals(memberId, ((Number) row[2]).longValue());
        assertEquals("WEBHOOK", row[3]);
        assertEquals(member.email().toLowerCase(), row[4]);
        assertEquals(new Bounces.Counts(1, 0), bounces.countByCampaign(campaignId));
        assertEquals(List.of(member.email().toLowerCase()), List.copyOf(suppressions.suppressed(List.of(member.email()))));
    }

    @Test
    void aComplaintSuppressesAndAMemberIsFoundByAddressWhenTheMessageIdIsNotOurs() {
        var member = TestMembers.register();
        Map<String, Object> n = notice("complaint", member.email());
        n.put("messageId", "<" + UUID.randomUUID() + "@elsewhere.example>");
        esp().body(n).post(WEBHOOK).then().statusCode(200).body("suppressed", equalTo(true));
        Object[] row = (Object[]) em.createNativeQuery("select s.reason, b.member_id from email_suppression s join mail_bounce b"
                + " on b.address = s.address where s.address = lower(:a)").setParameter("a", member.email()).getSingleResult();
        assertEquals("COMPLAINT", row[0]);
        assertTrue(row[1] != null, "the member with that address");
    }

    @Test
    void softBouncesCountOnlyWithinTheirWindow() {
        MovableClock clock = MovableClock.installAt("2091-03-01T10:00:00+03:00");
        String to = address("window");
        esp().body(notice("soft", to)).post(WEBHOOK).then().statusCode(200).body("suppressed", equalTo(false));
        clock.move(Duration.ofDays(31));
        esp().body(notice("soft", to)).post(WEBHOOK).then().statusCode(200).body("suppressed", equalTo(false));
        clock.move(Duration.ofDays(1));
        esp().body(notice("soft", to)).post(WEBHOOK).then().statusCode(200)
                .body("suppressed", equalTo(false)).body("recorded", equalTo(true));
        clock.move(Duration.ofDays(1));
        // three within 30 days now (the first one is 33 days old)
        esp().body(notice("soft", to)).post(WEBHOOK).then().statusCode(200).body("suppressed", equalTo(true));
        assertEquals("REPEATED_SOFT", em.createNativeQuery("select reason from email_suppression where address = :a")
                .setParameter("a", to).getSingleResult());
    }

    @Test
    void liftingWhatIsNotSuppressedIsRefused() {
        String to = address("never");
        var e = org.junit.jupiter.api.Assertions.assertThrows(ru.coalition.platform.ProblemException.class, () -> suppressions.lift(to, "mailer"));
        assertEquals(ru.coalition.platform.ErrorCode.SUPPRESSION_NOT_FOUND, e.code());
        assertTrue(suppressions.suppress(to));
        assertTrue(!suppressions.suppress(to), "suppressed already");
        assertEquals("MANUAL", em.createNativeQuery("select reason from email_suppression where address = :a").setParameter("a", to)
                .getSingleResult());
        suppressions.lift(to, "mailer");
        assertTrue(suppressions.suppressed(List.of(to)).isEmpty());
    }
}
