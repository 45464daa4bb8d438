package ru.coalition.web;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.SelectOption;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.TestMembers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The support desk as its people use it (issue 11, "Done when"): a member opens a complaint in the cabinet on a phone;
 * the agent finds it in the queue, answers with a canned answer and the keyboard; the member answers; the agent solves
 * it; the member rates it.
 */
@QuarkusTest
class SupportDeskBrowserTest extends BrowserTest {

    @Test
    void aComplaintFromTheCabinetIsAnsweredWithAMacroSolvedAndRated() {
        TestMembers.TestMember tm = TestMembers.register();
        Page member = browser.phonePage();
        member.navigate(base + "cabinet/tickets");
        Browser.signIn(member, tm.email(), TestMembers.PASSWORD);
        member.click("#new-ticket");
        member.check("input[name=category][value=complaint]");
        member.selectOption("#partner", "smol-neft");
        member.fill("#subject", "Кассир не принял карту");
        member.fill("#body", "На АЗС у Смоленска 3 декабря кассир сказал, что карта не работает.");
        member.click("#ticket-send");
        member.waitForSelector("#ticket-done");
        String number = member.textContent("h1 .ticket-number").trim();
        String ticketUrl = member.url();
        Browser.screenshot(member, "support-member-opened");

        Page agent = browser.desktopPage();
        agent.navigate(base + "operator/tickets?queue=unassigned");
        Browser.signIn(agent, "support", "demo1234");
        agent.click("a:text-is('" + number + "')");
        agent.waitForSelector("#ticket-title");
        assertTrue(agent.textContent("#ticket-member").contains(tm.cardNumber().substring(0, 4)), "the member's card is beside the ticket");
        agent.keyboard().press("t");
        agent.waitForSelector("#ticket-done");
        agent.selectOption("#macro", new SelectOption().setLabel("Рекламация принята"));
        String draft = agent.inputValue("#reply-body");
        assertTrue(draft.contains("Мы приняли вашу рекламацию " + number) && !draft.contains("{{"), draft);
        agent.focus("#reply-body");
        agent.keyboard().press("Control+Enter");
        agent.waitForSelector("#ticket-done");
        assertEquals("Ждём ответа участника", agent.textContent("#ticket-state").trim());
        Browser.screenshot(agent, "support-agent-answered");

        member.navigate(ticketUrl.substring(0, ticketUrl.indexOf('?')));
        assertTrue(member.textContent("#conversation").contains("Мы приняли вашу рекламацию " + number));
        member.fill("#reply-body", "Спасибо, жду ответа партнёра");
        member.click("#reply-send");
        member.waitForSelector("#ticket-done");

        agent.reload();
        assertTrue(agent.textContent("#conversation").contains("Спасибо, жду ответа партнёра"));
        agent.keyboard().press("s");
        agent.waitForSelector("#ticket-done");
        assertEquals("Решено", agent.textContent("#ticket-state").trim());

        member.navigate(ticketUrl.substring(0, ticketUrl.indexOf('?')));
        member.check("input[name=score][value='5']");
        member.fill("#comment", "Быстро и вежливо");
        member.click("#rate");
        member.waitForSelector("#ticket-rating");
        assertTrue(member.textContent("#ticket-rating").contains("5 из 5"));
        Browser.screenshot(member, "support-member-rated");
    }

    @Test
    void aPhoneCallOpensAMissingPointsTicketSolvedWithPointsLinkedToIt() {
        TestMembers.TestMember tm = TestMembers.register();
        Page agent = browser.desktopPage();
        agent.navigate(base + "operator/calls");
        Browser.signIn(agent, "support", "demo1234");
        agent.waitForSelector("#call-form");
        agent.fill("#phone", tm.phone());
        agent.fill("#card", tm.cardNumber());
        agent.fill("#subject", "Не начислили баллы за заправку");
        agent.selectOption("#category", "missing-points");
        agent.fill("#partner", "smol-neft");
        agent.fill("#summary", "Звонит участник: 3 декабря заправился на 2 500 ₽, чек R-9001, баллов нет.");
        agent.selectOption("#outcome", "ticket-opened");
        agent.click("#call-log");
        agent.waitForSelector("#call-done");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("S-\\d{4}-\\d{6}").matcher(agent.textContent("#call-done"));
        assertTrue(m.find(), agent.textContent("#call-done"));
        String number = m.group();

        agent.navigate(base + "operator/tickets/" + number);
        assertTrue(agent.textContent("#conversation").contains("чек R-9001"));
        agent.selectOption("#wallet", "coalition");
        agent.fill("#points", "250");
        agent.fill("#reason", "Чек R-9001 подтверждён партнёром");
        agent.click("#adjust");
        agent.waitForSelector("#ticket-done");
        assertTrue(agent.textContent("#case-adjustments").contains("+250"));
        agent.keyboard().press("s");
        agent.waitForSelector("#ticket-state:text('Решено')");
        Browser.screenshot(agent, "support-phone-adjusted");

        // the member's history names the ticket; the audit log links the adjustment to it
        Page member = browser.phonePage();
        member.navigate(base + "cabinet/wallets");
        Browser.signIn(member, tm.email(), TestMembers.PASSWORD);
        member.waitForSelector("text=По обращению " + number);

        Page supervisor = browser.desktopPage();
        supervisor.navigate(base + "operator/audit?action=ledger.adjust");
        Browser.signIn(supervisor, "supervisor", "demo1234");
        supervisor.waitForSelector("a.audit-ticket:text-is('" + number + "')");
        supervisor.click("a.audit-ticket:text-is('" + number + "')");
        supervisor.waitForSelector("#ticket-title");
        assertTrue(supervisor.textContent("#case-adjustments").contains("Чек R-9001 подтверждён партнёром"));
    }
}
