package ru.coalition.web;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ru.coalition.partners.TenantFileParser;
import ru.coalition.testing.Browser;

import java.net.URL;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The portal's program editor: preview, validation, a new version with an effective date, export as YAML. */
@QuarkusTest
class ProgramEditorBrowserTest {

    private static Browser browser;

    @TestHTTPResource("/")
    URL base;

    @Inject
    TenantFileParser parser;

    @BeforeAll
    static void launch() {
        browser = new Browser();
    }

    @AfterAll
    static void close() {
        browser.close();
    }

    @Test
    void adminPreviewsSavesANewVersionAndExportsIt() throws Exception {
        Page page = browser.phonePage();
        page.navigate(base + "portal/program");
        Browser.signIn(page, "kit-media-admin", "demo1234");
        page.waitForSelector("#editor-form");
        assertEquals("25000", page.inputValue("#thresholdBalance0"));

        // example A's receipt under the program in force
        page.click("#preview-button");
        page.waitForSelector("#preview > *");
        assertTrue(page.isVisible("#preview-points"), page.textContent("#preview"));
        assertEquals("13234", page.textContent("#preview-points").trim());
        // two points per rouble, floor(2 × 13 234.56): the preview follows the form before anything is saved
        page.fill("#earnPoints", "2");
        page.click("#preview-button");
        // a selector, not waitForFunction: the page's CSP (script-src 'self') forbids evaluating strings
        page.waitForSelector("#preview-points:text-is('26469')");

        // a threshold whose cost is above its balance is refused with the reason
        page.fill("#thresholdCost0", "30000");
        page.fill("#effectiveFrom", "2099-01-01");
        page.click("#editor-save");
        page.waitForSelector("#editor-problems");
        assertTrue(page.textContent("#editor-problems").contains("30000"), page.textContent("#editor-problems"));
        // a date in the past would rewrite history
        page.fill("#thresholdCost0", "25000");
        page.fill("#effectiveFrom", "2020-01-01");
        page.click("#editor-save");
        page.waitForSelector("#editor-problems");
        assertTrue(page.textContent("#editor-problems").contains("past"), page.textContent("#editor-problems"));

        page.fill("#effectiveFrom", "2099-01-01");
        page.click("#editor-save");
        page.waitForSelector("#editor-saved");
        Browser.screenshot(page, "program-editor");

        APIResponse current = page.request().get(base + "portal/program/export");
        assertEquals(200, current.status());
        var parsed = parser.parse("kit-media.yaml", current.text());
        assertEquals(1, parsed.file().program().earn().points(), "the version in force is unchanged");
        APIResponse future = page.request().get(base + "portal/program/export?from=2099-01-01");
        var next = parser.parse("kit-media.yaml", future.text());
        assertEquals(2, next.file().program().earn().points());
        assertEquals(25000, next.file().program().thresholds().get(0).cost());
    }

    @Test
    void cashierSeesTheProgramButCannotSave() {
        Page page = browser.phonePage();
        page.navigate(base + "portal/program");
        Browser.signIn(page, "smol-neft-cashier", "demo1234");
        page.waitForSelector("#editor-form");
        assertFalse(page.isVisible("#editor-save"));
        assertEquals("20.00", page.inputValue("#earnPerRubles"));
    }
}
