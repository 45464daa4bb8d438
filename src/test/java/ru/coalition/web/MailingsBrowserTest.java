package ru.coalition.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A partner's mailing from end to end (issue 12, "Done when"): kit-media's admin builds a segment of its customers of the
 * last 90 days who consented to partners' offers by e-mail, and asks for a mailing to it in the portal; the mailing
 * manager approves it in the console; it is sent; a member's mail carries the one-click headers; a POST to the
 * unsubscribe URL, with no cookie, withdraws the consent; the next mailing skips that member; the partner sees counts
 * only, never who got it.
 */
@QuarkusTest
class MailingsBrowserTest extends BrowserTest {

    private static final Pattern UNSUBSCRIBE_URL = Pattern.compile("<(https?://[^>]+/u/[A-Za-z0-9_-]+)>");

    @Test
    void aPartnersMailingIsApprovedSentAndOneClickUnsubscribedAndTheNextSkipsThatMember() {
        long seed = Long.getLong("mailings.seed", System.nanoTime());
        System.out.println("MailingsBrowserTest seed: " + seed + " (rerun with -Dmailings.seed=" + seed + ")");
        String city = "Ярцево-" + Long.toString(Math.abs(new Random(seed).nextLong()) % 1_000_000, 36);

        // six customers of kit-media in a town of this test's own, each consenting to partners' offers by e-mail
        String till = Tokens.till("kit-media");
        List<TestMembers.TestMember> customers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            TestMembers.TestMember m = TestMembers.registerIn(city);
            given().auth().oauth2(m.token()).contentType(ContentType.JSON).body(Map.of("partnerOffersEmail", true))
                    .put("/api/v1/me/consents").then().statusCode(200).body("partnerOffersEmail", equalTo(true));
            given().auth().oauth2(till).contentType(ContentType.JSON)
                    .body(Map.of("receiptId", "MAIL-" + seed + "-" + i, "occurredAt", OffsetDateTime.now().minusDays(3).toString(),
                            "member", Map.of("cardNumber", m.cardNumber()),
                            "lines", List.of(Map.of("sku", "CARDS", "name", "Визитки", "amount", "1500.00", "category", "print"))))
                    .post("/api/v1/purchases").then().statusCode(201);
            customers.add(m);
        }
        TestMembers.TestMember leaving = customers.get(0);
        TestMembers.TestMember staying = customers.get(1);
        // the activity rollup folds the purchases within seconds
        Map<String, Object> definition = Map.of("match", "all", "conditions", List.of(
                Map.of("type", "city", "values", List.of(city)), Map.of("type", "boughtAt", "days", 90),
                Map.of("type", "consent", "value", "partnerOffersEmail")));
        String partnerToken = Tokens.user("kit-media-admin", "demo1234");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> Integer.valueOf(6).equals(
                given().auth().oauth2(partnerToken).contentType(ContentType.JSON).body(definition)
                        .post("/api/v1/partner/segments/count").then().statusCode(200).extract().path("count")));

        // the partner builds the segment and asks for the mailing on a phone
        Page partner = browser.phonePage();
        partner.navigate(base + "portal/segments/new");
        Browser.signIn(partner, "kit-media-admin", "demo1234");
        partner.fill("#name", "Покупатели " + city);
        partner.fill("#cities", city);
        partner.fill("#boughtDays", "90");
        partner.selectOption("#consent", "partnerOffersEmail");
        partner.click("#segment-save");
        partner.waitForSelector("#segment-saved");
        String segmentName = "Покупатели " + city;

        partner.navigate(base + "portal/campaigns/new");
        partner.fill("#name", "Визитки к Новому году " + city);
        partner.selectOption("#segmentId", new SelectOption().setLabel(segmentName));
        partner.fill("#subjectRu", "{member.firstName}, визитки со скидкой 20 %");
        partner.fill("#bodyRu", "Здравствуйте, {member.firstName}!\n\nДо 31 декабря — **скидка 20 %** на визитки.\n\n[Заказать](https://example.org/kit-media)");
        partner.click("#campaign-request");
        partner.waitForSelector("#campaign-done");
        String partnerUrl = partner.url().replaceAll("\\?.*", "");
        long campaign = Long.parseLong(partnerUrl.replaceAll(".*/", ""));
        assertTrue(partner.textContent("#campaign-state").contains("Ждёт решения"), partner.textContent("#campaign-state"));
        Browser.screenshot(partner, "mailings-partner-requested");

        // the mailing manager approves it in the console; it goes at once
        Page mailer = browser.desktopPage();
        mailer.navigate(base + "operator/mailings");
        Browser.signIn(mailer, "mailer", "demo1234");
        mailer.click("tr[data-campaign='" + campaign + "'] a");
        mailer.waitForSelector("#campaign-form");
        assertTrue(mailer.textContent("#campaign-state").contains("Ждёт решения"));
        mailer.click("#campaign-schedule");
        mailer.waitForSelector("#campaign-done");
        Browser.screenshot(mailer, "mailings-mailer-approved");
        String mailerToken = Tokens.user("mailer", "demo1234");
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> "SENT".equals(
                given().auth().oauth2(mailerToken).get("/api/v1/operator/campaigns/" + campaign).then().extract().path("status")));

        // the member's mail: personal, with the one-click headers; a POST to the link, with no cookie, unsubscribes
        MimeMessage mail = Inbox.awaitMailTo(leaving.email(), "визитки со скидкой 20 %");
        String listUnsubscribe = header(mail, "List-Unsubscribe");
        assertEquals("List-Unsubscribe=One-Click", header(mail, "List-Unsubscribe-Post"));
        assertTrue(listUnsubscribe.contains("<mailto:"), listUnsubscribe);
        Matcher url = UNSUBSCRIBE_URL.matcher(listUnsubscribe);
        assertTrue(url.find(), listUnsubscribe);
        String path = url.group(1).replaceFirst("^https?://[^/]+", "");
        given().contentType(ContentType.URLENC).formParam("List-Unsubscribe", "One-Click").redirects().follow(false)
                .post(path).then().statusCode(200);
        given().auth().oauth2(leaving.token()).get("/api/v1/me/consents").then().statusCode(200)
                .body("partnerOffersEmail", equalTo(false));

        // the next mailing to the same segment skips the member who left and reaches the others
        int next = given().auth().oauth2(partnerToken).contentType(ContentType.JSON)
                .body(Map.of("name", "Флаеры " + city, "channel", "EMAIL", "segmentId", segmentId(partnerToken, segmentName),
                        "subjectRu", "Флаеры А5 со скидкой", "bodyRu", "Здравствуйте, {member.firstName}! Флаеры А5 — скидка 15 %."))
                .post("/api/v1/partner/campaigns").then().statusCode(201).extract().path("id");
        given().auth().oauth2(mailerToken).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/operator/campaigns/" + next + "/schedule").then().statusCode(200);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> "SENT".equals(
                given().auth().oauth2(mailerToken).get("/api/v1/operator/campaigns/" + next).then().extract().path("status")));
        Inbox.awaitMailTo(staying.email(), "Флаеры А5 со скидкой");
        assertFalse(Inbox.hasMailTo(leaving.email(), "Флаеры А5 со скидкой"), "the member who unsubscribed got the next mailing");

        // the partner sees the figures of its mailing, and nobody in them
        partner.navigate(partnerUrl);
        partner.waitForSelector("#campaign-figures");
        String page = partner.content();
        Browser.screenshot(partner, "mailings-partner-figures");
        for (TestMembers.TestMember m : customers) {
            assertFalse(page.contains(m.email()) || page.contains(m.phone()) || page.contains(m.cardNumber()),
                    "the partner's page names a recipient");
        }
        String stats = given().auth().oauth2(partnerToken).get("/api/v1/partner/campaigns/" + campaign + "/stats")
                .then().statusCode(200).extract().asString();
        assertTrue(stats.contains("\"sent\":6"), stats);
        for (TestMembers.TestMember m : customers) {
            assertFalse(stats.contains(m.email()) || stats.contains(m.phone()), "the partner's figures name a recipient");
        }
    }

    private static String header(MimeMessage mail, String name) {
        try {
            String[] values = mail.getHeader(name);
            return values == null ? "" : String.join(", ", values).replaceAll("\\s+", " ");
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object segmentId(String partnerToken, String name) {
        List<Map<String, Object>> segments = given().auth().oauth2(partnerToken).get("/api/v1/partner/segments")
                .then().statusCode(200).extract().path("");
        return segments.stream().filter(s -> name.equals(s.get("name"))).findFirst().orElseThrow().get("id");
    }
}
