package ru.coalition.web;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kit-media's admin on a phone (issue 13 §4): in the program editor, three points per rouble instead of the rule in force,
 * «Проверить на прошлых чеках» over March 2048 (a month no other test buys in), the progress, then the projected cost
 * beside the cost as it was, and the figures as CSV. A period that ends before it starts sends the editor back with the
 * problem and the form as typed.
 */
@QuarkusTest
class RuleBacktestBrowserTest extends BrowserTest {

    @Inject
    EntityManager em;

    @Test
    void theAdminBackTestsADraftAndSeesWhatItWouldCost() throws Exception {
        MovableClock.installAt("2048-04-05T12:00:00+03:00");
        String till = Tokens.till("kit-media");
        var a = TestMembers.register();
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", "BTB-A1-" + a.cardNumber(), "occurredAt", "2048-03-10T10:00:00+03:00",
                        "member", Map.of("cardNumber", a.cardNumber()),
                        "lines", List.of(Map.of("sku", "ITEM", "amount", "1000.00", "category", "print"))))
                .post("/api/v1/purchases").then().statusCode(201);
        BigDecimal rate = QuarkusTransaction.requiringNew().call(() -> (BigDecimal) em.createNativeQuery(
                "select rate_per_point from partner where slug = 'kit-media'").getSingleResult());

        Page page = browser.phonePage();
        page.navigate(base + "portal/program");
        Browser.signIn(page, "kit-media-admin", "demo1234");
        page.waitForSelector("#editor-form");
        page.fill("#earnPoints", "3");
        page.fill("#earnPerRubles", "1.00");

        // a period that ends before it starts: the editor comes back with the problem, the draft as typed
        page.fill("#backtestFrom", "2048-03-31");
        page.fill("#backtestTo", "2048-03-01");
        page.click("#backtest-start");
        page.waitForSelector("#editor-problems");
        assertTrue(page.textContent("#editor-problems").contains("Период проверки"), page.textContent("#editor-problems"));
        assertEquals("3", page.inputValue("#earnPoints"));

        page.fill("#backtestFrom", "2048-03-01");
        page.fill("#backtestTo", "2048-03-31");
        page.click("#backtest-start");
        page.waitForURL("**/portal/analytics/backtest/**");
        assertTrue(page.textContent("#backtest-period").contains("01.03.2048"), page.textContent("#backtest-period"));
        // htmx polls the progress until the figures are there
        try {
            page.waitForSelector("#projected-cost");
        } catch (RuntimeException e) {
            throw new AssertionError(page.content(), e);
        }
        // 3 × 1 000 = 3 000 points at the partner's rate
        String expected = BigDecimal.valueOf(3000).multiply(rate).setScale(2, java.math.RoundingMode.HALF_UP).toPlainString().replaceAll("\\D", "");
        assertEquals(expected, page.textContent("#projected-cost").replaceAll("\\D", ""), page.textContent("#projected-cost"));
        assertEquals("3000", page.textContent("[data-figure=points] .draft").replaceAll("\\D", ""));
        assertEquals("1", page.textContent("[data-figure=receipts] .draft").replaceAll("\\D", ""));
        assertTrue(page.locator("#backtest-figures svg").count() == 1, "the chart is drawn");
        Browser.screenshot(page, "rule-backtest");

        Download download = page.waitForDownload(() -> page.click("#backtest-csv"));
        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\ufeffПоказатель;Как было;По черновику"), csv);
        assertTrue(csv.contains("Начислено баллов;") && csv.contains(";3000"), csv);
    }
}
