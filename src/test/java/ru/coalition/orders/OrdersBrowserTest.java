package ru.coalition.orders;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.Inbox;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14's page flow in Chromium: a member on a 390 px phone orders business cards with a layout file; kit-media's
 * staff on a desktop accept, quote, and once the member accepts the quote start the work, mark it ready and hand it
 * over; the member sees every step on the order's page and got a mail for each; done posts the purchase and its points
 * show pending.
 */
@QuarkusTest
class OrdersBrowserTest extends BrowserTest {

    @Test
    void aMemberOrdersBusinessCardsAndFollowsEveryStepStaffTake() throws Exception {
        TestMember m = TestMembers.register();
        Path layout = Files.createTempFile("визитка", ".pdf");
        Files.write(layout, OrdersApiTest.PDF);

        Page phone = browser.phonePage();
        phone.navigate(base + "cabinet/orders");
        Browser.signIn(phone, m.email(), TestMembers.PASSWORD);
        phone.waitForSelector("#order-new");
        phone.click("#order-new a[href$='kit-media']");
        phone.waitForSelector("#order-form");
        // nothing chosen: the form says so and keeps what was typed
        phone.fill("#wishes", "Логотип слева");
        phone.click("#order-send");
        phone.waitForSelector("#error-summary");
        assertEquals("Логотип слева", phone.inputValue("#wishes"));
        phone.fill("#qty-business-cards", "2");
        phone.selectOption("#opt-business-cards-paper", "дизайнерская 290 г/м²");
        phone.fill("#qty-layout-design", "1");
        phone.setInputFiles("#layout", layout);
        assertNoSidewaysScroll(phone);
        Browser.screenshot(phone, "order-form");
        phone.click("#order-send");
        phone.waitForSelector("#order-done");
        String number = phone.textContent("h1 .ticket-number").trim();
        assertTrue(number.matches("KM-\\d{6}"), number);
        String orderUrl = phone.url().replaceAll("\\?.*", "");
        String orderId = orderUrl.substring(orderUrl.lastIndexOf('/') + 1);
        assertEquals("Новый", phone.textContent("#order-state").trim());
        assertTrue(phone.textContent("#order-files").contains(".pdf"), phone.textContent("#order-files"));
        assertTrue(phone.textContent("#order-items").contains("дизайнерская 290 г/м²"));
        assertNoSidewaysScroll(phone);
        Inbox.awaitMailTo(m.email(), number + ": Новый");
        // the list with an order not yet accepted (no price, no due date)
        phone.navigate(base + "cabinet/orders");
        assertTrue(phone.textContent("#orders").contains(number) && phone.textContent("#orders").contains("по расчёту"));

        Page desk = browser.desktopPage();
        desk.navigate(base + "portal/orders");
        Browser.signIn(desk, "kit-media-admin", "demo1234");
        desk.waitForSelector("#column-NEW");
        assertTrue(desk.textContent("#column-NEW").contains(number));
        desk.click("#column-NEW a:has-text('" + number + "')");
        desk.waitForSelector("#next-steps");
        assertTrue(desk.textContent("#order-files").contains(".pdf"));
        desk.click("#to-ACCEPTED");
        desk.waitForSelector("#order-done");
        assertEquals("Принят", desk.textContent("#order-state").trim());
        Inbox.awaitMailTo(m.email(), number + ": Принят");
        // the layout design has no price: work cannot start before the member accepts a quote
        desk.click("#to-IN_WORK");
        desk.waitForSelector("#order-refused");
        assertTrue(desk.textContent("#order-refused").contains("расчёт"), desk.textContent("#order-refused"));
        desk.fill("#quote-amount", "4 500,00");
        desk.fill("#quote-note", "Визитки 200 шт и дизайн");
        desk.click("#quote-send");
        desk.waitForSelector("#quote-state");
        Inbox.awaitMailTo(m.email(), number + ": расчёт");

        phone.navigate(orderUrl);
        phone.waitForSelector("#quote");
        assertTrue(digits(phone.textContent("#quote-amount")).contains("4500,00"), phone.textContent("#quote-amount"));
        Browser.screenshot(phone, "order-quote");
        phone.click("#quote-accept");
        phone.waitForSelector("#order-done");

        desk.navigate(base + "portal/orders/" + orderId);
        desk.click("#to-IN_WORK");
        desk.waitForSelector("#order-done");
        Inbox.awaitMailTo(m.email(), number + ": В работе");
        desk.click("#to-READY");
        desk.waitForSelector("#order-done");
        Inbox.awaitMailTo(m.email(), number + ": Готов");
        phone.navigate(orderUrl);
        assertEquals("Готов", phone.textContent("#order-state").trim());
        desk.click("#to-DONE");
        desk.waitForSelector("#order-receipt");
        Browser.screenshot(desk, "order-staff");
        Inbox.awaitMailTo(m.email(), number + ": Выполнен");

        // the member's page shows every step, and the points of the purchase wait for activation
        phone.navigate(orderUrl);
        String timeline = phone.textContent("#timeline").replaceAll("[\u00a0\u202f]", " ");
        for (String step : new String[]{"заказ оформлен", "заказ принят", "расчёт стоимости: 4", "расчёт 4", "работа начата", "заказ готов",
                "заказ выполнен", "начислено 4 500 баллов"}) {
            assertTrue(timeline.contains(step), step + " in " + timeline);
        }
        assertTrue(phone.textContent("#order-receipt").contains(number));
        assertNoSidewaysScroll(phone);
        Browser.screenshot(phone, "order-member");
        phone.navigate(base + "cabinet/wallets");
        String wallets = digits(phone.textContent("main"));
        assertTrue(wallets.contains("4500"), "pending points show in the wallets: " + wallets);
        phone.navigate(base + "cabinet/orders");
        assertTrue(phone.textContent("#orders").contains(number));
        phone.context().close();
        desk.context().close();

        // another partner's staff: the order's page is not there, and their board does not list it
        Page other = browser.desktopPage();
        other.navigate(base + "portal/orders");
        Browser.signIn(other, "smol-neft-admin", "demo1234");
        other.waitForSelector("#board");
        assertTrue(!other.textContent("main").contains(number));
        assertEquals(404, other.navigate(base + "portal/orders/" + orderId).status());
        assertEquals(404, other.navigate(base + "portal/orders/" + orderId + "/files/1").status());
        other.context().close();
    }

    @Test
    void thePartnerAdminSwitchesOrdersOffAndOnInTheServicesEditor() {
        Page desk = browser.desktopPage();
        desk.navigate(base + "portal/orders/services");
        Browser.signIn(desk, "kit-media-admin", "demo1234");
        desk.waitForSelector("#services-form");
        assertTrue(desk.isChecked("#enabled"));
        assertEquals("KM", desk.inputValue("#prefix"));
        // a bad price is named at its field and nothing is saved
        desk.fill("#price-0", "дорого");
        desk.click("#services-save");
        desk.waitForSelector("#error-summary");
        assertTrue(desk.textContent("#error-summary").contains("Цена"), desk.textContent("#error-summary"));
        desk.navigate(base + "portal/orders/services");
        assertEquals("990.00", desk.inputValue("#price-0"));
        desk.close();
    }

    private static String digits(String text) {
        return text.replaceAll("[\\s\u00a0\u202f]", "");
    }

    private static void assertNoSidewaysScroll(Page page) {
        assertTrue((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling at 390 px");
    }
}
