package ru.coalition.support;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The member rates a solved ticket from the mailed link on a phone; the supervisor sees the rating on the dashboard and
 * downloads the table; an agent sees the honour board on a phone (May 2034, a moved clock).
 */
@QuarkusTest
class SupportFiguresBrowserTest extends BrowserTest {

    @Inject
    RatingLinks links;

    @Test
    void aRatingByLinkShowsOnTheDashboardAndTheBestAgentOnTheHonourBoard() throws Exception {
        TestMembers.TestMember member = TestMembers.register();
        MovableClock clock = MovableClock.installAt("2034-05-08T10:00:00+03:00");
        String first = SatisfactionTest.solvedTicket(member, "Баллы за заправку");
        clock.move(Duration.ofHours(2));
        SatisfactionTest.solvedTicket(member, "Карта не читается");
        clock.move(Duration.ofHours(2));
        SatisfactionTest.solvedTicket(member, "Смена телефона");

        // the member, not signed in, follows the "5" link of the mail, adds a comment and sends
        Page phone = browser.phonePage();
        phone.navigate(base + "support/rate/" + links.issue(UUID.fromString(first), Instant.parse("2034-06-01T00:00:00Z")) + "?score=5");
        assertTrue(phone.isChecked("#score-5"), "the score chosen in the mail is marked");
        phone.fill("#comment", "Спасибо, всё быстро");
        phone.click("#rate-submit");
        assertEquals("THANKS", phone.getAttribute("#rated", "data-outcome"));
        Browser.screenshot(phone, "support/rated-phone");
        phone.context().close();

        // the supervisor's dashboard: the agent's row with the rating, the totals, the download
        Page desk = browser.desktopPage();
        desk.navigate(base + "operator/support/dashboard?month=2034-05");
        Browser.signIn(desk, "supervisor", "demo1234");
        desk.waitForSelector("#figures-table");
        String row = desk.textContent("#figures-table tbody tr:first-child");
        assertTrue(row.contains("3") && row.contains("5"), row);
        assertTrue(desk.textContent("#figures-table tr.totals").contains("Итого"));
        assertEquals("3", desk.textContent("#weeks-table tr[data-week='2034-05-08'] td:nth-child(2)").trim());
        Browser.screenshot(desk, "support/dashboard-desktop");
        Download download = desk.waitForDownload(() -> desk.click("#figures-csv"));
        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertTrue(csv.contains("\nИтого;3;0,00;0,00;0,00;0,00;100,0;5,00;1;0,0"), csv);
        desk.context().close();

        // an agent's honour board on a phone: nobody else handled three tickets in May 2034
        Page agent = browser.phonePage();
        agent.navigate(base + "operator/support/honour?month=2034-05");
        Browser.signIn(agent, "support", "demo1234");
        agent.waitForSelector("#honour-places");
        assertEquals(1, agent.locator("#honour-places > li").count());
        assertTrue(agent.textContent(".place-1").contains("1-е место"), agent.textContent(".place-1"));
        assertTrue((Boolean) agent.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth"), "fits a phone");
        Browser.screenshot(agent, "support/honour-phone");
        agent.context().close();
    }
}
