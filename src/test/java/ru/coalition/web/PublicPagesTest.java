package ru.coalition.web;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PublicPagesTest {

    @Test
    void frontPageIsRussianByDefaultAndEnglishOnRequest() {
        given().get("/").then().statusCode(200).contentType(containsString("text/html")).body(containsString("Регистрация"));
        given().get("/?lang=en").then().statusCode(200).body(containsString("Join")).cookie("lang", "en");
        given().cookie("lang", "en").get("/cabinet/register").then().statusCode(200).body(containsString("Member questionnaire"));
        given().header("Accept-Language", "en-GB,en;q=0.9").get("/").then().body(containsString("One card"));
    }

    @Test
    void everyScriptAndStylesheetOfTheLayoutIsServed() {
        String html = given().get("/cabinet/register").then().statusCode(200).extract().asString();
        Matcher links = Pattern.compile("(?:src|href)=\"(/[^\"]+\\.(?:js|css))\"").matcher(html);
        int found = 0;
        while (links.find()) {
            given().get(links.group(1)).then().statusCode(200);
            found++;
        }
        assertTrue(found >= 2, "the layout links htmx and the stylesheet");
    }

    @Test
    void pagesNeedSignInAndOperatorPagesNeedTheRole() {
        given().redirects().follow(false).get("/operator").then().statusCode(302)
                .header("Location", containsString("/realms/coalition/protocol/openid-connect/auth"));
        given().redirects().follow(false).get("/portal").then().statusCode(302);
    }
}
