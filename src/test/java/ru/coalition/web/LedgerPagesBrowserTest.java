package ru.coalition.web;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.rewards.OfferService;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.sql.Connection;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cashier, the member and the operator on their ledger pages, in Chromium on a phone screen. */
@QuarkusTest
class LedgerPagesBrowserTest extends BrowserTest {

    @Inject
    OfferService offers;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void cashierRefundsByPickingTheReceiptsLinesAndTheMemberReadsTheReceipt() {
        TestMember m = TestMembers.register();
        Page till = browser.phonePage();
        till.navigate(base + "portal/till?q=" + m.cardNumber());
        Browser.signIn(till, "kit-media-cashier", "demo1234");
        till.waitForSelector("#till-wallet");
        till.fill("input[name=sku] >> nth=0", "BANNER");
        till.fill("input[name=name] >> nth=0", "Баннер 3×6");
        till.fill("input[name=amount] >> nth=0", "1234,56");
        till.fill("input[name=category] >> nth=0", "print");
        till.fill("input[name=sku] >> nth=1", "FLYER");
        till.fill("input[name=amount] >> nth=1", "500");
        till.fill("input[name=category] >> nth=1", "print");
        till.click("#purchase-form button[type=submit]");
        till.waitForSelector("#outcome.success");
        assertEquals("1734", digits(till.textContent("#till-pending")));

        // the receipt just posted is open with its lines; nothing ticked is explained, nothing changes
        till.click("details.receipt[open] button[type=submit]");
        till.waitForSelector("#outcome:not(.success)");
        assertTrue(till.textContent("#outcome").contains("Отметьте"), till.textContent("#outcome"));

        // part of the banner comes back
        till.check("details.receipt[open] tr[data-line='0'] input[type=checkbox]");
        till.fill("details.receipt[open] input[name=amount-0]", "234,56");
        till.click("details.receipt[open] button[type=submit]");
        till.waitForSelector("#outcome.success");
        assertEquals("1500", digits(till.textContent("#till-pending")));
        assertEquals("23456", digits(till.textContent("details.receipt[open] tr[data-line='0'] td:nth-child(3)")));
        assertTrue(till.isVisible("details.receipt[open] summary .badge.pending"), "a partly returned receipt says so");

        // then the rest of the receipt: the banner's rest is the default amount
        till.check("details.receipt[open] tr[data-line='0'] input[type=checkbox]");
        till.check("details.receipt[open] tr[data-line='1'] input[type=checkbox]");
        till.click("details.receipt[open] button[type=submit]");
        till.waitForSelector("#outcome.success");
        assertEquals("0", digits(till.textContent("#till-pending")));
        assertEquals(2, till.locator("details.receipt[open] tr.refunded").count(), "every line shows it came back");
        assertTrue(till.isVisible("details.receipt[open] summary .badge.refused"));
        Browser.screenshot(till, "till-refund");

        Page cabinet = browser.phonePage();
        cabinet.navigate(base + "cabinet/wallets");
        Browser.signIn(cabinet, m.email(), TestMembers.PASSWORD);
        cabinet.waitForSelector("#history");
        String history = cabinet.textContent("#history");
        assertTrue(history.contains("Возврат") && history.contains("чек R-"), history);
        assertFalse(history.contains("TILL-R-"), "the member never reads the till's refund id");
    }

    private static String digits(String text) {
        return text.replaceAll("\\D", "");
    }

    @Test
    void cashierPostsAPurchaseAndTheMemberSeesItPending() {
        TestMember m = TestMembers.register();
        Page till = browser.phonePage();
        till.navigate(base + "portal/till");
        Browser.signIn(till, "kit-media-cashier", "demo1234");
        till.waitForSelector("#q");
        till.fill("#q", m.phone());
        // the search form's button: the nav's sign-out is a submit button too now
        till.click("form[role=search] button[type=submit]");
        till.waitForSelector("#till-wallet");
        assertEquals("0", till.textContent("#till-pending").replaceAll("[\\s\u00a0\u202f]", ""));
        // looked up by phone: the first name and the card's last digits, never the whole card
        assertEquals("•••• " + m.cardNumber().substring(12), till.textContent("#till-card").trim());
        assertFalse(till.content().contains(m.cardNumber()), "the whole card number is not on the page");

        till.fill("input[name=sku] >> nth=0", "BANNER");
        till.fill("input[name=name] >> nth=0", "Баннер");
        till.fill("input[name=amount] >> nth=0", "1234,56");
        till.fill("input[name=category] >> nth=0", "print");
        till.fill("input[name=sku] >> nth=1", "GC");
        till.fill("input[name=amount] >> nth=1", "3000");
        till.fill("input[name=category] >> nth=1", "gift-card");
        till.click("#purchase-form button[type=submit]");
        till.waitForSelector("#outcome.success");
        assertEquals("1234", till.textContent("#till-pending").replaceAll("[\\s\u00a0\u202f]", ""));
        // the cashier can tell the member why: the receipt's accrual, explained under it (the gift card earns nothing)
        till.click("details.receipt >> nth=0 >> details.accrual-explained summary");
        assertEquals("1234", till.textContent("details.receipt >> nth=0 >> .accrual-total").replaceAll("[^0-9]", ""));
        assertTrue(till.getAttribute("details.receipt >> nth=0 >> tr.line[data-line='2']", "class").contains("excluded"));
        Browser.screenshot(till, "till-purchase");

        // a wrong amount is explained, and nothing is posted
        till.fill("input[name=sku] >> nth=0", "X");
        till.fill("input[name=amount] >> nth=0", "-5");
        till.click("#purchase-form button[type=submit]");
        till.waitForSelector("#outcome:not(.success)");
        assertTrue(till.textContent("#outcome").contains("1234.56"), till.textContent("#outcome"));
        assertEquals("1234", till.textContent("#till-pending").replaceAll("[\\s\u00a0\u202f]", ""));

        Page cabinet = browser.phonePage();
        cabinet.navigate(base + "cabinet/wallets");
        Browser.signIn(cabinet, m.email(), TestMembers.PASSWORD);
        cabinet.waitForSelector("[data-wallet=kit-media]");
        assertEquals("1234", cabinet.textContent("[data-wallet=kit-media] .pending-points").replaceAll("[\\s\u00a0\u202f]", ""));
        assertEquals("0", cabinet.textContent("[data-wallet=kit-media] .active-points").trim());
        assertTrue(cabinet.textContent("[data-wallet=kit-media] .next-activation").replaceAll("[\\s\u00a0\u202f]", "").contains("1234"),
                cabinet.textContent("[data-wallet=kit-media] .next-activation"));
        assertTrue(cabinet.textContent("#history").replaceAll("[\\s\u00a0\u202f]", "").contains("+1234"), cabinet.textContent("#history"));
        assertTrue(cabinet.textContent("#history").contains("чек R-"), "the member reads the receipt, not an internal id");
        assertTrue(cabinet.textContent("#referral-code").trim().equals(m.referralCode()));
        cabinet.click("#payment-code button");
        cabinet.waitForSelector("#the-code");
        String code = cabinet.textContent("#the-code").trim();
        assertTrue(code.matches("\\d{6}"), code);
        Browser.screenshot(cabinet, "cabinet-wallets");

        // the member opens the accrual: the banner earned its 1 234,56 points, the gift card bought nothing, rounded down
        cabinet.click("#history a.explain");
        cabinet.waitForSelector(".accrual-steps");
        assertTrue(cabinet.getAttribute("tr.line[data-line='2']", "class").contains("excluded"));
        assertTrue(cabinet.textContent("tr.line[data-line='2']").contains("категория не начисляется"), cabinet.textContent(".accrual-lines"));
        assertTrue(cabinet.textContent("tr.line[data-line='1']").replaceAll("[\\s\u00a0\u202f]", "").contains("1234,56"),
                cabinet.textContent("tr.line[data-line='1']"));
        assertEquals("1234", cabinet.textContent(".accrual-points").replaceAll("[^0-9]", ""));
        assertTrue(cabinet.textContent(".accrual-rule").contains("округление вниз"), cabinet.textContent(".accrual-rule"));
        assertTrue(cabinet.textContent(".accrual-activation").contains("не считая"), cabinet.textContent(".accrual-activation"));
        Browser.screenshot(cabinet, "cabinet-accrual-explained");

        // paying with pending points is refused with the reason
        till.fill("#points", "100");
        till.fill("#code", code);
        till.click("form[action='/portal/till/redeem'] button");
        till.waitForSelector("#outcome:not(.success)");
        assertTrue(till.textContent("#outcome").contains("100"), till.textContent("#outcome"));
    }

    @Test
    void cashierHandsOutTheGiftCardAndTheOperatorAdjustsWithAReason() throws Exception {
        MovableClock clock = MovableClock.installAt(OffsetDateTime.now().toString());
        TestMember m = TestMembers.register();
        given().auth().oauth2(Tokens.till("kit-media")).contentType(ContentType.JSON)
                .body(Map.of("receiptId", "WEB-GC-" + m.cardNumber(), "occurredAt", OffsetDateTime.now().minusMinutes(1).toString(),
                        "member", Map.of("cardNumber", m.cardNumber()),
                        "lines", List.of(Map.of("sku", "STAND", "amount", "25000.00", "category", "print"))))
                .post("/api/v1/purchases").then().statusCode(201);
        clock.move(Duration.ofDays(32));
        offers.makeOffers();

        Page till = browser.phonePage();
        till.navigate(base + "portal/till?q=" + m.cardNumber());
        Browser.signIn(till, "kit-media-admin", "demo1234");
        till.waitForSelector("#till-offers form");
        till.click("#till-offers button");
        till.waitForSelector("#outcome.success");
        assertTrue(till.textContent("#outcome").matches("(?s).*GC-[A-Z0-9]{4}-[A-Z0-9]{4}.*"), till.textContent("#outcome"));
        assertEquals("0", till.textContent("#till-active").replaceAll("[\\s\u00a0\u202f]", ""));

        Page console = browser.phonePage();
        console.navigate(base + "operator/ledger");
        Browser.signIn(console, "operator", "demo1234");
        console.waitForSelector("#ledger-audit");
        // the page shows the stored summary of the last full check; a new one runs in the background on the button,
        // its progress shown until the page reloads with its summary. Holding the check's lock keeps it running here.
        try (Connection hold = dataSource.getConnection()) {
            hold.createStatement().execute("select pg_advisory_lock(hashtext('ledger-audit'))");
            console.click("#audit-run button");
            console.waitForSelector("#audit-progress");
            assertTrue(console.isDisabled("#audit-run button"), "one check at a time");
            hold.createStatement().execute("select pg_advisory_unlock(hashtext('ledger-audit'))");
        }
        console.waitForSelector("#audit-last:has-text('в консоли')", new Page.WaitForSelectorOptions().setTimeout(30_000));
        assertTrue(console.isVisible("#audit-clean"), console.textContent("#ledger-audit"));
        assertTrue(console.isVisible("#audit-live"), "live figures beside the summary");
        String partitions = console.textContent("#partitions");
        assertTrue(partitions.contains("ledger_entry_0") && partitions.contains("Записи учёта") && partitions.contains("пишется сейчас"),
                "the partitions the ledger is stored in: " + partitions);
        assertTrue(console.textContent("#partitions-headroom").contains("Покупки, Строки чеков"), "purchases and their lines share bounds");
        assertFalse(console.isVisible("#partitions-low"), "the room ahead is not short");
        Browser.screenshot(console, "operator-ledger");

        // adjustments are made on the member's card: found by the card as the cabinet prints it, with spaces
        console.navigate(base + "operator/members");
        console.fill("#q", m.cardNumber().replaceAll("(\\d{4})(?=\\d)", "$1 "));
        console.click("form[role=search] button[type=submit]");
        console.waitForSelector("#member-name");
        console.selectOption("#wallet", "kit-media");
        // the hint's own example, with the typographic minus, is read as a number (and refused here for want of points)
        console.fill("#points", "\u2212500");
        console.fill("#reason", "Проверка списания");
        console.click("#adjust-form button[type=submit]");
        console.waitForSelector("#adjust-refused");
        console.fill("#points", "300");
        console.fill("#reason", "     ");
        console.click("#adjust-form button[type=submit]");
        console.waitForSelector("#error-summary");
        assertTrue(console.isVisible("#reason-error"), "the field itself says what is wrong");
        console.fill("#reason", "Компенсация за задержку заказа");
        console.click("#adjust-form button[type=submit]");
        console.waitForSelector("#adjust-done");
        assertTrue(console.textContent("#adjust-done").contains("300"), console.textContent("#adjust-done"));
        assertTrue(console.textContent("#adjust-done").contains("РА «КИТ МЕДИА»"), "the wallet by its name");
        assertTrue(console.textContent("#member-history").contains("Компенсация за задержку заказа"), "staff read the reason");
        Browser.screenshot(console, "operator-member-desk");
        given().auth().oauth2(Tokens.till("kit-media")).get("/api/v1/members/{c}/wallet", m.cardNumber()).then()
                .statusCode(200).body("active", org.hamcrest.Matchers.equalTo(300));
    }
}
