package ru.coalition.testing;

import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.CredentialRepresentation;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/** Members registered through the real API (and Keycloak), for tests that need someone to buy things. */
public final class TestMembers {

    private static final AtomicLong SEQ = new AtomicLong((System.currentTimeMillis() / 1000) % 1_000_000L * 10);
    public static final String PASSWORD = "Test-pass-1";

    public record TestMember(String memberId, String cardNumber, String phone, String email, String referralCode) {
        /** A member's access token; the first call makes the temporary password permanent. */
        public String token() {
            return Tokens.user(email, PASSWORD);
        }
    }

    private TestMembers() {
    }

    public static TestMember register() {
        return register("email", null, "1990-05-17");
    }

    /** Registers a member with the given channel ("email" or "sms"), referral code and birth date. */
    public static TestMember register(String channel, String referralCode, String birthDate) {
        return register(channel, referralCode, birthDate, "Смоленск");
    }

    /** A member of a town of the test's own, so that a count over the town counts only the test's members. */
    public static TestMember registerIn(String city) {
        return register("email", null, "1990-05-17", city);
    }

    /**
     * Registers a member with the questionnaire answers given (birthDate, gender, city, socialStatus, incomeBracket) and
     * no password set: quicker, for tests that only buy with the card. Answers the card number.
     */
    public static String registerAnswering(Map<String, String> answers) {
        long n = SEQ.incrementAndGet() % 10_000_000L;
        String phone = "+7920" + String.format("%07d", n);
        Map<String, Object> q = new HashMap<>(Map.of("lastName", "Покупатель", "firstName", "Тест", "phone", phone,
                "birthDate", "1990-05-17", "gender", "female", "city", "Смоленск", "socialStatus", "employed",
                "incomeBracket", "50-100k", "preferredChannel", "sms",
                "consents", Map.of("personalData", true, "marketingEmail", false, "marketingSms", false)));
        q.putAll(answers);
        return given().contentType(ContentType.JSON).body(q).post("/api/v1/members").then().statusCode(201).extract().path("cardNumber");
    }

    private static TestMember register(String channel, String referralCode, String birthDate, String city) {
        long n = SEQ.incrementAndGet() % 10_000_000L;
        String phone = "+7920" + String.format("%07d", n);
        String email = "buyer" + phone.substring(1) + "@example.org";
        Map<String, Object> q = new HashMap<>(Map.of("lastName", "Покупатель", "firstName", "Тест", "phone", phone,
                "birthDate", birthDate, "gender", "female", "city", city, "socialStatus", "employed",
                "incomeBracket", "50-100k", "preferredChannel", channel,
                "consents", Map.of("personalData", true, "marketingEmail", true, "marketingSms", false)));
        q.put("email", email);
        q.put("referralCode", referralCode);
        var body = given().contentType(ContentType.JSON).body(q).post("/api/v1/members")
                .then().statusCode(201).extract();
        String memberId = body.path("memberId");
        String card = body.path("cardNumber");
        setPassword(phone.substring(1));
        String referral = given().auth().oauth2(Tokens.user(email, PASSWORD)).get("/api/v1/me").then().statusCode(200)
                .extract().path("referralCode");
        return new TestMember(memberId, card, phone, email, referral);
    }

    private static void setPassword(String username) {
        Keycloak keycloak = Arc.container().instance(Keycloak.class).get();
        var users = keycloak.realm("coalition").users();
        String id = users.searchByUsername(username, true).get(0).getId();
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType(CredentialRepresentation.PASSWORD);
        c.setValue(PASSWORD);
        c.setTemporary(false);
        users.get(id).resetPassword(c);
    }
}
