package ru.coalition.mailings;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The segment editors on a phone: the live count as one types, "fewer than 5" for a partner, saving. */
@QuarkusTest
class SegmentsBrowserTest extends BrowserTest {

    @Test
    void theMailerSeesTheCountAsSheTypesAndAPartnerSeesFewerThanFive() {
        String city = "Нигдебург" + Long.toString(System.nanoTime() % 100_000, 36);
        System.out.println("SegmentsBrowserTest city " + city);
        Page console = browser.phonePage();
        console.navigate(base + "operator/mailings/segments/new");
        Browser.signIn(console, "mailer", "demo1234");
        console.waitForSelector("#segment-form");
        console.fill("#name", "Жители " + city);
        console.fill("#cities", city);
        console.waitForSelector("#segment-count-value");
        assertTrue(console.locator("#segment-count-value").innerText().startsWith("0 "), console.locator("#segment-count-value").innerText());
        // a wrong bound is named at once, nothing saved
        console.fill("#boughtDays", "0");
        console.waitForSelector("#segment-count-problem");
        console.fill("#boughtDays", "");
        console.waitForSelector("#segment-count-value");
        Browser.screenshot(console, "segment-editor-phone");
        console.click("#segment-save");
        console.waitForSelector("#segment-saved");
        assertTrue(console.inputValue("#cities").equals(city));

        Page portal = browser.phonePage();
        portal.navigate(base + "portal/segments/new");
        Browser.signIn(portal, "kit-media-admin", "demo1234");
        portal.waitForSelector("#segment-form");
        // no coalition balance and no other partner for a partner
        assertTrue(portal.locator("#minBalance").count() == 0 && portal.locator("#boughtPartner").count() == 0);
        portal.fill("#cities", city);
        try {
            portal.waitForSelector("#segment-count-value");
        } catch (RuntimeException e) {
            Browser.screenshot(portal, "segment-editor-partner-failed");
            System.out.println("partner count area: " + portal.locator("#segment-count").innerHTML());
            throw e;
        }
        String shown = portal.locator("#segment-count-value").innerText();
        assertTrue(shown.contains("меньше 5"), shown);
        Browser.screenshot(portal, "segment-editor-partner-phone");
    }
}
