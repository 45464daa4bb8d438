package ru.coalition.platform;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;
import ru.coalition.members.Member;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.io.IOException;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Input a client should never send is refused as 400/422 problem+json and changes nothing: JSON is read strictly
 * (API-CONTRACT.md), NUL characters never reach PostgreSQL, broken percent-encoding is not a server error.
 */
@QuarkusTest
class StrictInputTest {

    @TestHTTPResource("/")
    URL base;

    static String receipt(String id, String card, String amountJson, String occurredAtJson) {
        return """
                {"receiptId": %s, "occurredAt": %s, "member": {"cardNumber": "%s"},
                 "lines": [{"sku": "BANNER", "name": "Баннер", "category": "print", "amount": %s}]}"""
                .formatted(id, occurredAtJson, card, amountJson);
    }

    static String now() {
        return "\"" + OffsetDateTime.now().minusMinutes(1) + "\"";
    }

    static ValidatableResponse post(String token, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body).header("Accept-Language", "en")
                .post("/api/v1/purchases").then();
    }

    static void problem(ValidatableResponse r) {
        r.statusCode(anyOf(equalTo(400), equalTo(422))).contentType("application/problem+json")
                .body("type", startsWith("urn:coalition:problem:"));
    }

    static int historyTotal(TestMember m) {
        return given().auth().oauth2(m.token()).get("/api/v1/me/history").then().statusCode(200).extract().path("total");
    }

    @Test
    void jsonIsReadStrictly() {
        TestMember m = TestMembers.register();
        String till = Tokens.till("kit-media");
        String card = m.cardNumber();

        // duplicate key: which of the two did the client mean?
        problem(post(till, """
                {"receiptId": "S-1", "receiptId": "S-2", "occurredAt": %s, "member": {"cardNumber": "%s"},
                 "lines": [{"sku": "BANNER", "amount": "10.00"}]}""".formatted(now(), card)));
        // trailing garbage after the document
        problem(post(till, receipt("\"S-3\"", card, "\"10.00\"", now()) + " {\"x\": 1}"));
        problem(post(till, receipt("\"S-4\"", card, "\"10.00\"", now()) + " garbage"));
        // numbers where strings are due
        post(till, receipt("\"S-5\"", card, "1.5", now())).statusCode(422).contentType("application/problem+json")
                .body("code", equalTo("validation")).body("errors.field", hasItem("lines[0].amount"));
        post(till, receipt("123", card, "\"10.00\"", now())).statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("receiptId"));
        post(till, receipt("\"S-6\"", card, "true", now())).statusCode(422).contentType("application/problem+json");
        // epoch numbers for times
        post(till, receipt("\"S-7\"", card, "\"10.00\"", Long.toString(System.currentTimeMillis() - 60_000)))
                .statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("occurredAt"));
        post(till, receipt("\"S-8\"", card, "\"10.00\"", Double.toString(System.currentTimeMillis() / 1000.0 - 60)))
                .statusCode(422).contentType("application/problem+json").body("errors.field", hasItem("occurredAt"));
        // a NUL inside a string
        post(till, receipt("\"S-9\\u0000\"", card, "\"10.00\"", now())).statusCode(422)
                .contentType("application/problem+json").body("errors.field", hasItem("receiptId"));
        problem(post(till, """
                {"receiptId": "S-10", "occurredAt": %s, "member": {"cardNumber": "%s"},
                 "lines": [{"sku": "BANNER", "name": "Ban\\u0000ner", "amount": "10.00"}]}""".formatted(now(), card)));

        // a fractional number of points is not silently truncated
        String operator = Tokens.user("operator", "demo1234");
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body("{\"cardNumber\": \"%s\", \"wallet\": \"coalition\", \"points\": 1.5, \"reason\": \"Проверка дробей\"}"
                        .formatted(card))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", hasItem("points"));
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body("{\"cardNumber\": \"%s\", \"wallet\": \"coalition\", \"points\": \"15\", \"reason\": \"Проверка строк\"}"
                        .formatted(card))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(422).contentType("application/problem+json");
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body("{\"cardNumber\": \"%s\", \"wallet\": \"coalition\", \"points\": 15, \"reason\": \"Про\\u0000верка\"}"
                        .formatted(card))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(422).contentType("application/problem+json");

        assertEquals(0, historyTotal(m), "no refused request wrote anything");
        // the same receipt written properly still goes through
        post(till, receipt("\"S-11\"", card, "\"10.00\"", now())).statusCode(201);
    }

    @Test
    void nulInPathQueryAndFormIsRefused() {
        String till = Tokens.till("kit-media");
        given().urlEncodingEnabled(false).auth().oauth2(till).accept(ContentType.JSON)
                .get("/api/v1/members/7000%000000000000/wallet").then().statusCode(anyOf(equalTo(400), equalTo(404)))
                .contentType("application/problem+json");
        given().urlEncodingEnabled(false).auth().oauth2(till).contentType(ContentType.JSON).body("{}")
                .post("/api/v1/purchases/R%00-1/refunds").then().statusCode(400).contentType("application/problem+json");
        given().urlEncodingEnabled(false).accept(ContentType.JSON).get("/cabinet/register?ref=abc%00def")
                .then().statusCode(400).contentType("application/problem+json");

        String phone = "+7930" + String.format("%07d", System.nanoTime() % 10_000_000L);
        given().accept(ContentType.JSON).contentType(ContentType.URLENC)
                .formParam("lastName", "Нуль\u0000ева").formParam("firstName", "Мария").formParam("phone", phone)
                .formParam("email", "nul" + phone.substring(1) + "@example.org").formParam("birthDate", "1990-05-17")
                .formParam("gender", "female").formParam("city", "Смоленск").formParam("socialStatus", "employed")
                .formParam("incomeBracket", "50-100k").formParam("preferredChannel", "email").formParam("consentPersonalData", "on")
                .post("/cabinet/register").then().statusCode(400).contentType("application/problem+json");
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Member.count("phone", phone)),
                "the refused questionnaire created no member");
    }

    @Test
    void brokenPercentEncodingIsABadRequest() throws IOException {
        given().accept(ContentType.JSON).contentType("application/x-www-form-urlencoded").body("a=%zz%")
                .post("/cabinet/register").then().statusCode(400).contentType("application/problem+json");
        given().accept(ContentType.JSON).contentType("application/x-www-form-urlencoded").body("lastName=%D0")
                .post("/cabinet/register").then().statusCode(400).contentType("application/problem+json");
        // no HTTP client library sends a broken URI, so these go over a plain socket; a malformed %-escape in the
        // request line is refused by the HTTP codec itself (a bare 400: the app never sees the request)
        for (String target : List.of("/cabinet/register?ref=%zz%", "/?lang=%zz", "/api/v1/members/7000%G0/wallet")) {
            String head = rawGet(target);
            assertTrue(head.startsWith("HTTP/1.1 400"), target + " -> " + head);
        }
        // well-formed escapes of bytes that are not UTF-8 reach the app, which refuses them as problem+json
        for (String target : List.of("/cabinet/register?ref=%C3%28", "/api/v1/members/7000%FF/wallet", "/?lang=%C0%80")) {
            String head = rawGet(target);
            assertTrue(head.startsWith("HTTP/1.1 400"), target + " -> " + head);
            assertTrue(head.toLowerCase().contains("content-type: application/problem+json"), target + " -> " + head);
        }
    }

    String rawGet(String target) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: " + base.getAuthority()
                    + "\r\nAccept: application/json\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void hugePageNumbersAreNotServerErrors() {
        TestMember m = TestMembers.register();
        String token = m.token();
        for (String page : new String[] {"2147483647", "1073741824", "-2147483648"}) {
            given().auth().oauth2(token).get("/api/v1/me/history?page=" + page).then().statusCode(200)
                    .body("items.size()", equalTo(0));
        }
        given().auth().oauth2(token).get("/api/v1/me/history?page=2147483647&size=100").then().statusCode(200)
                .body("items.size()", equalTo(0));
        given().auth().oauth2(token).get("/api/v1/me/history?page=99999999999").then()
                .statusCode(anyOf(equalTo(400), equalTo(404))).contentType("application/problem+json");
    }
}
