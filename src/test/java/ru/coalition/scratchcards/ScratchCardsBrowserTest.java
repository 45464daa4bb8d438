package ru.coalition.scratchcards;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;
import io.restassured.http.ContentType;
import java.util.Map;
import static io.restassured.RestAssured.given;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10's flow in the browser, on a phone: smol-neft's admin orders 100 cards, watches them being made, downloads
 * the CSV and the PDF, activates the batch; a member types a code in the cabinet and sees the points in the coalition
 * wallet, then spends them on a catalog reward honoured by avto-drive, whose cashier redeems the voucher.
 */
@QuarkusTest
class ScratchCardsBrowserTest extends BrowserTest {

    @Test
    void anAdminOrdersPrintsAndActivatesABatchAndAMemberEntersACode() throws Exception {
        Page admin = browser.phonePage();
        admin.navigate(base + "portal/scratch");
        Browser.signIn(admin, "smol-neft-admin", "demo1234");
        admin.waitForSelector("#order-form");
        // the program's defaults are filled in
        assertEquals("50", admin.inputValue("#pointsPerCard"));

        // a wrong field is named, and nothing is ordered
        admin.fill("#count", "0");
        admin.click("#order-submit");
        admin.waitForSelector("#count-error");
        assertTrue(admin.isVisible(".error-summary"));

        admin.fill("#count", "100");
        admin.fill("#validUntil", LocalDate.now().plusMonths(6).toString());
        admin.fill("#note", "АЗС на Кутузова");
        admin.click("#order-submit");
        admin.waitForSelector("#batch");
        String status = admin.getAttribute("#batch", "data-status");
        if (!"READY".equals(status)) {
            // still being made: the page shows how far it got and reloads itself when the cards are ready
            assertTrue(admin.isVisible("#batch-progress progress"), status);
        }
        admin.waitForSelector("#download-csv", new Page.WaitForSelectorOptions().setTimeout(60_000));
        Browser.screenshot(admin, "scratch-batch-ready-phone");

        Download csv = admin.waitForDownload(() -> admin.click("#download-csv"));
        List<String> lines = Files.readAllLines(csv.path());
        assertEquals("serial,code,points,validUntil", lines.get(0));
        assertEquals(101, lines.size());
        String code = lines.get(42).split(",")[1];

        Download pdf = admin.waitForDownload(() -> admin.click("#download-pdf"));
        try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf.path()))) {
            assertEquals(10, doc.getNumberOfPages());
        }

        admin.click("#activate summary");
        admin.click("#activate-confirm");
        admin.waitForSelector("#batch-done");
        assertEquals("ACTIVE", admin.getAttribute("#batch", "data-status"));
        assertTrue(admin.locator("#download-csv").count() == 0, "no codes after activation");

        var member = TestMembers.register();
        Page cabinet = browser.phonePage();
        // the QR on the card opens the page with the code filled in
        cabinet.navigate(base + "cabinet/code?c=" + code.replace("-", ""));
        Browser.signIn(cabinet, member.email(), TestMembers.PASSWORD);
        cabinet.waitForSelector("#code-form");
        assertEquals(code, cabinet.inputValue("#code"));
        // a typo is told as one
        cabinet.fill("#code", code.substring(0, 14) + (code.charAt(14) == 'A' ? 'B' : 'A'));
        cabinet.click("#code-submit");
        cabinet.waitForSelector("#code-error");
        assertTrue(cabinet.textContent("#code-error").contains("опечат") || cabinet.textContent("#code-error").contains("знак"),
                cabinet.textContent("#code-error"));
        cabinet.fill("#code", code.toLowerCase());
        cabinet.click("#code-submit");
        cabinet.waitForSelector("#credited");
        assertTrue(cabinet.textContent("#credited").contains("50 баллов"), cabinet.textContent("#credited"));
        assertTrue(cabinet.textContent("#entered").contains("АЗС «Смол-Нефть»"), cabinet.textContent("#entered"));
        Browser.screenshot(cabinet, "scratch-code-credited-phone");

        cabinet.navigate(base + "cabinet/wallets");
        String coalition = cabinet.textContent("[data-wallet=coalition] .active-points").replaceAll("\\D", "");
        assertEquals(50, Integer.parseInt(coalition), "a new member's coalition wallet holds the card's points");

        // the card's points buy a reward another coalition partner honours
        String title = "Мойка кузова " + System.nanoTime();
        given().auth().oauth2(Tokens.user("operator", "demo1234")).contentType(ContentType.JSON)
                .body(Map.of("titleRu", title, "titleEn", "Car wash", "cost", 50, "partner", "avto-drive"))
                .post("/api/v1/operator/catalog/rewards").then().statusCode(201);
        cabinet.navigate(base + "cabinet/catalog");
        var reward = cabinet.locator("li.reward", new Page.LocatorOptions().setHasText(title));
        reward.locator("summary").click();
        reward.locator("button[type=submit]").click();
        cabinet.waitForSelector("#order-done");
        String voucher = cabinet.locator(".voucher[data-state=ISSUED] .voucher-code").first().innerText().strip();

        Page till = browser.phonePage();
        till.navigate(base + "portal/till");
        Browser.signIn(till, "avto-drive-cashier", "demo1234");
        till.waitForURL(url -> url.contains("/portal/till"));
        till.fill("#voucherCode", voucher);
        till.press("#voucherCode", "Enter");
        till.waitForSelector("#outcome.success");
        assertTrue(till.locator("#outcome").innerText().contains(title), till.locator("#outcome").innerText());
        cabinet.navigate(base + "cabinet/vouchers");
        assertEquals("REDEEMED", cabinet.locator(".voucher").first().getAttribute("data-state"));
    }
}
