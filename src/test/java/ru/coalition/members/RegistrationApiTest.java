package ru.coalition.members;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.keycloak.admin.client.Keycloak;
import ru.coalition.devstack.SmsCatcher;
import ru.coalition.testing.DevStackTestResource;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.Tokens;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RegistrationApiTest {

    private static final AtomicLong PHONES = new AtomicLong(System.currentTimeMillis() % 10_000_000L);
    private static final Pattern PASSWORD = Pattern.compile("([A-Za-z0-9]{10})");

    @Inject
    Keycloak keycloak;

    static String uniquePhone() {
        return "+7910" + String.format("%07d", PHONES.incrementAndGet() % 10_000_000L);
    }

    static Map<String, Object> questionnaire(String phone, String email, String channel) {
        java.util.HashMap<String, Object> q = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("lastName", "Иванова"), Map.entry("firstName", "Мария"), Map.entry("phone", phone),
                Map.entry("birthDate", "1990-05-17"), Map.entry("gender", "female"),
                Map.entry("city", "Смоленск"), Map.entry("socialStatus", "employed"), Map.entry("incomeBracket", "50-100k"),
                Map.entry("preferredChannel", channel),
                Map.entry("consents", Map.of("personalData", true, "marketingEmail", email != null, "marketingSms", false))));
        q.put("email", email);
        return q;
    }

    @Test
    void registersByEmailAndTheMemberCanSignInAfterSettingAPassword() throws Exception {
        String phone = uniquePhone();
        String email = "maria" + phone.substring(1) + "@example.org";
        String card = given().contentType(ContentType.JSON).body(questionnaire(phone, email, "email"))
                .post("/api/v1/members")
                .then().statusCode(201).body("cardNumber", matchesPattern("7000\\d{12}"))
                .extract().path("cardNumber");
        assertTrue(CardNumbers.isValid(card), "card number has a valid check digit");

        assertTrue(Inbox.body(Inbox.awaitMailTo(email)).contains(card), "the mail names the card number");
        String password = Inbox.passwordMailedTo(email);

        // the temporary password must be changed first: Keycloak refuses a direct grant until then
        given().formParam("grant_type", "password").formParam("client_id", "coalition-mobile")
                .formParam("username", phone.substring(1)).formParam("password", password)
                .post(Tokens.tokenUrl()).then().statusCode(400).body("error_description", equalTo("Account is not fully set up"));

        String userId = keycloak.realm("coalition").users().searchByUsername(phone.substring(1), true).get(0).getId();
        keycloak.realm("coalition").users().get(userId).resetPassword(permanent("Secret-pass-1"));
        String token = Tokens.user(email, "Secret-pass-1");
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200)
                .body("cardNumber", equalTo(card)).body("phone", equalTo(phone)).body("email", equalTo(email))
                .body("consents.personalData", equalTo(true)).body("consents.marketingEmail", equalTo(true))
                .body("consents.marketingSms", equalTo(false));
    }

    @Test
    void registersBySmsThroughTheGateway() {
        String phone = uniquePhone();
        given().contentType(ContentType.JSON).body(questionnaire(phone, null, "sms")).post("/api/v1/members")
                .then().statusCode(201);
        SmsCatcher.Sms sms = Inbox.awaitSmsTo(phone);
        assertTrue(sms.text().contains(phone.substring(1)), "the SMS names the login");
        assertTrue(PASSWORD.matcher(sms.text()).find());
    }

    @Test
    void smsGatewayFailuresAreRetried() {
        String phone = uniquePhone();
        DevStackTestResource.stack().sms.failNext(1);
        given().contentType(ContentType.JSON).body(questionnaire(phone, null, "sms")).post("/api/v1/members").then().statusCode(201);
        Inbox.awaitSmsTo(phone);
    }

    @Test
    void invalidQuestionnaireIs422WithFieldErrorsAndLeavesNothingBehind() {
        String phone = uniquePhone();
        Map<String, Object> bad = questionnaire(phone, "not-an-email", "email");
        bad.put("consents", Map.of("personalData", false));
        bad.put("gender", "x");
        bad.remove("city");
        given().contentType(ContentType.JSON).body(bad).post("/api/v1/members")
                .then().statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("validation"))
                .body("errors.field", hasItems("email", "consents.personalData", "gender", "city"))
                .body("errors.find { it.field == 'consents.personalData' }.message",
                        equalTo("Без согласия на обработку персональных данных регистрация невозможна"));
        assertNothingLeftFor(phone);
    }

    @Test
    void crossFieldRulesAre422InEnglishWhenAsked() {
        String phone = uniquePhone();
        Map<String, Object> bad = questionnaire(phone, null, "email");
        bad.put("birthDate", "2999-01-01");
        given().contentType(ContentType.JSON).header("Accept-Language", "en").body(bad).post("/api/v1/members")
                .then().statusCode(422).body("title", equalTo("Check the data you entered"))
                .body("errors.field", hasItems("birthDate"));
        bad.put("birthDate", "1990-01-01");
        given().contentType(ContentType.JSON).header("Accept-Language", "en").body(bad).post("/api/v1/members")
                .then().statusCode(422).body("errors.field", hasItem("email"));
        assertNothingLeftFor(phone);
    }

    @Test
    void malformedBodiesAreProblems() {
        given().contentType(ContentType.JSON).body("{\"lastName\": ").post("/api/v1/members")
                .then().log().ifValidationFails().statusCode(400).contentType("application/problem+json").body("code", equalTo("malformed-json"));
        Map<String, Object> bad = questionnaire(uniquePhone(), null, "sms");
        bad.put("birthDate", "17.05.1990");
        given().contentType(ContentType.JSON).body(bad).post("/api/v1/members")
                .then().log().ifValidationFails().statusCode(422).body("errors.field", hasItem("birthDate"));
        given().contentType(ContentType.JSON).post("/api/v1/members").then().statusCode(422);
    }

    @Test
    void duplicatePhoneOrEmailIs409() {
        String phone = uniquePhone();
        String email = "dup" + phone.substring(1) + "@example.org";
        given().contentType(ContentType.JSON).body(questionnaire(phone, email, "email")).post("/api/v1/members").then().statusCode(201);
        given().contentType(ContentType.JSON).body(questionnaire(phone, "other" + email, "email")).post("/api/v1/members")
                .then().statusCode(409).body("code", equalTo("member.duplicate")).body("errors.field", hasItem("phone"));
        given().contentType(ContentType.JSON).body(questionnaire(uniquePhone(), email.toUpperCase(), "email")).post("/api/v1/members")
                .then().statusCode(409).body("errors.field", hasItem("email"));
    }

    @Test
    void referralCodeMustExist() {
        Map<String, Object> q = questionnaire(uniquePhone(), null, "sms");
        q.put("referralCode", "NOSUCH99");
        given().contentType(ContentType.JSON).body(q).post("/api/v1/members").then().statusCode(422)
                .body("errors.field", hasItem("referralCode"));
    }

    private void assertNothingLeftFor(String phone) {
        assertEquals(0, keycloak.realm("coalition").users().searchByUsername(phone.substring(1), true).size(), "no Keycloak user");
        assertEquals(0L, countMembers(phone), "no member row");
    }

    @jakarta.transaction.Transactional
    long countMembers(String phone) {
        return Member.count("phone", phone);
    }

    private static org.keycloak.representations.idm.CredentialRepresentation permanent(String password) {
        var c = new org.keycloak.representations.idm.CredentialRepresentation();
        c.setType("password");
        c.setValue(password);
        c.setTemporary(false);
        return c;
    }
}
