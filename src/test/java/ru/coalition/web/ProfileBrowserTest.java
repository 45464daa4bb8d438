package ru.coalition.web;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.ledger.AuditRuns;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The member's profile in Chromium: the card's QR code decodes to the card number, a new e-mail confirmed by the code
 * from the mail, English chosen, SMS consent given and withdrawn, the data downloaded, the page checked on a phone and a
 * desktop, and the account deleted — after which the till cannot find the member and the ledger audit is clean.
 */
@QuarkusTest
class ProfileBrowserTest extends BrowserTest {

    private static final Pattern MAIL_CODE = Pattern.compile("id=\"code\"[^>]*>(\\d{6})<");

    @Inject
    MemberService members;

    @Inject
    AuditRuns auditRuns;

    @Inject
    ObjectMapper json;

    @Test
    void memberChangesEmailSwitchesToEnglishWithdrawsSmsConsentDownloadsTheirDataAndDeletesTheAccount() throws Exception {
        long seed = Long.getLong("profile.seed", System.nanoTime());
        System.out.println("ProfileBrowserTest seed: " + seed + " (rerun with -Dprofile.seed=" + seed + ")");
        Random random = new Random(seed);
        TestMember t = TestMembers.register();
        long memberId = members.byCard(t.cardNumber()).orElseThrow().id;
        String till = Tokens.till("kit-media");
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("receiptId", "PROFILE-" + seed, "occurredAt", OffsetDateTime.now().minusMinutes(1).toString(),
                        "member", Map.of("cardNumber", t.cardNumber()),
                        "lines", List.of(Map.of("sku", "BANNER", "name", "Баннер", "amount", "2300.50", "category", "print"))))
                .post("/api/v1/purchases").then().statusCode(201);

        Page page = browser.phonePage();
        page.navigate(base + "cabinet/profile");
        Browser.signIn(page, t.email(), TestMembers.PASSWORD);
        page.waitForSelector("#card-number");
        assertEquals(t.cardNumber(), page.textContent("#card-number").replace(" ", ""));
        assertEquals(t.cardNumber(), decodeQr(page), "the QR code is the card number");
        assertTrue(page.locator("header nav a[href='/cabinet/profile'][aria-current=page]").count() == 1, "the menu leads here");

        // a new e-mail: a wrong code is explained, the code from the mail changes it
        String email = "profile-" + seed + "-" + random.nextInt(1_000_000) + "@example.org";
        page.fill("#email", email);
        page.click("#email-send");
        page.waitForSelector("#email-pending");
        assertTrue(page.textContent("#email-pending").contains(email));
        assertEquals(t.email(), page.textContent("#current-email").trim(), "the old e-mail is in force until confirmed");
        String code = mailCode(email);
        String wrong = String.format("%06d", (Integer.parseInt(code) + 1) % 1_000_000);
        page.fill("#emailCode", wrong);
        page.click("#email-confirm");
        page.waitForSelector("#error-summary");
        assertTrue(page.textContent("#emailCode-error").contains("Неверный код"), page.textContent("#emailCode-error"));
        assertEquals("true", page.getAttribute("#emailCode", "aria-invalid"));
        page.fill("#emailCode", code);
        page.click("#email-confirm");
        page.waitForSelector("#done");
        assertEquals(email, page.textContent("#current-email").trim());
        assertEquals(email, fresh(memberId).email);
        Browser.screenshot(page, "profile-email-changed");

        // SMS consent given, then withdrawn together with switching to English
        page.check("#marketingSms");
        page.click("#settings-save");
        page.waitForSelector("#done");
        page.check("#language-en");
        page.uncheck("#marketingSms");
        page.click("#settings-save");
        page.waitForSelector("#done");
        assertEquals("Profile and settings", page.textContent("h1").trim(), "the page speaks English at once");
        var latest = page.locator("#consent-history tbody tr").first();
        assertEquals("marketingSms", latest.getAttribute("data-consent"));
        assertEquals("false", latest.getAttribute("data-granted"));
        assertTrue(latest.textContent().contains("withdrawn") && latest.textContent().contains("cabinet"), latest.textContent());
        assertEquals("en", fresh(memberId).language);
        Browser.screenshot(page, "profile-english");

        // the data download: a JSON attachment with the profile, the consent history, the wallets and the ledger
        Download download = page.waitForDownload(() -> page.click("#export"));
        assertTrue(download.suggestedFilename().endsWith(".json"), download.suggestedFilename());
        JsonNode data = json.readTree(Files.readAllBytes(download.path()));
        assertEquals(email, data.path("profile").path("email").asText());
        assertEquals(t.cardNumber(), data.path("profile").path("cardNumber").asText());
        assertEquals("en", data.path("profile").path("language").asText());
        List<String> smsDecisions = new ArrayList<>();
        data.path("consents").path("history").forEach(h -> {
            if (h.path("consent").asText().equals("marketingSms")) {
                smsDecisions.add(h.path("granted").asText() + "@" + h.path("source").asText());
            }
        });
        assertEquals(List.of("false@api", "true@cabinet", "false@cabinet"), smsDecisions);
        assertTrue(data.path("wallets").findValuesAsText("wallet").contains("kit-media"), data.path("wallets").toString());
        assertTrue(data.path("ledger").findValuesAsText("points").contains("2300"), data.path("ledger").toString());
        assertTrue(data.path("ledgerComplete").asBoolean());

        // a new device without a language cookie: the account's language is used; the page fits a desktop and a phone
        Page desktop = browser.desktopPage();
        desktop.setViewportSize(1366, 900);
        desktop.navigate(base + "cabinet/profile");
        Browser.signIn(desktop, email, TestMembers.PASSWORD);
        desktop.waitForSelector("#card-number");
        assertEquals("Profile and settings", desktop.textContent("h1").trim(), "the account's language on a new device");
        List<String> findings = new ArrayList<>();
        look(desktop, "desktop en", findings);
        desktop.navigate(base + "cabinet?lang=ru");
        assertEquals(t.cardNumber(), decodeQr(desktop), "the cabinet's card panel shows the same QR code");
        look(desktop, "cabinet desktop ru", findings);
        desktop.navigate(base + "cabinet/profile");
        look(desktop, "desktop ru", findings);
        look(page, "phone en", findings);
        page.navigate(base + "cabinet?lang=ru");
        look(page, "cabinet phone ru", findings);
        page.navigate(base + "cabinet/profile?lang=en");
        assertTrue(findings.isEmpty(), String.join("\n", findings));

        // deletion: refused without the word and the tick, then done
        page.click("#delete-submit");
        page.waitForSelector("#error-summary");
        assertTrue(page.locator("#confirmWord-error").isVisible() && page.locator("#confirmUnderstand-error").isVisible());
        look(page, "phone en with errors", findings);
        assertTrue(findings.isEmpty(), String.join("\n", findings));
        page.fill("#confirmWord", "delete");
        page.check("#confirmUnderstand");
        page.click("#delete-submit");
        page.waitForSelector("#deleted");
        Browser.screenshot(page, "profile-deleted");
        assertEquals(0, page.locator("header form.logout").count(), "signed out");
        page.navigate(base + "cabinet");
        page.waitForSelector("#username");
        assertTrue(page.url().contains("/realms/"), "the cabinet asks to sign in again: " + page.url());

        Member gone = fresh(memberId);
        assertEquals(Member.DELETED, gone.status);
        assertTrue(gone.email == null && gone.phone == null && gone.lastName == null && gone.birthDate == null);
        given().auth().oauth2(till).get("/api/v1/members/{card}/wallet", t.cardNumber()).then().statusCode(404);
        AuditRuns.Summary run = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> auditRuns.runNow(AuditRuns.Trigger.API, "profile-browser-test", null).orElse(null), s -> s != null);
        assertTrue(run.clean(), "ledger audit after deletion: " + run.breaches());
    }

    /** The member as stored now, read in a transaction of its own (not from this test's session cache). */
    private Member fresh(long id) {
        return QuarkusTransaction.requiringNew().call(() -> members.byId(id).orElseThrow());
    }

    private static String mailCode(String email) {
        String body = Inbox.body(Inbox.awaitMailTo(email));
        Matcher m = MAIL_CODE.matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }

    /** Reads the QR code on the page back from a screenshot, as a till's scanner would. */
    private static String decodeQr(Page page) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(page.locator("svg.card-qr").first().screenshot()));
        int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels))))
                .getText();
    }

    /** Nothing wider than the screen, and no serious or critical axe-core finding. */
    private static void look(Page page, String where, List<String> findings) {
        page.waitForLoadState(LoadState.NETWORKIDLE);
        Browser.screenshot(page, "profile-" + where.replace(' ', '-'));
        Object wide = page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth"
                + " ? document.documentElement.scrollWidth + ' px on ' + window.innerWidth : null");
        if (wide != null) {
            findings.add(where + ": page is " + wide);
        }
        for (Rule v : new AxeBuilder(page).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze().getViolations()) {
            if ("serious".equals(v.getImpact()) || "critical".equals(v.getImpact())) {
                findings.add(where + ": axe " + v.getImpact() + " " + v.getId() + " at "
                        + v.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList());
            }
        }
        assertFalse(page.content().contains("{cabinet:"), where + ": a message key on the page");
    }
}
