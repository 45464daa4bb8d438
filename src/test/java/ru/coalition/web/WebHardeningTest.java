package ru.coalition.web;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Browser protections on every answer, personal answers kept out of caches, and the API's choice of tokens. */
@QuarkusTest
class WebHardeningTest {

    static void hardened(Response r, String what) {
        String csp = r.header("Content-Security-Policy");
        assertNotNull(csp, what + ": CSP");
        assertTrue(csp.contains("script-src 'self';"), what + ": scripts only from our files: " + csp);
        assertFalse(csp.contains("unsafe-eval"), what + ": " + csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), what + ": " + csp);
        assertEquals("nosniff", r.header("X-Content-Type-Options"), what);
        assertNotNull(r.header("Referrer-Policy"), what + ": Referrer-Policy");
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        hardened(given().get("/"), "front page");
        hardened(given().get("/css/app.css"), "static file");
        hardened(given().get("/js/app.js"), "our script");
        hardened(given().get("/_static/htmx.org/2.0.2/dist/htmx.min.js"), "htmx");
        Response missing = given().accept(ContentType.JSON).get("/api/v1/no-such-thing");
        assertEquals(404, missing.statusCode());
        hardened(missing, "404");
        Response problem = given().accept(ContentType.JSON).get("/api/v1/me");
        assertEquals(401, problem.statusCode());
        hardened(problem, "problem+json");
        Response redirect = given().redirects().follow(false).get("/cabinet");
        assertEquals(302, redirect.statusCode());
        hardened(redirect, "sign-in redirect");
        assertEquals("no-store", redirect.header("Cache-Control"), "a redirect from a personal page is not cached");
    }

    @Test
    void theLanguageCookieIsNotReadableByScripts() {
        String cookie = given().get("/?lang=en").then().statusCode(200).extract().header("Set-Cookie");
        assertNotNull(cookie);
        assertTrue(cookie.startsWith("lang=en"), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.contains("SameSite=Lax"), cookie);
    }

    @Test
    void personalAnswersAreNotCached() {
        TestMember m = TestMembers.register();
        String token = m.token();
        for (String path : List.of("/api/v1/me", "/api/v1/me/wallets", "/api/v1/me/history", "/api/v1/me/offers")) {
            given().auth().oauth2(token).get(path).then().statusCode(200).header("Cache-Control", containsString("no-store"));
        }
        given().auth().oauth2(token).post("/api/v1/me/payment-codes").then().statusCode(201)
                .header("Cache-Control", containsString("no-store"));
        given().get("/").then().statusCode(200).header("Cache-Control", nullValue());
    }

    @Test
    void crossSiteWritesWithoutOriginAreRefused() {
        for (String path : List.of("/portal/till/purchase", "/cabinet/payment-code", "/api/v1/members")) {
            given().redirects().follow(false).header("Sec-Fetch-Site", "cross-site").contentType(ContentType.URLENC)
                    .formParam("card", "7000000000000000").post(path).then().statusCode(403)
                    .contentType("application/problem+json").body("code", equalTo("cross-site"));
        }
        // the browser's own pages and non-browser clients (no Sec-Fetch-Site) are not affected
        given().redirects().follow(false).header("Sec-Fetch-Site", "same-origin").contentType(ContentType.URLENC)
                .formParam("card", "7000000000000000").post("/portal/till/purchase").then().statusCode(not(equalTo(403)));
        given().redirects().follow(false).header("Sec-Fetch-Site", "cross-site").get("/").then().statusCode(200);
    }

    @Test
    void logoutIsAPostAndAGetChangesNothing() {
        given().redirects().follow(false).get("/logout").then().statusCode(405).header("Allow", "POST")
                .contentType("application/problem+json");
        String page = given().get("/cabinet/register").then().statusCode(200).extract().asString();
        assertFalse(page.contains("href=\"/logout\""), "no page signs out by a link");
    }

    /** script-src 'self' holds only if no page carries an inline script or an on* handler. */
    @Test
    void templatesHaveNoInlineScript() throws IOException {
        Pattern inlineScript = Pattern.compile("<script(?![^>]*\\bsrc=)[^>]*>", Pattern.CASE_INSENSITIVE);
        Pattern handler = Pattern.compile("\\s(on[a-z]+|hx-on[:a-z-]*)\\s*=", Pattern.CASE_INSENSITIVE);
        Pattern jsUrl = Pattern.compile("javascript:", Pattern.CASE_INSENSITIVE);
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".html")).toList()) {
                String html = Files.readString(f);
                for (Pattern p : List.of(inlineScript, handler, jsUrl)) {
                    Matcher m = p.matcher(html);
                    assertFalse(m.find(), () -> f + " has inline script: " + m.group());
                }
            }
        }
    }

    @Test
    void theApiTakesAccessTokensOnly() {
        TestMember m = TestMembers.register();
        m.token();
        String idToken = Tokens.idToken(m.email(), TestMembers.PASSWORD);
        given().auth().oauth2(idToken).get("/api/v1/me").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.idToken("operator", "demo1234")).get("/api/v1/operator/ledger/audit").then().statusCode(401);
        given().auth().oauth2(m.token()).get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void theTillApiTakesOnlyThePartnersTillToken() {
        TestMember m = TestMembers.register();
        Map<String, Object> receipt = Map.of("receiptId", "TILL-ONLY-" + m.cardNumber(),
                "occurredAt", OffsetDateTime.now().minusMinutes(1).toString(), "member", Map.of("cardNumber", m.cardNumber()),
                "lines", List.of(Map.of("sku", "BANNER", "amount", "100.00")));
        for (String person : List.of("kit-media-cashier", "kit-media-admin")) {
            String token = Tokens.user(person, "demo1234");
            given().auth().oauth2(token).contentType(ContentType.JSON).body(receipt).post("/api/v1/purchases")
                    .then().statusCode(403).contentType("application/problem+json").body("code", equalTo("till.only"));
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("refundId", "RF-1",
                    "lines", List.of(Map.of("sku", "BANNER", "amount", "10.00"))))
                    .post("/api/v1/purchases/{r}/refunds", "TILL-ONLY-" + m.cardNumber()).then().statusCode(403);
            given().auth().oauth2(token).get("/api/v1/members/{c}/wallet", m.cardNumber()).then().statusCode(403)
                    .body("code", equalTo("till.only"));
            given().auth().oauth2(token).get("/api/v1/members/{c}/offers", m.cardNumber()).then().statusCode(403);
            given().auth().oauth2(token).post("/api/v1/offers/{id}/collect", java.util.UUID.randomUUID().toString())
                    .then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("redemptionId", "R-" + m.cardNumber(),
                    "member", Map.of("cardNumber", m.cardNumber()), "points", 10, "code", "123456"))
                    .post("/api/v1/redemptions").then().statusCode(403).body("code", equalTo("till.only"));
            // staff keep their own partner API
            given().auth().oauth2(token).get("/api/v1/partners/me").then().statusCode(200);
        }
        given().auth().oauth2(m.token()).get("/api/v1/me/history").then().statusCode(200).body("total", equalTo(0));
        String till = Tokens.till("kit-media");
        given().auth().oauth2(till).contentType(ContentType.JSON).body(receipt).post("/api/v1/purchases").then().statusCode(201);
        given().auth().oauth2(till).get("/api/v1/members/{c}/wallet", m.cardNumber()).then().statusCode(200);
    }

    @Test
    void membersSeeAPublicTextForAnOperatorsCorrection() {
        TestMember m = TestMembers.register();
        String reason = "Жалоба №4711, проверка мошенничества";
        given().auth().oauth2(Tokens.user("operator", "demo1234")).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", m.cardNumber(), "wallet", "coalition", "points", 50, "reason", reason))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(201);
        String history = given().auth().oauth2(m.token()).header("Accept-Language", "en").get("/api/v1/me/history")
                .then().statusCode(200).body("items[0].kind", equalTo("ADJUSTMENT"))
                .body("items[0].reference", equalTo("Correction by the operator")).extract().asString();
        assertFalse(history.contains("4711"), history);
        given().auth().oauth2(m.token()).header("Accept-Language", "ru").get("/api/v1/me/history")
                .then().body("items[0].reference", equalTo("Корректировка оператора"));
    }
}
