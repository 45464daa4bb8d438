package ru.coalition.web;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.purchases.PurchaseActivity;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kit-media's admin on the dashboard (issue 13 §1) on a phone: the figures of a period in May 2046 (a month no other test
 * buys in) beside the days before it, switching the period, the days' chart and table, the CSV, and a wrong period; the
 * customers' portrait (issue 13 §3) of June 2051 with its small answers merged and hidden, and its CSV.
 */
@QuarkusTest
class PartnerDashboardBrowserTest extends BrowserTest {

    @Inject
    PurchaseActivity activity;

    @Test
    void theAdminReadsAPeriodSwitchesItAndDownloadsTheDays() throws Exception {
        MovableClock.installAt("2046-05-20T12:00:00+03:00");
        String till = Tokens.till("kit-media");
        var a = TestMembers.register();
        var b = TestMembers.register();
        buy(till, a.cardNumber(), "DB-A1", "2046-05-02T10:00:00+03:00", "1000.00");
        buy(till, b.cardNumber(), "DB-B1", "2046-05-02T12:00:00+03:00", "3000.00");
        buy(till, a.cardNumber(), "DB-A2", "2046-05-09T10:00:00+03:00", "500.00");
        // the week before: one receipt of 2 000.00
        buy(till, b.cardNumber(), "DB-B0", "2046-04-25T10:00:00+03:00", "2000.00");
        activity.fold();

        Page page = browser.phonePage();
        page.navigate(base + "portal/analytics?from=2046-05-02&to=2046-05-09");
        Browser.signIn(page, "kit-media-admin", "demo1234");
        page.waitForSelector("#tiles");
        // 4 500.00 over three receipts, against 2 000.00 in the eight days before: +125 %
        assertEquals("450000", digits(page.textContent("[data-tile=revenue] .tile-value")));
        assertEquals("3", digits(page.textContent("[data-tile=receipts] .tile-value")));
        assertEquals("2", digits(page.textContent("[data-tile=members] .tile-value")));
        assertTrue(page.textContent("[data-tile=revenue] .tile-before").contains("+125 %"), page.textContent("[data-tile=revenue] .tile-before"));
        assertTrue(page.textContent("#compared").contains("24.04.2046"), page.textContent("#compared"));
        assertEquals(2, page.locator("#days tr[data-day]").count());
        assertTrue(page.locator("#revenue-by-day svg").count() == 1, "the chart is drawn");
        Browser.screenshot(page, "partner-dashboard");

        // another period by the form: only 9 May
        page.fill("#from", "2046-05-09");
        page.fill("#to", "2046-05-09");
        page.click("#period button[type=submit]");
        page.waitForURL("**from=2046-05-09**");
        assertEquals("50000", digits(page.textContent("[data-tile=revenue] .tile-value")));

        Download download = page.waitForDownload(() -> page.click("#csv"));
        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\ufeffДень;Выручка;Чеков;Покупателей"), csv);
        assertTrue(csv.contains("2046-05-09;500,00;1;1"), csv);
        // the breakdown of 9 May: A alone, with one receipt, returning (A first bought on 2 May)
        assertEquals("1", page.textContent("#frequency-table tr[data-band='1'] td.num").strip());
        Download breakdown = page.waitForDownload(() -> page.click("#breakdown-csv"));
        String rows = Files.readString(breakdown.path(), StandardCharsets.UTF_8);
        assertTrue(rows.startsWith("\ufeffРаздел;Строка;Показатель;Значение"), rows);
        assertTrue(rows.contains("Сколько раз покупали за период;1 чек;Покупателей;1"), rows);
        assertTrue(rows.contains("Сколько раз покупали за период;Вернувшиеся покупатели;Покупателей;1"), rows);
        assertTrue(rows.contains("Продажи по категориям;print;Выручка;500,00"), rows);

        // a wrong period is said so, and the last 30 days are shown meanwhile
        page.navigate(base + "portal/analytics?from=2046-05-09&to=2046-05-01");
        page.waitForSelector("#period-errors");
        assertTrue(page.textContent("#period-errors").contains("раньше первого"), page.textContent("#period-errors"));
    }

    @Test
    void theAdminSeesThePortraitWithTheSmallAnswersHidden() throws Exception {
        MovableClock.installAt("2051-07-05T12:00:00+03:00");
        String till = Tokens.till("kit-media");
        // June 2051, a month no other test buys in: Смоленск 13, Вязьма 5, Рославль 2 (too few: with Вязьма as "others")
        customers(till, 7, "female", "Смоленск", "2051-06-03");
        customers(till, 6, "male", "Смоленск", "2051-06-04");
        customers(till, 5, "male", "Вязьма", "2051-06-05");
        customers(till, 2, "female", "Рославль", "2051-06-06");
        activity.fold();

        Page page = browser.phonePage();
        page.navigate(base + "portal/analytics");
        Browser.signIn(page, "kit-media-admin", "demo1234");
        page.click("#portrait-link");
        page.waitForSelector("#portrait");
        page.fill("#from", "2051-06");
        page.fill("#to", "2051-06");
        page.click("#period button[type=submit]");
        page.waitForURL("**from=2051-06**");
        assertTrue(page.textContent("#months").contains("01.06.2051") && page.textContent("#months").contains("30.06.2051"), page.textContent("#months"));
        var city = page.locator("[data-dimension=city]");
        assertEquals(List.of("Смоленск", "*"), city.locator("tr[data-value]").evaluateAll("rows => rows.map(r => r.dataset.value)"));
        assertTrue(city.locator("tr[data-value='*']").textContent().contains("Остальные"), city.textContent());
        assertTrue(city.locator(".suppressed").textContent().contains("Скрыто ответов: 2"), city.textContent());
        String smolensk = digits(city.locator("tr[data-value='Смоленск'] td").nth(1).textContent());
        assertTrue(smolensk.equals("10") || smolensk.equals("15"), "13 rounded to a multiple of 5: " + smolensk);
        assertEquals(1, city.locator("svg").count());
        assertEquals(5, page.locator("#portrait section[data-dimension]").count());
        Browser.screenshot(page, "partner-portrait");

        Download download = page.waitForDownload(() -> page.click("#portrait-csv"));
        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\ufeffВопрос анкеты;Ответ;Человек (≈);Выручка (≈)"), csv);
        assertTrue(csv.contains("Город;Смоленск;" + smolensk + ";"), csv);
        assertTrue(!csv.contains("Рославль") && !csv.contains("Вязьма"), csv);
    }

    private static void customers(String till, int n, String gender, String city, String day) {
        for (int i = 0; i < n; i++) {
            String card = TestMembers.registerAnswering(Map.of("gender", gender, "city", city, "birthDate", "2020-06-15"));
            buy(till, card, "PB-" + city, day + "T12:00:00+03:00", "1000.00");
        }
    }

    private static String digits(String text) {
        return text.replaceAll("[^0-9]", "");
    }

    private static void buy(String till, String card, String receipt, String at, String amount) {
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", receipt + "-" + card, "occurredAt", at, "member", Map.of("cardNumber", card),
                        "lines", List.of(Map.of("sku", "ITEM", "amount", amount, "category", "print"))))
                .post("/api/v1/purchases").then().statusCode(201);
    }
}
