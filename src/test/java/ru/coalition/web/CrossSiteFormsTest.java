package ru.coalition.web;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Tokens;

import java.net.URL;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

/** A form posted from another site is refused before it reaches a page or the API; our own pages are not. */
@QuarkusTest
class CrossSiteFormsTest {

    @TestHTTPResource("/")
    URL base;

    @Test
    void postsFromAnotherOriginAreRefused() {
        for (String path : new String[] {"/portal/till/purchase", "/operator/ledger/adjust", "/operator/ledger/audit", "/cabinet/payment-code", "/portal/program",
                "/cabinet/profile/delete", "/cabinet/profile/email", "/cabinet/profile/settings"}) {
            given().redirects().follow(false).header("Origin", "https://evil.example").contentType("application/x-www-form-urlencoded")
                    .formParam("card", "7000000000000000").post(path).then().statusCode(403);
            given().redirects().follow(false).header("Origin", base.getProtocol() + "://" + base.getAuthority()).contentType("application/x-www-form-urlencoded")
                    .formParam("card", "7000000000000000").post(path).then().statusCode(not(equalTo(403)));
        }
        given().header("Origin", "https://evil.example").auth().oauth2(Tokens.till("kit-media")).contentType("application/json")
                .body("{}").post("/api/v1/purchases").then().statusCode(403);
    }
}
