package ru.coalition.webhooks;

import com.microsoft.playwright.Page;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;

import java.time.Duration;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The webhooks page in Chromium: a partner admin adds an endpoint and sees its secret once, sends a test event that
 * the local receiver verifies, sends it again from the delivery log; an internal address is refused at the field; the
 * other partner's admin gets 404 for the endpoint; a phone shows it all without sideways scrolling.
 */
@QuarkusTest
class WebhooksBrowserTest extends BrowserTest {

    @Inject
    EntityManager em;

    @Test
    void anAdminAddsAnEndpointSendsATestEventAndReplaysIt() throws Exception {
        try (WebhooksTest.Receiver receiver = new WebhooksTest.Receiver(0)) {
            Page page = browser.phonePage();
            page.navigate(base + "portal/webhooks");
            Browser.signIn(page, "kit-media-admin", "demo1234");
            page.waitForSelector("#endpoint-form");
            page.fill("#url", "ftp://example.ru/hook");
            page.fill("#description", "CRM");
            page.evaluate("document.querySelector('#url').type = 'text'");
            page.click("#endpoint-create");
            page.waitForSelector("#webhook-refused");
            assertEquals("CRM", page.inputValue("#description"));
            page.fill("#url", receiver.url());
            page.check("input[value='order.state-changed']");
            page.click("#endpoint-create");
            page.waitForSelector("#secret-once");
            String secret = page.textContent("#secret").trim();
            assertTrue(secret.startsWith("whsec_"), secret);
            // the secret's page answers the form; the endpoint's own address is the one its settings post to
            String endpointUrl = base + page.getAttribute("#endpoint-form", "action").substring(1);
            Browser.screenshot(page, "webhook-created");
            page.click("#send-test");
            page.waitForSelector("#webhook-done");
            assertFalse(page.content().contains(secret), "the secret is shown once");
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.of(WebhookTypes.PING).isEmpty());
            WebhooksTest.Received ping = receiver.of(WebhookTypes.PING).get(0);
            assertTrue(WebhookSignature.verify(secret, ping.id(), Long.parseLong(ping.timestamp()), ping.body(), ping.signature()));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                page.reload();
                return page.locator("#deliveries tr[data-status=DELIVERED]").count() == 1;
            });
            page.click("#deliveries button[id^=replay-]");
            page.waitForSelector("#webhook-done");
            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.of(WebhookTypes.PING).size() == 2);
            assertEquals(ping.id(), receiver.of(WebhookTypes.PING).get(1).id(), "a replay carries the event's id");
            assertTrue((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling at 390 px");
            Browser.screenshot(page, "webhook-deliveries");
            page.context().close();

            Page other = browser.desktopPage();
            var response = other.navigate(endpointUrl);
            Browser.signIn(other, "smol-neft-admin", "demo1234");
            other.waitForLoadState();
            assertEquals(404, other.evaluate("fetch('" + endpointUrl + "').then(r => r.status)"), other.url() + " " + other.textContent("main"));
            other.context().close();
            String id = endpointUrl.substring(endpointUrl.lastIndexOf('/') + 1);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("update webhook_endpoint set active = false where public_id = :id")
                    .setParameter("id", UUID.fromString(id)).executeUpdate());
        }
    }
}
