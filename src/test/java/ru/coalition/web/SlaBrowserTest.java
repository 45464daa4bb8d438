package ru.coalition.web;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The supervisor edits the service levels on a phone: a target in hours and minutes, a wrong one refused with its
 * field named, a holiday added and removed. An agent reads the page without the forms.
 */
@QuarkusTest
class SlaBrowserTest extends BrowserTest {

    @Test
    void theSupervisorEditsTargetsAndHolidaysAndAnAgentOnlyReads() {
        Page page = browser.phonePageIn("Europe/Moscow");
        page.navigate(base + "operator/support/sla");
        Browser.signIn(page, "supervisor", "demo1234");
        page.waitForSelector("#sla-policy-table");
        assertTrue(page.textContent("header nav").contains("Сроки обслуживания"), "the menu has the page");
        assertEquals("3", page.inputValue("#fr-HIGH-complaint"));

        // 2 h 30 min for the first answer to a high-priority complaint
        page.fill("#fr-HIGH-complaint", "2:30");
        page.click("#sla-policies-save");
        page.waitForSelector("#sla-done");
        assertEquals("2:30", page.inputValue("#fr-HIGH-complaint"));

        // a wrong target names its field, and nothing changes
        page.fill("#res-LOW-other", "много");
        page.click("#sla-policies-save");
        page.waitForSelector("#error-summary");
        assertTrue(page.textContent("#error-summary").contains("Другое · Низкий · Решение, ч"));
        assertEquals("true", page.getAttribute("#res-LOW-other", "aria-invalid"));
        page.navigate(base + "operator/support/sla");
        assertEquals("80", page.inputValue("#res-LOW-other"));
        page.fill("#fr-HIGH-complaint", "3");
        page.click("#sla-policies-save");
        page.waitForSelector("#sla-done");

        // a day off added and removed again
        page.fill("#holiday-day", "2031-12-30");
        page.fill("#holiday-name", "Проверка календаря");
        page.click("#sla-holiday-save");
        page.waitForSelector("#sla-done");
        assertTrue(page.textContent("#sla-holiday-list").contains("Проверка календаря"));
        assertTrue(page.textContent("#sla-holiday-list").contains("30.12.2031"));
        page.click("[aria-label='Удалить выходной 30.12.2031']");
        page.waitForSelector("#sla-done");
        assertFalse(page.textContent("#sla-holiday-list").contains("Проверка календаря"));
        Browser.screenshot(page, "sla-supervisor");

        Page agent = browser.phonePageIn("Europe/Moscow");
        agent.navigate(base + "operator/support/sla?lang=en");
        Browser.signIn(agent, "support", "demo1234");
        agent.waitForSelector("#sla-read-only");
        assertEquals(0, agent.locator("#sla-policies-save").count());
        assertEquals(0, agent.locator("#sla-holiday-add").count());
        assertTrue(agent.textContent("#sla-policy-table").contains("Complaint"));
    }
}
