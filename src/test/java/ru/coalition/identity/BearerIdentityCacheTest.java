package ru.coalition.identity;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Tokens;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A till's token is verified once; later requests with it are served from the cache, and a bad token never is. */
@QuarkusTest
class BearerIdentityCacheTest {

    @Inject
    BearerIdentityCache cache;

    @Test
    void aTokenIsVerifiedOnceAndThenServedFromTheCache() {
        String till = Tokens.till("kit-media");
        given().auth().oauth2(till).get("/api/v1/partners/me").then().statusCode(200).body("slug", equalTo("kit-media"));
        long before = cache.hits();
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(till).get("/api/v1/partners/me").then().statusCode(200).body("slug", equalTo("kit-media"));
        }
        assertEquals(before + 3, cache.hits(), "the second and later requests with one token skip verification");

        // a token with a broken signature is not the cached one: verified, and refused
        String forged = till.substring(0, till.lastIndexOf('.') + 1) + "AAAA" + till.substring(till.lastIndexOf('.') + 5);
        given().auth().oauth2(forged).get("/api/v1/partners/me").then().statusCode(401);
        assertTrue(cache.hits() == before + 3, "a forged token never comes from the cache");
    }
}
