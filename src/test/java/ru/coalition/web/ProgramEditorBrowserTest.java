package ru.coalition.web;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.partners.TenantFileParser;
import ru.coalition.programs.ProgramForm;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;

import java.math.BigDecimal;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The portal's program editor: preview, validation, a new version with an effective date, export as YAML; every
 * threshold rule and tier level the page shows is saved, and the receipt limits with them.
 */
@QuarkusTest
class ProgramEditorBrowserTest extends BrowserTest {

    @Inject
    TenantFileParser parser;

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
        assertEquals("13234", page.textContent("#preview-points").replaceAll("\\D", ""), "the points, with their word");
        // two points per rouble, floor(2 × 13 234.56): the preview follows the form before anything is saved
        page.fill("#earnPoints", "2");
        page.click("#preview-button");
        // a selector, not waitForFunction: the page's CSP (script-src 'self') forbids evaluating strings
        page.waitForSelector("#preview-points:text-matches('^26.469')");

        // a threshold whose cost is above its balance is refused with the reason
        page.fill("#thresholdCost0", "30000");
        page.fill("#effectiveFrom", "2099-01-01");
        page.click("#editor-save");
        page.waitForSelector("#editor-problems");
        assertTrue(page.textContent("#editor-problems").contains("Правило 1 · Списывается, баллов: списание больше порога"),
                page.textContent("#editor-problems"));
        // a word where a number belongs is refused in words under the field's label, not as a JSON path
        page.fill("#thresholdCost0", "25000");
        page.fill("#earnPoints", "два");
        page.click("#editor-save");
        page.waitForSelector("#editor-problems");
        assertTrue(page.textContent("#editor-problems").contains("Баллов: нужно целое число"), page.textContent("#editor-problems"));
        assertFalse(page.textContent("#editor-problems").contains("$."), page.textContent("#editor-problems"));
        page.fill("#earnPoints", "2");
        // a date in the past would rewrite history
        page.fill("#thresholdCost0", "25000");
        page.fill("#effectiveFrom", "2020-01-01");
        page.click("#editor-save");
        page.waitForSelector("#editor-problems");
        assertTrue(page.textContent("#editor-problems").contains("в прошлом"), page.textContent("#editor-problems"));

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
        assertTrue(future.headers().get("content-disposition").contains("kit-media-2099-01-01.yaml"),
                "each version downloads under its own name: " + future.headers().get("content-disposition"));

        // back on the editor later, the admin finds the version being prepared, not the one in force
        page.navigate(base + "portal/program");
        page.waitForSelector("#editor-form");
        assertEquals("2", page.inputValue("#earnPoints"));
        assertTrue(page.textContent("#version-shown").contains("2099"), page.textContent("#version-shown"));
        page.click("#versions a:not([download])");
        page.waitForSelector("#version-shown.success");
        assertEquals("1", page.inputValue("#earnPoints"), "the version in force, one click away");
    }

    @Test
    void aCashierReadsTheProgramAndTriesAReceiptButCannotChangeIt() {
        Page page = browser.phonePage();
        page.navigate(base + "portal/program");
        Browser.signIn(page, "smol-neft-cashier", "demo1234");
        page.waitForSelector("#editor-form");
        assertTrue(page.isDisabled("#earnPoints"), "a cashier's editor is read-only");
        assertEquals(0, page.locator("#editor-save").count());
        assertTrue(page.inputValue("#sample").contains("tobacco"), "the sample receipt shows this partner's own exclusions");
        page.click("#preview-button");
        page.waitForSelector("#preview-points");
        assertTrue(page.textContent("#preview").contains("tobacco"), page.textContent("#preview"));
    }

    @Test
    void everyThresholdAndTierIsSavedAndTheLimitsToo() throws Exception {
        Page page = browser.phonePage();
        page.navigate(base + "portal/program");
        Browser.signIn(page, "avto-drive-admin", "demo1234");
        page.waitForSelector("#editor-form");
        assertEquals(4, page.locator("fieldset.tier-row").count(), "the file's three tiers and an empty one to add");
        assertEquals("platinum", page.inputValue("#tierCode2"));
        assertEquals("30000000.00", page.inputValue("#limitsMaxReceiptAmount"));

        // the empty row takes the first rule, the "add" button (htmx, no inline script) brings the next ones
        fillThreshold(page, 0, "gift-500", "5000", "500", "5000", "30");
        for (int i = 1; i <= 3; i++) {
            page.click("#add-threshold");
            page.waitForSelector("#thresholdId" + i);
            fillThreshold(page, i, "gift-" + i + "000", Integer.toString(10000 * i), i + "000", Integer.toString(9000 * i), "60");
        }
        assertEquals("gift-500", page.inputValue("#thresholdId0"), "adding a row keeps what was typed");
        page.check("#thresholdDrop1");

        page.fill("#tierCode3", "diamond");
        page.fill("#tierName3", "Бриллиантовый");
        page.fill("#tierMinSpend3", "1000000");
        page.fill("#tierWelcome3", "20000");
        page.fill("#tierMultiplier3", "2,5");
        page.fill("#tierPrivileges3", "Закрытые показы\nПарковка; мойка; шиномонтаж");
        page.fill("#limitsMaxReceiptPoints", "50000");
        page.fill("#effectiveFrom", "2099-03-01");
        Browser.screenshot(page, "program-editor-filled-390");
        page.click("#editor-save");
        page.waitForSelector("#editor-saved");
        assertEquals(4, page.locator("fieldset.threshold-row").count(), "three saved rules and an empty one");
        assertEquals(5, page.locator("fieldset.tier-row").count(), "four saved tiers and an empty one");
        Browser.screenshot(page, "program-editor-saved-390");

        APIResponse export = page.request().get(base + "portal/program/export?from=2099-03-01");
        assertEquals(200, export.status());
        ProgramDefinition saved = parser.parse("avto-drive.yaml", export.text()).file().program();
        assertEquals(List.of("gift-500", "gift-2000", "gift-3000"), saved.thresholds().stream().map(ProgramDefinition.Threshold::id).toList());
        assertEquals(new BigDecimal("3000.00"), saved.thresholds().get(2).reward().giftCard().nominal());
        assertEquals(List.of("silver", "gold", "platinum", "diamond"), saved.tiers().levels().stream().map(ProgramDefinition.Tier::code).toList());
        ProgramDefinition.Tier diamond = saved.tiers().levels().get(3);
        assertEquals(List.of("Закрытые показы", "Парковка; мойка; шиномонтаж"), diamond.privileges());
        assertEquals(new BigDecimal("2.5"), diamond.multiplier());
        assertEquals(3, saved.tiers().levels().get(2).privileges().size());
        assertEquals(new ProgramDefinition.Limits(new BigDecimal("30000000.00"), 50000L), saved.limits());
        assertEquals(new ProgramDefinition.Birthday(1000, true), saved.birthday());
        assertEquals(List.of("vehicle"), saved.earn().excludedCategories());

        // a 21st rule is refused in words, and nothing is saved
        FormData tooMany = FormData.create();
        ProgramForm.of(saved).forEach(tooMany::set);
        tooMany.set("effectiveFrom", "2099-04-01");
        for (int i = 0; i < 21; i++) {
            fillThreshold(tooMany, i);
        }
        APIResponse refused = page.request().post(base + "portal/program", RequestOptions.create().setForm(tooMany));
        assertTrue(refused.text().contains("Порогов может быть не больше 20, в форме их 21"), refused.text());
        assertEquals(404, page.request().get(base + "portal/program/export?from=2099-04-01").status());

        Page desktop = browser.desktopPage();
        desktop.navigate(base + "portal/program");
        Browser.signIn(desktop, "avto-drive-admin", "demo1234");
        desktop.waitForSelector("#editor-form");
        Browser.screenshot(desktop, "program-editor-1280");
    }

    private static void fillThreshold(FormData form, int row) {
        form.set("thresholdId" + row, "rule-" + row);
        form.set("thresholdBalance" + row, "1000");
        form.set("thresholdNominal" + row, "100");
        form.set("thresholdCost" + row, "1000");
        form.set("thresholdWindow" + row, "30");
    }

    private static void fillThreshold(Page page, int row, String id, String balance, String nominal, String cost, String window) {
        page.fill("#thresholdId" + row, id);
        page.fill("#thresholdBalance" + row, balance);
        page.fill("#thresholdNominal" + row, nominal);
        page.fill("#thresholdCost" + row, cost);
        page.fill("#thresholdWindow" + row, window);
    }

    @Test
    void cashierSeesTheProgramButCannotSave() {
        Page page = browser.phonePage();
        page.navigate(base + "portal/program");
        Browser.signIn(page, "smol-neft-cashier", "demo1234");
        page.waitForSelector("#editor-form");
        assertFalse(page.isVisible("#editor-save"));
        assertFalse(page.isVisible("#add-threshold"), "adding rows is for those who can save them");
        assertEquals("20.00", page.inputValue("#earnPerRubles"));
    }
}
