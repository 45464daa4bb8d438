package ru.coalition.web;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.Inbox;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The three front doors in a real Chromium, as people use them. */
@QuarkusTest
class FrontDoorsBrowserTest extends BrowserTest {

    @Test
    void memberRegistersGetsThePasswordByMailChangesItAndSeesTheCabinet() {
        String phoneDigits = "7920" + String.format("%07d", System.currentTimeMillis() % 10_000_000L);
        String email = "browser" + phoneDigits + "@example.org";
        Page page = browser.phonePage();
        page.navigate(base + "cabinet/register");

        // first an incomplete form: the page explains what is wrong and keeps what was typed
        page.fill("#lastName", "Петрова");
        page.click("#register-submit");
        page.waitForSelector("#error-summary");
        assertTrue(page.textContent("#error-summary").contains("Имя"), "the summary names the field by its label");
        assertTrue(page.textContent("#consentPersonalData-error").contains("согласия"));
        assertEquals("Петрова", page.inputValue("#lastName"));

        page.fill("#firstName", "Анна");
        page.fill("#phone", "+" + phoneDigits.charAt(0) + " " + phoneDigits.substring(1));
        page.fill("#email", email);
        page.fill("#birthDate", "1988-03-08");
        page.selectOption("#gender", "female");
        page.fill("#city", "Смоленск");
        page.selectOption("#socialStatus", "employed");
        page.selectOption("#incomeBracket", "50-100k");
        page.check("input[name=preferredChannel][value=email]");
        page.check("#consentPersonalData");
        page.check("#consentMarketingEmail");
        Browser.screenshot(page, "register-filled");
        page.click("#register-submit");
        String card = page.textContent("#card-number").replace(" ", "");
        assertTrue(card.matches("7000\\d{12}"), card);
        Browser.screenshot(page, "registered");

        String password = Inbox.passwordMailedTo(email);
        page.click("text=Войти в кабинет");
        Browser.signIn(page, phoneDigits, password);
        // Keycloak forces a new password at first sign-in
        page.waitForSelector("#password-new");
        page.fill("#password-new", "Moi-parol-2026");
        page.fill("#password-confirm", "Moi-parol-2026");
        page.locator("form [type=submit]").first().click();
        page.waitForSelector("#card-number");
        assertEquals(card, page.textContent("#card-number").replace(" ", ""));
        assertTrue(page.content().contains("Анна"));
        Browser.screenshot(page, "cabinet");

        page.navigate(base + "cabinet?lang=en");
        assertTrue(page.textContent("h1").startsWith("Hello"), "English on request");
    }

    @Test
    void partnerAdminSeesOnlyTheirPartnerInThePortal() {
        Page page = browser.phonePage();
        page.navigate(base + "portal");
        Browser.signIn(page, "kit-media-admin", "demo1234");
        page.waitForSelector("#partner-name");
        assertEquals("РА «КИТ МЕДИА»", page.textContent("#partner-name"));
        assertTrue(page.textContent("#program").replaceAll("[\\s\\u00A0\\u202F]", "").contains("25000"), "the threshold is shown");
        assertTrue(!page.content().contains("Смол-Нефть") && !page.content().contains("Драйв"), "no other partner");
        Browser.screenshot(page, "portal");

        page.navigate(base + "operator");
        assertTrue(page.textContent("h1").contains("Доступ запрещён"), "a partner is no operator");
    }

    @Test
    void operatorSeesAllPartnersAndCanSuspendOne() {
        Page page = browser.phonePage();
        page.navigate(base + "operator");
        Browser.signIn(page, "operator", "demo1234");
        page.waitForSelector("#partners");
        for (String slug : new String[]{"kit-media", "smol-neft", "avto-drive"}) {
            assertEquals(1, page.locator("tr[data-slug=" + slug + "]").count(), slug);
        }
        Browser.screenshot(page, "operator");

        page.click("text=Подключить партнёра");
        page.fill("#slug", "Bad Slug");
        page.fill("#name", "Книжный «Глобус»");
        page.click("button.primary");
        assertTrue(page.textContent("#slug-error").contains("Латинские"));
        page.fill("#slug", "globus-books");
        page.click("button.primary");
        page.waitForSelector("tr[data-slug=globus-books]");
        assertTrue(page.textContent("#partner-done").contains("Книжный «Глобус»"), "creating a partner is confirmed");

        // suspending takes a second step and a reason; without one it is refused and nothing changes
        page.locator("tr[data-slug=globus-books] summary").click();
        page.evaluate("document.querySelector('#reason-globus-books').removeAttribute('required')");
        page.locator("tr[data-slug=globus-books] button.danger").click();
        page.waitForSelector("#partner-refused");
        assertEquals(1, page.locator("tr[data-slug=globus-books] .badge.ACTIVE").count(), "no reason, no suspension");
        page.locator("#reason-globus-books").fill("проверка договора");
        page.locator("tr[data-slug=globus-books] button.danger").click();
        page.waitForSelector("tr[data-slug=globus-books] .badge.SUSPENDED");
        assertTrue(page.textContent("tr[data-slug=globus-books] .status-reason").contains("проверка договора"), "the reason is shown");
        assertTrue(page.textContent("#partner-done").contains("приостановлен"));

        page.navigate(base + "operator/audit");
        assertTrue(page.textContent("#audit").contains("Приостановка партнёра"), "actions in words, not codes");
        assertTrue(page.textContent("#audit").contains("проверка договора"));

        // the log narrowed to one partner and one action, and the same as CSV for the accountant
        page.selectOption("#action", "partner.suspend");
        page.selectOption("#partner", "globus-books");
        page.click("#audit-filter button[type=submit]");
        page.waitForURL(url -> url.contains("action=partner.suspend"));
        assertEquals(1, page.locator("#audit tbody tr").count(), page.textContent("#audit"));
        var csv = page.request().get(base + "operator/audit/export?action=partner.suspend&partner=globus-books");
        assertTrue(csv.headers().get("content-type").startsWith("text/csv"), csv.headers().toString());
        assertTrue(csv.headers().get("content-disposition").contains("audit-"), csv.headers().toString());
        String text = csv.text();
        assertTrue(text.contains("Приостановка партнёра") && text.contains("проверка договора") && text.contains("Книжный «Глобус»"), text);
        assertEquals(2, text.strip().split("\r?\n").length, "a header and the one entry: " + text);
    }
}
