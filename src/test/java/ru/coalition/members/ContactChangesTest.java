package ru.coalition.members;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.testing.DevStackTestResource;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.isOneOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member's new phone or e-mail, confirmed by the code sent to it: the code read back from the SMS stub and from
 * GreenMail, Keycloak changed in step, and the ways it is refused (wrong, expired, reused, exhausted, taken).
 */
@QuarkusTest
class ContactChangesTest {

    private static final Pattern SMS_CODE = Pattern.compile("\\b(\\d{6})\\b");
    private static final Pattern MAIL_CODE = Pattern.compile("id=\"code\"[^>]*>(\\d{6})<");
    private static final Locale RU = Locale.of("ru");
    private static long seed;
    private static Random random;

    @Inject
    ContactChanges contacts;

    @Inject
    MemberService members;

    @BeforeAll
    static void seed() {
        seed = Long.getLong("profile.seed", System.nanoTime());
        random = new Random(seed);
        System.out.println("ContactChangesTest seed: " + seed + " (rerun with -Dprofile.seed=" + seed + ")");
    }

    static String newPhone() {
        return "+7930" + String.format("%07d", random.nextInt(10_000_000));
    }

    static String smsCodeTo(String phone) {
        String text = Inbox.awaitSmsTo(phone).text();
        Matcher m = SMS_CODE.matcher(text);
        assertTrue(m.find(), text);
        return m.group(1);
    }

    static String mailCodeTo(String email) {
        String body = Inbox.body(Inbox.awaitMailTo(email));
        Matcher m = MAIL_CODE.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    /** The member as stored now: read in a transaction of its own, not from this test's session cache. */
    private Member fresh(TestMember t) {
        return QuarkusTransaction.requiringNew().call(() -> members.byCard(t.cardNumber()).orElseThrow());
    }

    private long idOf(TestMember t) {
        return fresh(t).id;
    }

    @Test
    void aNewPhoneCountsOnlyOnceConfirmedAndThenSignsIn() {
        TestMember t = TestMembers.register();
        long id = idOf(t);
        String phone = newPhone();
        contacts.request(id, ContactChange.Channel.PHONE, phone.substring(0, 2) + " " + phone.substring(2), RU);
        // until the code is typed the old phone is in force, at the till and at sign-in
        assertEquals(t.phone(), fresh(t).phone);
        Tokens.user(t.phone().substring(1), TestMembers.PASSWORD);
        String code = smsCodeTo(phone);
        assertEquals(phone, contacts.confirm(id, ContactChange.Channel.PHONE, code, RU));
        assertEquals(phone, fresh(t).phone);
        assertEquals(id, QuarkusTransaction.requiringNew().call(() -> members.byPhone(phone).orElseThrow().id));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> members.byPhone(t.phone()).isEmpty()), "the old phone names nobody now");
        // Keycloak: the username is the new phone's digits; the old one no longer signs in
        String token = Tokens.user(phone.substring(1), TestMembers.PASSWORD);
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).body("phone", equalTo(phone));
        given().formParam("grant_type", "password").formParam("client_id", "coalition-mobile")
                .formParam("username", t.phone().substring(1)).formParam("password", TestMembers.PASSWORD)
                .post(Tokens.tokenUrl()).then().statusCode(isOneOf(400, 401)).body("error", equalTo("invalid_grant"));
        // the same code again: used up
        ProblemException reused = assertThrows(ProblemException.class, () -> contacts.confirm(id, ContactChange.Channel.PHONE, code, RU));
        assertEquals(ErrorCode.CONTACT_CODE_EXPIRED, reused.code());
    }

    @Test
    void aNewEmailIsConfirmedByTheCodeInTheMail() {
        TestMember t = TestMembers.register();
        long id = idOf(t);
        String email = "new-" + seed + "-" + random.nextInt(1_000_000) + "@example.org";
        contacts.request(id, ContactChange.Channel.EMAIL, " " + email.toUpperCase(Locale.ROOT) + " ", RU);
        assertEquals(t.email(), fresh(t).email, "the old e-mail stays until confirmed");
        contacts.confirm(id, ContactChange.Channel.EMAIL, mailCodeTo(email), RU);
        assertEquals(email, fresh(t).email);
        given().auth().oauth2(Tokens.user(email, TestMembers.PASSWORD)).get("/api/v1/me").then().statusCode(200)
                .body("email", equalTo(email));
    }

    @Test
    void aWrongCodeCountsAndTheFifthEndsTheCode() {
        // a minute into a window of the rate limiter (fixed 15-minute windows), so the whole test counts in one window
        long now = java.time.Instant.now().getEpochSecond();
        MovableClock.installAt(java.time.Instant.ofEpochSecond(now - now % 900 + 60).atOffset(java.time.ZoneOffset.UTC).toString());
        TestMember t = TestMembers.register();
        long id = idOf(t);
        String phone = newPhone();
        contacts.request(id, ContactChange.Channel.PHONE, phone, RU);
        String code = smsCodeTo(phone);
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1 + random.nextInt(999_998)) % 1_000_000);
        for (int left = 4; left >= 1; left--) {
            ProblemException e = assertThrows(ProblemException.class, () -> contacts.confirm(id, ContactChange.Channel.PHONE, wrong, RU));
            assertEquals(ErrorCode.CONTACT_CODE_WRONG, e.code());
            assertEquals(left, e.args()[0], "attempts left");
        }
        ProblemException last = assertThrows(ProblemException.class, () -> contacts.confirm(id, ContactChange.Channel.PHONE, wrong, RU));
        assertEquals(ErrorCode.CONTACT_CODE_EXPIRED, last.code());
        // the right code after that is of no use: a new one must be asked for
        ProblemException late = assertThrows(ProblemException.class, () -> contacts.confirm(id, ContactChange.Channel.PHONE, code, RU));
        assertEquals(ErrorCode.CONTACT_CODE_EXPIRED, late.code());
        assertEquals(t.phone(), fresh(t).phone);
        // and the member as a whole is throttled after twice the attempts of one code, whatever the codes
        contacts.request(id, ContactChange.Channel.PHONE, phone, RU);
        for (int i = 0; i < 4; i++) {
            assertThrows(ProblemException.class, () -> contacts.confirm(id, ContactChange.Channel.PHONE, wrong, RU));
        }
        ProblemException throttled = assertThrows(ProblemException.class, () -> contacts.confirm(id, ContactChange.Channel.PHONE, wrong, RU));
        assertEquals(ErrorCode.CONTACT_THROTTLED, throttled.code());
        assertTrue(throttled.retryAfterSeconds() > 0);
    }

    @Test
    void anExpiredCodeIsRefused() {
        MovableClock clock = MovableClock.installAt(OffsetDateTime.now().toString());
        TestMember t = TestMembers.register();
        long id = idOf(t);
        String phone = newPhone();
        contacts.request(id, ContactChange.Channel.PHONE, phone, RU);
        String code = smsCodeTo(phone);
        clock.move(Duration.ofMinutes(15).plusSeconds(1));
        ProblemException e = assertThrows(ProblemException.class, () -> contacts.confirm(id, ContactChange.Channel.PHONE, code, RU));
        assertEquals(ErrorCode.CONTACT_CODE_EXPIRED, e.code());
        assertEquals(t.phone(), fresh(t).phone);
        assertTrue(contacts.open(id).isEmpty());
    }

    @Test
    void aPhoneOrEmailOfAnotherMemberIsRefused() {
        TestMember t = TestMembers.register();
        TestMember other = TestMembers.register();
        long id = idOf(t);
        ProblemException phone = assertThrows(ProblemException.class, () -> contacts.request(id, ContactChange.Channel.PHONE, other.phone(), RU));
        assertEquals(ErrorCode.CONTACT_TAKEN, phone.code());
        assertEquals("phone", phone.fieldErrors().get(0).field());
        assertTrue(phone.fieldErrors().get(0).message().contains("другого участника"), phone.fieldErrors().get(0).message());
        ProblemException email = assertThrows(ProblemException.class,
                () -> contacts.request(id, ContactChange.Channel.EMAIL, other.email().toUpperCase(Locale.ROOT), Locale.ENGLISH));
        assertEquals(ErrorCode.CONTACT_TAKEN, email.code());
        assertTrue(email.fieldErrors().get(0).message().contains("another member"), email.fieldErrors().get(0).message());
        assertFalse(DevStackTestResource.stack().sms.received().stream().anyMatch(s -> s.to().equals(other.phone()) && s.text().contains("смены")),
                "no code went to the other member's phone");

        // taken between the request and the confirmation: refused at the confirmation, nothing changes
        String contested = newPhone();
        contacts.request(id, ContactChange.Channel.PHONE, contested, RU);
        String code = smsCodeTo(contested);
        long otherId = idOf(other);
        contacts.request(otherId, ContactChange.Channel.PHONE, contested, RU);
        String otherCode = await().atMost(Duration.ofSeconds(60)).until(() -> DevStackTestResource.stack().sms.received().stream()
                .filter(s -> s.to().equals(contested)).map(s -> s.text()).toList(), l -> l.size() >= 2).get(1).replaceAll("\\D*(\\d{6}).*", "$1");
        contacts.confirm(otherId, ContactChange.Channel.PHONE, otherCode, RU);
        ProblemException late = assertThrows(ProblemException.class, () -> contacts.confirm(id, ContactChange.Channel.PHONE, code, RU));
        assertEquals(ErrorCode.CONTACT_TAKEN, late.code());
        assertEquals(t.phone(), fresh(t).phone);
    }

    @Test
    void badInputIsAFieldErrorNotAFailure() {
        long id = idOf(TestMembers.register());
        for (String bad : new String[]{null, "", "12345", "+7 910 abc", "+" + "1".repeat(20)}) {
            ProblemException e = assertThrows(ProblemException.class, () -> contacts.request(id, ContactChange.Channel.PHONE, bad, RU));
            assertEquals(ErrorCode.VALIDATION, e.code(), String.valueOf(bad));
        }
        for (String bad : new String[]{"no-at-sign", "a@b", "x@y..z", "a@@b.ru"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> contacts.request(id, ContactChange.Channel.EMAIL, bad, RU));
            assertEquals(ErrorCode.VALIDATION, e.code(), bad);
        }
        for (String bad : new String[]{null, "", "12345", "abcdef", "1234567"}) {
            ProblemException e = assertThrows(ProblemException.class, () -> contacts.confirm(id, ContactChange.Channel.PHONE, bad, RU));
            assertEquals(ErrorCode.VALIDATION, e.code(), String.valueOf(bad));
        }
        ProblemException none = assertThrows(ProblemException.class, () -> contacts.confirm(id, ContactChange.Channel.EMAIL, "123456", RU));
        assertEquals(ErrorCode.CONTACT_CODE_EXPIRED, none.code(), "no change asked for");
    }
}
