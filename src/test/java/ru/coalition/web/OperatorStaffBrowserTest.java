package ru.coalition.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.RequestOptions;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.TestMembers;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Support and mailing staff land on their own work, see only what their role allows and cannot do an admin's part. */
@QuarkusTest
class OperatorStaffBrowserTest extends BrowserTest {

    @Test
    void aSupportAgentLandsOnTheTicketsFindsAMemberByEmailAndCannotAdjustThere() {
        var member = TestMembers.register();
        BrowserContext context = browser.newContext(390, 844, "ru-RU");
        Page page = context.newPage();
        page.navigate(base + "operator");
        Browser.signIn(page, "support", "demo1234");
        page.waitForURL(url -> url.endsWith("/operator/tickets"));

        page.navigate(base + "operator/members");
        page.fill("#q", member.email().toUpperCase());
        page.click("form[role=search] button[type=submit]");
        page.waitForSelector("#member-name");
        assertEquals(member.cardNumber().replaceAll("(\\d{4})(?=\\d)", "$1 "), page.textContent("#member-card").trim());
        assertEquals(0, page.locator("#adjust-form").count(), "an agent reads, an admin adjusts");
        assertEquals(0, page.locator("header nav a[href='/operator']").count(), "no partner list in an agent's menu");

        int status = context.request().post(base + "operator/members/" + member.cardNumber() + "/adjust",
                RequestOptions.create().setForm(com.microsoft.playwright.options.FormData.create()
                        .set("wallet", "coalition").set("points", "100").set("reason", "не положено"))).status();
        assertEquals(403, status, "the adjustment itself is refused to an agent, not only hidden");

        page.fill("#q", "7000 0000 0000 0000");
        page.click("form[role=search] button[type=submit]");
        page.waitForSelector("#desk-not-found");
        context.close();
    }

    /** ui_locales follows the person's choice: ?lang= on the way in, then the cookie our pages set. */
    @Test
    void theSignInPageSpeaksTheLanguageChosenOnOurPages() {
        BrowserContext context = browser.newContext(390, 844, "ru-RU");
        Page page = context.newPage();
        page.navigate(base + "cabinet");
        page.waitForSelector("#username");
        assertEquals("ru", page.getAttribute("html", "lang"), "Russian by default");

        page.navigate(base + "?lang=en");
        page.navigate(base + "cabinet");
        page.waitForSelector("#username");
        assertEquals("en", page.getAttribute("html", "lang"), "English after choosing it on the front page");
        context.close();
    }

    @Test
    void aMailingManagerLandsOnTheMailingsAndSeesNoMemberData() {
        TestMembers.register();
        BrowserContext context = browser.newContext(1366, 900, "ru-RU");
        Page page = context.newPage();
        page.navigate(base + "operator");
        Browser.signIn(page, "mailer", "demo1234");
        page.waitForURL(url -> url.endsWith("/operator/mailings"));
        page.navigate(base + "operator/audience");
        long members = Long.parseLong(page.textContent("#reach-members").replaceAll("\\D", ""));
        long email = Long.parseLong(page.textContent("#reach-email").replaceAll("\\D", ""));
        assertTrue(members >= 1 && email >= 1 && email <= members, members + " members, " + email + " by e-mail");
        assertTrue(page.textContent("#reach-cities").contains("Смоленск"));
        assertEquals(403, context.request().get(base + "operator/members").status(), "a mailing manager looks up no member");
        assertEquals(403, context.request().get(base + "operator/ledger").status());
        context.close();
    }
}
