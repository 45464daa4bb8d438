package ru.coalition.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.TestMembers;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Partner self-service: an admin invites a cashier by e-mail, the cashier chooses a password from the mail's link and
 * posts a purchase; once removed, the cashier's open session stops at the next click. Another partner's admin sees none
 * of it, and the operator admin invites operator staff the same way.
 */
@QuarkusTest
class StaffBrowserTest extends BrowserTest {

    private static final Pattern LINK = Pattern.compile("href=\"(http[^\"]*/invite/[A-Za-z0-9_-]+)\"");

    @Test
    void anAdminInvitesACashierWhoSetsAPasswordSellsAndIsRemoved() {
        String email = "cashier" + System.nanoTime() + "@kit-media.example";
        BrowserContext adminContext = browser.newContext(390, 844, "ru-RU");
        Page admin = adminContext.newPage();
        admin.navigate(base + "portal/staff");
        Browser.signIn(admin, "kit-media-admin", "demo1234");
        admin.waitForSelector("#invite-form");

        // a bad address is explained in the summary and at the field
        admin.fill("#email", "not-an-address");
        admin.click("#invite-submit");
        admin.waitForSelector("#error-summary");
        assertTrue(admin.isVisible("#email-error"));

        admin.fill("#email", email);
        admin.fill("#firstName", "Ольга");
        admin.fill("#lastName", "Кассирова");
        admin.selectOption("#role", "partner-cashier");
        admin.click("#invite-submit");
        admin.waitForSelector("#staff-done");
        String row = "#staff tr[data-email='" + email + "']";
        assertTrue(admin.textContent(row).contains("ждёт пароль"), admin.textContent(row));

        // another partner's admin does not see kit-media's cashier
        BrowserContext otherContext = browser.newContext(390, 844, "ru-RU");
        Page other = otherContext.newPage();
        other.navigate(base + "portal/staff");
        Browser.signIn(other, "smol-neft-admin", "demo1234");
        other.waitForSelector("#staff");
        assertEquals(0, other.locator(row).count(), "staff are seen by their own partner only");
        // nor can remove them, even knowing the id
        String removeAction = admin.getAttribute(row + " form", "action");
        var refused = otherContext.request().post(base + removeAction.substring(1));
        assertTrue(refused.text().contains("id=\"staff-refused\"") && refused.text().contains("нет среди ваших"), refused.text());
        admin.navigate(base + "portal/staff");
        assertEquals(1, admin.locator(row).count(), "still there after another partner's attempt");
        otherContext.close();

        // the mail's link: a password, then sign-in and a sale at the till
        String mail = Inbox.body(Inbox.awaitMailTo(email));
        Matcher link = LINK.matcher(mail);
        assertTrue(link.find(), mail);
        BrowserContext cashierContext = browser.newContext(390, 844, "ru-RU");
        Page cashier = cashierContext.newPage();
        cashier.navigate(link.group(1).replace("http://localhost:8080/", base.toString()));
        cashier.fill("#password", "short");
        cashier.fill("#repeat", "short");
        cashier.click("#invite-submit");
        cashier.waitForSelector("#password-error");
        cashier.fill("#password", "Kassa-2026-pass");
        cashier.fill("#repeat", "Kassa-2026-pass");
        cashier.click("#invite-submit");
        cashier.waitForSelector("#invite-done");
        assertEquals(410, cashierContext.request().get(link.group(1).replace("http://localhost:8080/", base.toString())).status(),
                "the link works once");

        var member = TestMembers.register();
        cashier.navigate(base + "portal/till?q=" + member.cardNumber());
        Browser.signIn(cashier, email, "Kassa-2026-pass");
        cashier.waitForSelector("#till-wallet");
        cashier.fill("input[name=sku] >> nth=0", "POSTER");
        cashier.fill("input[name=amount] >> nth=0", "700");
        cashier.fill("input[name=category] >> nth=0", "print");
        cashier.click("#purchase-form button[type=submit]");
        cashier.waitForSelector("#outcome.success");

        admin.navigate(base + "portal/staff");
        admin.waitForSelector(row);
        assertTrue(admin.textContent(row).contains("работает"), admin.textContent(row));
        admin.locator(row + " summary").click();
        admin.locator(row + " button.danger").click();
        admin.waitForSelector("#staff-done");
        assertEquals(0, admin.locator(row).count());

        // the removed cashier's open session stops at the next request
        cashier.navigate(base + "portal/till");
        assertTrue(cashier.textContent("h1").contains("Доступ закрыт"), cashier.textContent("body"));

        admin.navigate(base + "portal/audit");
        String log = admin.textContent("#audit");
        assertTrue(log.contains("Приглашение сотрудника") && log.contains("Удаление сотрудника") && log.contains(email), log);
        adminContext.close();
        cashierContext.close();
    }

    @Test
    void theOperatorInvitesASupportAgentAndAPartnerAdminNeedsAPartner() {
        String email = "agent" + System.nanoTime() + "@coalition.example";
        BrowserContext context = browser.newContext(1366, 900, "ru-RU");
        Page page = context.newPage();
        page.navigate(base + "operator/staff");
        Browser.signIn(page, "operator", "demo1234");
        page.waitForSelector("#invite-form");
        page.fill("#email", email);
        page.fill("#firstName", "Пётр");
        page.fill("#lastName", "Поддержкин");
        page.selectOption("#role", "partner-admin");
        page.click("#invite-submit");
        page.waitForSelector("#partner-error");
        page.selectOption("#role", "support-agent");
        page.click("#invite-submit");
        page.waitForSelector("#staff-done");
        assertTrue(page.textContent("#staff tr[data-email='" + email + "']").contains("сотрудник поддержки"));
        assertTrue(Inbox.body(Inbox.awaitMailTo(email)).contains("/invite/"));
        context.close();
    }
}
