package ru.coalition.clearing;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;

import java.nio.file.Files;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The partner's statement in the portal with its CSV and PDF, and the operator's overview, on a phone. */
@QuarkusTest
class ClearingBrowserTest extends BrowserTest {

    @Test
    void aPartnerDownloadsItsStatementAndTheOperatorSeesTheMonthBalance() throws Exception {
        Page portal = browser.phonePage();
        portal.navigate(base + "portal/statements");
        Browser.signIn(portal, "smol-neft-admin", "demo1234");
        portal.waitForSelector("#statement");
        assertEquals("false", portal.getAttribute("#statement", "data-closed"));
        Browser.screenshot(portal, "clearing-statement-phone");

        Download csv = portal.waitForDownload(() -> portal.click("#statement-csv"));
        String text = Files.readString(csv.path(), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\ufeffМесяц;Партнёр;Раздел"), text);
        Download pdf = portal.waitForDownload(() -> portal.click("#statement-pdf"));
        try (PDDocument doc = Loader.loadPDF(Files.readAllBytes(pdf.path()))) {
            String words = new PDFTextStripper().getText(doc);
            assertTrue(words.contains("АЗС «Смол-Нефть»") && words.contains("Цена балла"), words);
        }

        Page console = browser.phonePage();
        console.navigate(base + "operator/clearing");
        Browser.signIn(console, "operator", "demo1234");
        console.waitForSelector("#overview");
        assertTrue(console.locator("tr[data-partner=smol-neft]").count() == 1);
        assertTrue(console.locator("#total-margin").innerText().contains("₽"), console.locator("#total-margin").innerText());
        Browser.screenshot(console, "clearing-overview-phone");
    }
}
