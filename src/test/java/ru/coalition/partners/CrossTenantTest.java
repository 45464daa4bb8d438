package ru.coalition.partners;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

/** A partner's token sees its own partner only; another partner's object answers 404. */
@QuarkusTest
class CrossTenantTest {

    @Test
    void tillSeesItsOwnPartner() {
        given().auth().oauth2(Tokens.till("kit-media")).get("/api/v1/partners/me")
                .then().statusCode(200).body("slug", equalTo("kit-media")).body("wallet", equalTo("closed-loop"))
                .body("program.thresholds[0].balance", is(25000));
        given().auth().oauth2(Tokens.till("kit-media")).get("/api/v1/partners/kit-media")
                .then().statusCode(200).body("name", equalTo("РА «КИТ МЕДИА»"));
    }

    @Test
    void anotherPartnersDataIsNotFound() {
        given().auth().oauth2(Tokens.till("kit-media")).get("/api/v1/partners/smol-neft")
                .then().statusCode(404).contentType("application/problem+json").body("code", equalTo("partner.not-found"));
        given().auth().oauth2(Tokens.till("smol-neft")).get("/api/v1/partners/kit-media")
                .then().statusCode(404);
    }

    @Test
    void partnerStaffSeeOnlyTheirPartner() {
        String admin = Tokens.user("avto-drive-admin", "demo1234");
        given().auth().oauth2(admin).get("/api/v1/partners/me").then().statusCode(200).body("slug", equalTo("avto-drive"));
        given().auth().oauth2(admin).get("/api/v1/partners/kit-media").then().statusCode(404);
    }

    @Test
    void operatorStaffAndAnonymousAreNotPartners() {
        given().auth().oauth2(Tokens.user("support", "demo1234")).get("/api/v1/partners/me").then().statusCode(403)
                .contentType("application/problem+json");
        given().get("/api/v1/partners/me").then().statusCode(401).contentType("application/problem+json");
    }
}
