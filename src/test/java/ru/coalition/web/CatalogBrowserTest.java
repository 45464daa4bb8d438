package ru.coalition.web;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Random;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The catalog end to end in Chromium: the operator adds a reward with a picture in the console; a member with enough
 * coalition points orders it on a phone (after a confirmation), sees the voucher with its QR code; the honouring
 * partner's cashier redeems it on the till page, and a second attempt is refused in words.
 */
@QuarkusTest
class CatalogBrowserTest extends BrowserTest {

    @Test
    void operatorAddsARewardMemberOrdersItAndTheHonouringCashierRedeemsTheVoucher() throws Exception {
        long seed = Long.getLong("catalog.seed", System.nanoTime());
        System.out.println("CatalogBrowserTest seed: " + seed + " (rerun with -Dcatalog.seed=" + seed + ")");
        Random random = new Random(seed);
        String title = "Кофе и круассан " + Integer.toString(random.nextInt(1_000_000), 36);
        int cost = 200 + random.nextInt(300);

        // the operator adds the reward in the console, picture and all
        Page console = browser.desktopPage();
        console.navigate(base + "operator/catalog");
        Browser.signIn(console, "operator", "demo1234");
        console.waitForURL(url -> url.contains("/operator/catalog"));
        console.click("#reward-new");
        console.fill("#titleRu", title);
        console.fill("#titleEn", "Coffee and croissant");
        console.fill("#descriptionRu", "В кафе любой АЗС сети.");
        console.fill("#cost", "abc");
        console.selectOption("#partner", "smol-neft");
        console.click("#reward-save");
        // a bad number comes back on the form, with the summary, nothing saved
        console.waitForSelector("#error-summary");
        assertTrue(console.locator("#cost-error").isVisible());
        console.fill("#cost", Integer.toString(cost));
        console.fill("#stockLeft", "5");
        console.setInputFiles("#picture", new FilePayload("coffee.png", "image/png", png()));
        console.click("#reward-save");
        console.waitForSelector("#catalog-done");
        assertTrue(console.locator("#rewards").innerText().contains(title));
        Browser.screenshot(console, "catalog-operator-list");

        // a member with coalition points, and a reward they cannot afford beside it
        TestMember m = TestMembers.register();
        String operator = Tokens.user("operator", "demo1234");
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", m.cardNumber(), "wallet", "coalition", "points", cost + 50, "reason", "баллы для теста каталога"))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(201);
        String dear = given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("titleRu", "Дорогой подарок " + seed, "titleEn", "Dear", "cost", 900_000, "partner", "avto-drive"))
                .post("/api/v1/operator/catalog/rewards").then().statusCode(201).extract().path("rewardId");

        Page phone = browser.phonePage();
        phone.navigate(base + "cabinet/catalog");
        Browser.signIn(phone, m.email(), TestMembers.PASSWORD);
        phone.waitForURL(url -> url.contains("/cabinet/catalog"));
        assertTrue(phone.locator("#reason-" + dear).innerText().contains("Не хватает баллов"));
        var card = phone.locator("li.reward", new Page.LocatorOptions().setHasText(title));
        assertTrue(card.locator("img").count() == 1, "the picture shows");
        card.locator("summary").click();
        Browser.screenshot(phone, "catalog-confirm");
        card.locator("button[type=submit]").click();
        phone.waitForSelector("#order-done");
        String code = phone.locator(".voucher[data-state=ISSUED] .voucher-code").first().innerText().strip();
        assertTrue(code.matches("[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}"), code);
        assertEquals(code, qr(phone), "the cashier's scanner reads the code from the QR");
        Browser.screenshot(phone, "catalog-voucher");

        // the honouring partner's cashier redeems it on the till page
        Page till = browser.desktopPage();
        till.navigate(base + "portal/till");
        Browser.signIn(till, "smol-neft-cashier", "demo1234");
        till.waitForURL(url -> url.contains("/portal/till"));
        till.fill("#voucherCode", code.replace("-", "").toLowerCase());
        till.press("#voucherCode", "Enter");
        till.waitForSelector("#outcome.success");
        assertTrue(till.locator("#outcome").innerText().contains(title), till.locator("#outcome").innerText());
        till.fill("#voucherCode", code);
        till.press("#voucherCode", "Enter");
        till.waitForSelector("#outcome:not(.success)");
        assertTrue(till.locator("#outcome").innerText().contains("уже погашен"), till.locator("#outcome").innerText());
        Browser.screenshot(till, "catalog-till-redeemed");

        phone.navigate(base + "cabinet/vouchers");
        assertEquals("REDEEMED", phone.locator(".voucher").first().getAttribute("data-state"));
    }

    /** Reads the voucher's QR code back from a screenshot, as a till's scanner would. */
    private static String qr(Page page) throws Exception {
        BufferedImage img = ImageIO.read(new ByteArrayInputStream(page.locator("svg.card-qr").first().screenshot()));
        int[] pixels = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), pixels))))
                .getText();
    }

    private static byte[] png() throws Exception {
        BufferedImage image = new BufferedImage(320, 180, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x92400e));
        g.fillRect(0, 0, 320, 180);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
