package ru.coalition.board;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.TestMembers;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The board end to end in Chromium: a member asks on a phone (the question waits), a visitor cannot see it yet, the
 * agent approves it in the console and answers on the question's page, marks that answer accepted and a visitor then
 * reads the question with the desk's accepted answer; a script in the post never runs.
 */
@QuarkusTest
class BoardBrowserTest extends BrowserTest {

    @Test
    void aMemberAsksAnAgentApprovesAndAnswersAndAVisitorReadsIt() {
        long seed = Long.getLong("board.seed", System.nanoTime());
        System.out.println("BoardBrowserTest seed: " + seed + " (rerun with -Dboard.seed=" + seed + ")");
        String title = "Баллы за печать не пришли " + Integer.toString(new Random(seed).nextInt(1_000_000), 36);
        var member = TestMembers.register();

        Page phone = browser.phonePage();
        boolean[] dialog = {false};
        phone.onDialog(d -> {
            dialog[0] = true;
            d.dismiss();
        });
        phone.navigate(base + "board");
        phone.click("#ask");
        Browser.signIn(phone, member.email(), TestMembers.PASSWORD);
        phone.waitForURL(url -> url.contains("/board/ask"));
        phone.click("#ask-form button[type=submit]");
        phone.waitForSelector("#error-summary");
        phone.selectOption("#topic", "points");
        phone.fill("#title", title);
        phone.fill("#body", "Печатал **в пятницу**. <img src=x onerror=\"alert(1)\">");
        phone.click("#ask-form button[type=submit]");
        phone.waitForSelector("#done");
        String questionUrl = phone.url().replaceAll("[?#].*", "");
        String questionId = questionUrl.substring(questionUrl.lastIndexOf('/') + 1);
        assertTrue(phone.locator("#post-" + questionId + " .badge").allInnerTexts().contains("На проверке"));
        assertEquals("в пятницу", phone.locator("#post-" + questionId + " .post-body strong").innerText());
        Browser.screenshot(phone, "board-asked-phone");

        Page visitor = browser.phonePage();
        Response hidden = visitor.navigate(questionUrl);
        assertEquals(404, hidden.status());

        Page agent = browser.desktopPage();
        agent.navigate(base + "operator/board");
        Browser.signIn(agent, "support", "demo1234");
        agent.waitForURL(url -> url.contains("/operator/board"));
        agent.click("#pending-" + questionId + " button.primary");
        agent.waitForSelector("#done");
        assertEquals(0, agent.locator("#pending-" + questionId).count());
        Browser.screenshot(agent, "board-console");

        agent.navigate(questionUrl);
        agent.fill("#body", "Проверили: баллы начислены, активируются через 14 дней.");
        agent.click("#answer-form button[type=submit]");
        agent.waitForSelector("#done");
        var staffAnswer = agent.locator("article.post.staff");
        assertEquals(1, staffAnswer.count());
        staffAnswer.locator("form[action$='/accept'] button").click();
        agent.waitForSelector("article.post.staff.accepted");

        visitor.navigate(questionUrl);
        assertEquals(title, visitor.locator("#question-title").innerText());
        assertTrue(visitor.locator("article.post.staff.accepted").innerText().contains("Лучший ответ"));
        assertEquals(0, visitor.locator("#answer-form").count(), "a visitor is asked to sign in instead");
        assertTrue(visitor.locator("#sign-in-to-answer").isVisible());
        assertEquals(0, visitor.locator(".post-body img").count());
        Browser.screenshot(visitor, "board-question-visitor");
        visitor.navigate(base + "board?q=" + title.substring(title.lastIndexOf(' ') + 1));
        assertTrue(visitor.locator("a[href='/board/questions/" + questionId + "']").isVisible());
        assertFalse(dialog[0], "no script of a post ran");
    }
}
