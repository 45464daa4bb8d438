package ru.coalition.members;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.bonuses.BirthdayService;
import ru.coalition.messaging.OutboxMessage;
import ru.coalition.platform.Messages;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consent centre (issue 12 §1): six consents per purpose and channel through /api/v1/me/consents, every change a
 * history row with its address and wording version, the state in force (consent_state) moved in the same transaction,
 * the wording texts kept per version, and a service notice (the birthday greeting) not sent once serviceEmail is withdrawn.
 */
@QuarkusTest
class ConsentCentreTest {

    @Inject
    MemberConsents consents;

    @Inject
    MemberService members;

    @Inject
    ConsentWordings wordings;

    @Inject
    BirthdayService birthdays;

    @Inject
    EntityManager em;

    @Test
    void serviceConsentsAreGivenByDefaultAndEveryChangeIsAppendedWithItsAddressAndReadAtOnce() {
        TestMember t = TestMembers.register();
        String token = Tokens.user(t.email(), TestMembers.PASSWORD);
        long id = members.byCard(t.cardNumber()).orElseThrow().id;
        given().auth().oauth2(token).get("/api/v1/me/consents").then().statusCode(200)
                .body("serviceEmail", equalTo(true)).body("serviceSms", equalTo(true))
                .body("marketingEmail", equalTo(true)).body("partnerOffersSms", equalTo(false))
                .body("history", hasSize(3)).body("history[0].address", equalTo("127.0.0.1"));
        assertTrue(consents.granted(id, Consent.Kind.SERVICE_EMAIL), "in force while no decision is recorded");

        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("serviceEmail", false, "partnerOffersSms", true, "marketingEmail", true))
                .put("/api/v1/me/consents").then().statusCode(200)
                .body("serviceEmail", equalTo(false)).body("serviceSms", equalTo(true)).body("partnerOffersSms", equalTo(true))
                // marketingEmail was in force already: no row for it
                .body("history", hasSize(5))
                .body("history[3].consent", equalTo("partnerOffersSms")).body("history[4].consent", equalTo("serviceEmail"))
                .body("history[4].granted", equalTo(false)).body("history[4].source", equalTo("api"))
                .body("history[4].wording", equalTo(Consent.WORDING_VERSION)).body("history[4].address", equalTo("127.0.0.1"));

        // the sending engine's reads see the new state at once
        assertFalse(consents.granted(id, Consent.Kind.SERVICE_EMAIL));
        assertTrue(consents.granted(id, Consent.Kind.PARTNER_OFFERS_SMS));
        assertEquals(Set.of(), consents.grantedAmong(List.of(id), Consent.Kind.SERVICE_EMAIL));
        assertFalse(consents.recipients(List.of(id), Consent.Kind.SERVICE_EMAIL).get(id).granted());
        assertStateIsTheLatestDecision(id);

        // personal data stays out of this door; a withdrawn service consent can be given again
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("personalData", false))
                .put("/api/v1/me/consents").then().statusCode(422);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("serviceEmail", true))
                .put("/api/v1/me/consents").then().statusCode(200).body("serviceEmail", equalTo(true)).body("history", hasSize(6));
        assertTrue(consents.granted(id, Consent.Kind.SERVICE_EMAIL));
        assertStateIsTheLatestDecision(id);
    }

    @Test
    void everyConsentHasItsWordingKeptPerVersionAndTheRegistrationFormShowsThoseWords() {
        for (Consent.Kind k : Consent.Kind.values()) {
            for (String lang : List.of("ru", "en")) {
                assertNotNull(wordings.current(k, lang), k + " " + lang);
            }
        }
        // the questionnaire's check boxes say exactly what consent_wording proves for the current version
        for (String lang : List.of("ru", "en")) {
            var msg = Messages.of(Locale.of(lang));
            assertEquals(wordings.current(Consent.Kind.PERSONAL_DATA, lang), msg.consentLabel("text.personalData"));
            assertEquals(wordings.current(Consent.Kind.MARKETING_EMAIL, lang), msg.consentLabel("text.marketingEmail"));
            assertEquals(wordings.current(Consent.Kind.MARKETING_SMS, lang), msg.consentLabel("text.marketingSms"));
        }
    }

    @Test
    void theBirthdayGreetingIsAServiceNoticeAndHonoursAWithdrawnServiceEmail() {
        MovableClock clock = MovableClock.installAt("2093-03-10T10:00:00+03:00");
        TestMember refused = TestMembers.register("email", null, "1990-03-11");
        TestMember kept = TestMembers.register("email", null, "1991-03-11");
        for (TestMember m : List.of(refused, kept)) {
            given().auth().oauth2(Tokens.till("avto-drive")).contentType(ContentType.JSON)
                    .body(Map.of("receiptId", "CONSENT-BD-" + m.cardNumber(), "occurredAt", "2093-03-10T09:00:00+03:00",
                            "member", Map.of("cardNumber", m.cardNumber()),
                            "lines", List.of(Map.of("sku", "S-service", "amount", "1000.00", "category", "service"))))
                    .post("/api/v1/purchases").then().statusCode(201);
        }
        given().auth().oauth2(Tokens.user(refused.email(), TestMembers.PASSWORD)).contentType(ContentType.JSON)
                .body(Map.of("serviceEmail", false)).put("/api/v1/me/consents").then().statusCode(200);

        clock.set("2093-03-11T08:00:00+03:00");
        long partner = ru.coalition.partners.Partner.<ru.coalition.partners.Partner>find("slug", "avto-drive").firstResult().id;
        assertTrue(birthdays.run(partner) >= 2, "both get the birthday bonus: it is points, not a message");
        long refusedId = members.byCard(refused.cardNumber()).orElseThrow().id;
        long keptId = members.byCard(kept.cardNumber()).orElseThrow().id;
        assertEquals(0, greetings(refusedId), "no greeting once service e-mails are withdrawn");
        assertEquals(1, greetings(keptId), "the greeting goes while the consent is in force");
    }

    private long greetings(long memberId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("memberId = ?1 and kind = 'birthday.greeting'", memberId));
    }

    private void assertStateIsTheLatestDecision(long memberId) {
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("""
                    select s.kind, s.granted, l.granted from consent_state s
                    join (select distinct on (kind) kind, granted from consent where member_id = :m
                          order by kind, recorded_at desc, id desc) l on l.kind = s.kind
                    where s.member_id = :m""").setParameter("m", memberId).getResultList();
            assertFalse(rows.isEmpty());
            for (Object[] r : rows) {
                assertEquals(r[2], r[1], "consent_state of " + r[0]);
            }
            long kinds = ((Number) em.createNativeQuery("select count(distinct kind) from consent where member_id = :m")
                    .setParameter("m", memberId).getSingleResult()).longValue();
            assertEquals(kinds, rows.size(), "a state row for every kind decided");
        });
    }
}
