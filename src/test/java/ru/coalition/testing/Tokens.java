package ru.coalition.testing;

import io.restassured.RestAssured;
import org.eclipse.microprofile.config.ConfigProvider;

/** Real access tokens from the test Keycloak. */
public final class Tokens {

    private Tokens() {
    }

    public static String tokenUrl() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class) + "/protocol/openid-connect/token";
    }

    /** A till's token: client credentials of <slug>-pos (demo secret <slug>-pos-secret). */
    public static String till(String partnerSlug) {
        return RestAssured.given().formParam("grant_type", "client_credentials")
                .formParam("client_id", partnerSlug + "-pos").formParam("client_secret", partnerSlug + "-pos-secret")
                .post(tokenUrl()).then().statusCode(200).extract().path("access_token");
    }

    /** A user's ID token (scope openid): proof of a sign-in for the app, never an access token for the API. */
    public static String idToken(String username, String password) {
        return RestAssured.given().formParam("grant_type", "password").formParam("client_id", "coalition-mobile")
                .formParam("scope", "openid").formParam("username", username).formParam("password", password)
                .post(tokenUrl()).then().statusCode(200).extract().path("id_token");
    }

    /** A user's token through the public mobile client (password grant). */
    public static String user(String username, String password) {
        var response = RestAssured.given().formParam("grant_type", "password").formParam("client_id", "coalition-mobile")
                .formParam("username", username).formParam("password", password).post(tokenUrl());
        if (response.statusCode() != 200) {
            throw new AssertionError("no token for " + username + ": " + response.statusCode() + " " + response.asString());
        }
        return response.path("access_token");
    }
}
