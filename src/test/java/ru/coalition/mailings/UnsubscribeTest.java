package ru.coalition.mailings;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.members.Consent;
import ru.coalition.members.MemberConsents;
import ru.coalition.members.MemberService;
import ru.coalition.members.MemberSettings;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Unsubscribing (issue 12 §2): the one-click POST of RFC 8058 without cookies withdraws the link's consent at once and
 * answers 200 without a redirect; the page's choices; tampered tokens change nothing; the mailto: half; an SMS STOP
 * through the gateway's webhook; and the campaign's count of unsubscribes.
 */
@QuarkusTest
class UnsubscribeTest {

    @Inject
    UnsubscribeLinks links;

    @Inject
    Unsubscribes unsubscribes;

    @Inject
    MemberConsents consents;

    @Inject
    MemberService members;

    @Inject
    MemberSettings settings;

    @Inject
    SmsOptOut smsOptOut;

    @Test
    void oneClickPostWithoutCookiesWithdrawsAtOnceAndTamperedTokensChangeNothing() {
        long seed = Long.getLong("unsubscribe.seed", System.nanoTime());
        System.out.println("UnsubscribeTest seed: " + seed + " (rerun with -Dunsubscribe.seed=" + seed + ")");
        Random random = new Random(seed);
        TestMember t = TestMembers.register();
        long id = members.byCard(t.cardNumber()).orElseThrow().id;
        long campaign = 900_000_000L + random.nextInt(1_000_000);
        String token = links.token(id, campaign, Consent.Kind.MARKETING_EMAIL);
        assertTrue(consents.granted(id, Consent.Kind.MARKETING_EMAIL));

        // every tampered form of the token: one character changed, cut short, another member's id in a valid-looking body
        char[] chars = token.toCharArray();
        int at = random.nextInt(chars.length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[7] ^= 1;
        for (String forged : List.of(new String(chars), token.substring(0, token.length() - 2),
                Base64.getUrlEncoder().withoutPadding().encodeToString(raw), "not-a-token")) {
            given().redirects().follow(false).contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                    .post("/u/" + forged).then().statusCode(404);
            given().get("/u/" + forged).then().statusCode(404).body(containsString("unsubscribe-invalid"));
        }
        assertTrue(consents.granted(id, Consent.Kind.MARKETING_EMAIL), "no forged token changed anything");

        // GET shows the choices and changes nothing (a mail scanner follows links)
        given().get("/u/" + token).then().statusCode(200).body(containsString("unsubscribe-this"))
                .body(containsString("unsubscribe-all"));
        assertTrue(consents.granted(id, Consent.Kind.MARKETING_EMAIL));

        // the mail app's one-click POST: no cookies, no form token, no redirect
        given().redirects().follow(false).contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click")
                .header("Origin", "https://mail.example.com")
                .post("/u/" + token).then().statusCode(200).body(containsString("id=\"unsubscribed\""));
        assertFalse(consents.granted(id, Consent.Kind.MARKETING_EMAIL), "withdrawn at once");
        assertTrue(consents.granted(id, Consent.Kind.SERVICE_EMAIL), "only the link's consent");
        var last = settings.consents(id).history().getLast();
        assertEquals("marketingEmail", last.consent());
        assertEquals("unsubscribe:one-click:campaign=" + campaign, last.source());
        assertEquals(1, unsubscribes.countByCampaign(campaign));

        // a second click changes nothing more and counts the member once
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").post("/u/" + token).then().statusCode(200);
        assertEquals(1, unsubscribes.countByCampaign(campaign));
        assertEquals(0, unsubscribes.countByCampaign(campaign + 1));
    }

    @Test
    void thePagesChoicesAndTheMailtoHalf() {
        TestMember t = TestMembers.register();
        long id = members.byCard(t.cardNumber()).orElseThrow().id;
        String token = Tokens.user(t.email(), TestMembers.PASSWORD);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("marketingSms", true, "partnerOffersEmail", true))
                .put("/api/v1/me/consents").then().statusCode(200);

        long campaign = 800_000_000L + new Random().nextInt(1_000_000);
        System.out.println("UnsubscribeTest campaign: " + campaign);
        String link = links.token(id, campaign, Consent.Kind.PARTNER_OFFERS_EMAIL);
        given().contentType(ContentType.URLENC).formParam("choice", "keep").post("/u/" + link).then().statusCode(200)
                .body(containsString("data-done=\"KEPT\""));
        assertTrue(consents.granted(id, Consent.Kind.PARTNER_OFFERS_EMAIL));
        given().contentType(ContentType.URLENC).formParam("choice", "nonsense").post("/u/" + link).then().statusCode(422);
        given().contentType(ContentType.URLENC).formParam("choice", "all").post("/u/" + link).then().statusCode(200)
                .body(containsString("data-done=\"ALL\""));
        for (Consent.Kind k : List.of(Consent.Kind.MARKETING_EMAIL, Consent.Kind.MARKETING_SMS, Consent.Kind.PARTNER_OFFERS_EMAIL,
                Consent.Kind.PARTNER_OFFERS_SMS)) {
            assertFalse(consents.granted(id, k), k + " withdrawn by 'all marketing'");
        }
        assertTrue(consents.granted(id, Consent.Kind.SERVICE_EMAIL), "service notices are not marketing");
        assertEquals(1, unsubscribes.countByCampaign(campaign), "one member, however many consents");

        // the mailto: half: "unsubscribe TOKEN", also as a reply
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("marketingEmail", true))
                .put("/api/v1/me/consents").then().statusCode(200);
        String mailLink = links.token(id, campaign + 1, Consent.Kind.MARKETING_EMAIL);
        assertFalse(unsubscribes.byMail("unsubscribe " + mailLink + "x", t.email()));
        assertFalse(unsubscribes.byMail("please unsubscribe " + mailLink, t.email()));
        assertTrue(consents.granted(id, Consent.Kind.MARKETING_EMAIL));
        assertTrue(unsubscribes.byMail("Re: unsubscribe " + mailLink, t.email()));
        assertFalse(consents.granted(id, Consent.Kind.MARKETING_EMAIL));
        assertEquals("unsubscribe:mailto:campaign=" + (campaign + 1), settings.consents(id).history().getLast().source());
        assertEquals(1, unsubscribes.countByCampaign(campaign + 1));
    }

    @Test
    void anSmsStopFromTheGatewayWithdrawsTheMarketingSmsConsents() {
        TestMember t = TestMembers.register("sms", null, "1990-05-17");
        long id = members.byCard(t.cardNumber()).orElseThrow().id;
        given().auth().oauth2(Tokens.user(t.email(), TestMembers.PASSWORD)).contentType(ContentType.JSON)
                .body(Map.of("marketingSms", true, "partnerOffersSms", true)).put("/api/v1/me/consents").then().statusCode(200);
        assertTrue(smsOptOut.footer("ru").contains("STOP") && smsOptOut.footer("ru").length() <= 30, smsOptOut.footer("ru"));
        assertTrue(smsOptOut.footer("en").startsWith("Opt out"), smsOptOut.footer("en"));

        Map<String, String> stop = Map.of("from", "8" + t.phone().substring(2), "text", " стоп ", "to", "3443", "id", "in-1");
        // without the secret, or with a wrong one: refused, nothing changes
        given().contentType(ContentType.JSON).body(stop).post("/api/v1/sms/inbound").then().statusCode(401);
        given().header("X-Webhook-Secret", "test-sms-inbound-secreT").contentType(ContentType.JSON).body(stop)
                .post("/api/v1/sms/inbound").then().statusCode(401);
        assertTrue(consents.granted(id, Consent.Kind.MARKETING_SMS));
        // any other text changes nothing
        given().header("X-Webhook-Secret", "test-sms-inbound-secret").contentType(ContentType.JSON)
                .body(Map.of("from", t.phone(), "text", "Stop sending me the bill please")).post("/api/v1/sms/inbound")
                .then().statusCode(200).body("received", equalTo(true));
        assertTrue(consents.granted(id, Consent.Kind.MARKETING_SMS));
        // an unknown phone: the same answer, nothing done
        given().header("X-Webhook-Secret", "test-sms-inbound-secret").contentType(ContentType.JSON)
                .body(Map.of("from", "+79990000001", "text", "STOP")).post("/api/v1/sms/inbound")
                .then().statusCode(200).body("received", equalTo(true));

        given().header("X-Webhook-Secret", "test-sms-inbound-secret").contentType(ContentType.JSON).body(stop)
                .post("/api/v1/sms/inbound").then().statusCode(200).body("received", equalTo(true))
                .body(not(containsString(t.phone())));
        assertFalse(consents.granted(id, Consent.Kind.MARKETING_SMS));
        assertFalse(consents.granted(id, Consent.Kind.PARTNER_OFFERS_SMS));
        assertTrue(consents.granted(id, Consent.Kind.MARKETING_EMAIL), "e-mail consents stay");
        assertTrue(consents.granted(id, Consent.Kind.SERVICE_SMS), "service notices are not marketing");
        var last = settings.consents(id).history().getLast();
        assertEquals("sms-stop", last.source());
        assertEquals(t.phone(), last.address());
    }
}
