package ru.coalition.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;


import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A form filled and sent with the keyboard alone: Tab to each field, type, arrows for choices, Space, Enter. */
@QuarkusTest
class KeyboardBrowserTest extends BrowserTest {

    @Test
    void theQuestionnaireIsFilledAndSentWithoutAMouse() {
        String digits = "7921" + String.format("%07d", System.nanoTime() % 10_000_000L);
        BrowserContext context = browser.newContext(390, 844, "ru-RU");
        Page page = context.newPage();
        page.navigate(base + "cabinet/register");
        type(page, "#lastName", "Клавишина");
        type(page, "#firstName", "Вера");
        type(page, "#phone", "+" + digits);
        type(page, "#email", "keys" + digits + "@example.org");
        tabTo(page, "#birthDate");
        page.keyboard().type("08031988");
        tabTo(page, "#gender");
        page.keyboard().press("ArrowDown");
        type(page, "#city", "Смоленск");
        tabTo(page, "#socialStatus");
        page.keyboard().press("ArrowDown");
        tabTo(page, "#incomeBracket");
        page.keyboard().press("ArrowDown");
        tabTo(page, "input[name=preferredChannel]:checked");
        tabTo(page, "#consentPersonalData");
        page.keyboard().press("Space");
        tabTo(page, "#register-submit");
        page.keyboard().press("Enter");
        page.waitForSelector("#card-number");
        assertTrue(page.textContent("#card-number").replace(" ", "").matches("7000\\d{12}"));
        context.close();
    }

    private static void type(Page page, String selector, String text) {
        tabTo(page, selector);
        page.keyboard().type(text);
    }

    /** Presses Tab until the element has the focus; fails when it never gets it. */
    private static void tabTo(Page page, String selector) {
        for (int i = 0; i < 80; i++) {
            if ((Boolean) page.evaluate("s => document.activeElement === document.querySelector(s)", selector)) {
                return;
            }
            page.keyboard().press("Tab");
        }
        fail(selector + " cannot be reached with Tab");
    }
}
