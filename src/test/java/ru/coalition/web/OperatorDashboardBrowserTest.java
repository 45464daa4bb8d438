package ru.coalition.web;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
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
 * The operator's dashboard (issue 13 §6) on a phone, in October 2053 (a month no other test buys in): the tiles, the
 * charts, the busiest hours and the partner matrix as heat maps, the CSV; a partner's admin is refused it.
 */
@QuarkusTest
class OperatorDashboardBrowserTest extends BrowserTest {

    @Inject
    PurchaseActivity activity;

    @Test
    void theOperatorReadsTheCoalitionOnAPhone() throws Exception {
        MovableClock.installAt("2053-10-20T12:00:00+03:00");
        String kit = Tokens.till("kit-media");
        String smol = Tokens.till("smol-neft");
        String a = TestMembers.registerAnswering(Map.of());
        String b = TestMembers.registerAnswering(Map.of());
        // Monday 6 October 2053: a at both partners at 9 o'clock, b at kit-media at 19
        buy(kit, a, "OD-1", "2053-10-06T09:10:00+03:00", "1500.00");
        buy(smol, a, "OD-2", "2053-10-06T09:40:00+03:00", "800.00");
        buy(kit, b, "OD-3", "2053-10-07T19:00:00+03:00", "700.00");
        activity.fold();

        Page page = browser.phonePage();
        page.navigate(base + "operator/analytics?from=2053-10-01&to=2053-10-31");
        Browser.signIn(page, "operator", "demo1234");
        page.waitForSelector("#tiles");
        assertEquals("2", digits(page.textContent("[data-tile=activeMembers] .tile-value")));
        assertEquals("300000", digits(page.textContent("[data-tile=revenue] .tile-value")));
        assertEquals("3", digits(page.textContent("[data-tile=receipts] .tile-value")));
        assertTrue(page.locator("nav a[href='/operator/analytics']").count() > 0, "the menu links the page");
        assertTrue(page.locator("#growth svg").count() == 1, "the growth chart is drawn");
        assertTrue(page.locator("#partners svg").count() == 1, "the revenue bars are drawn");
        assertTrue(page.locator("#hours svg").count() == 1, "the hours heat map is drawn");
        assertTrue(page.textContent("#busiest").contains("понедельник") && page.textContent("#busiest").contains("9:00"), page.textContent("#busiest"));
        assertEquals("2", digits(page.textContent("#hours-table tr[data-weekday='1'] td[data-hour='9']")));
        assertEquals("1", digits(page.textContent("#overlap-table tr[data-partner=kit-media] td[data-partner=smol-neft]")));
        assertEquals("2", digits(page.textContent("#overlap-table tr[data-partner=kit-media] td[data-partner=kit-media]")));
        assertEquals("1", digits(page.textContent("#overlap-table tr[data-partner=smol-neft] td[data-partner=kit-media]")));
        Browser.screenshot(page, "operator-analytics");

        Download download = page.waitForDownload(() -> page.click("#csv"));
        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\ufeffРаздел;Строка;Показатель;Значение"), csv);
        assertTrue(csv.contains("Итоги периода;Вся коалиция;Активных участников;2"), csv);
        assertTrue(csv.contains("Итоги периода;Вся коалиция;Выручка партнёров;3000,00"), csv);
        assertTrue(csv.contains("Самые загруженные часы;понедельник 09:00;Чеков;2"), csv);

        // a wrong period is named, and the last 30 days are shown meanwhile
        page.navigate(base + "operator/analytics?from=2053-10-09&to=2053-10-01");
        page.waitForSelector("#period-errors");
        assertTrue(page.textContent("#period-errors").contains("раньше первого"), page.textContent("#period-errors"));

        Page partner = browser.phonePage();
        partner.navigate(base + "portal");
        Browser.signIn(partner, "kit-media-admin", "demo1234");
        partner.waitForLoadState();
        assertEquals(0, partner.locator("nav a[href='/operator/analytics']").count());
        Response refused = partner.navigate(base + "operator/analytics");
        assertEquals(403, refused.status());
        Response csvRefused = partner.navigate(base + "operator/analytics/summary.csv?from=2053-10-01&to=2053-10-31");
        assertEquals(403, csvRefused.status());
    }

    private static String digits(String text) {
        return text.replaceAll("[^0-9]", "");
    }

    private static void buy(String till, String card, String receipt, String at, String amount) {
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", receipt + "-" + card, "occurredAt", at, "member", Map.of("cardNumber", card),
                        "lines", List.of(Map.of("sku", "ITEM", "amount", amount, "category", "goods"))))
                .post("/api/v1/purchases").then().statusCode(201);
    }
}
