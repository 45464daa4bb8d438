package ru.coalition.web;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import ru.coalition.audit.AuditEntry;
import ru.coalition.mailings.UnsubscribeLinks;
import ru.coalition.members.Consent;
import ru.coalition.members.MemberConsents;
import ru.coalition.members.MemberService;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consent centre in Chromium on a 390 px phone: six switches grouped by purpose with their wording, a service
 * consent withdrawn and shown in the history; the unsubscribe page of a mail without sign-in; support opening the
 * member's consent history from the desk and downloading it as CSV (audited); a partner admin refused.
 */
@QuarkusTest
class ConsentsBrowserTest extends BrowserTest {

    @Inject
    MemberService members;

    @Inject
    MemberConsents consents;

    @Inject
    UnsubscribeLinks links;

    @Test
    void memberManagesConsentsUnsubscribesFromAMailAndSupportExportsTheProof() throws Exception {
        TestMember t = TestMembers.register();
        long id = members.byCard(t.cardNumber()).orElseThrow().id;

        // the consent centre: three purposes, two channels each, with the text the member agrees to
        Page page = browser.phonePage();
        page.navigate(base + "cabinet/profile#consents");
        Browser.signIn(page, t.email(), TestMembers.PASSWORD);
        page.waitForSelector("#consents");
        assertEquals(3, page.locator("#consents fieldset.consent-group").count());
        assertEquals(6, page.locator("#consents input[type=checkbox]").count());
        assertTrue(page.isChecked("#serviceEmail") && page.isChecked("#serviceSms") && page.isChecked("#marketingEmail"));
        assertFalse(page.isChecked("#partnerOffersEmail"));
        assertTrue(page.textContent("#purpose-SERVICE").contains("Уведомления о моём счёте по e-mail"), page.textContent("#purpose-SERVICE"));
        assertTrue((Boolean) page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling at 390 px");
        page.uncheck("#serviceEmail");
        page.check("#partnerOffersEmail");
        page.click("#settings-save");
        page.waitForSelector("#done");
        assertFalse(consents.granted(id, Consent.Kind.SERVICE_EMAIL));
        assertTrue(consents.granted(id, Consent.Kind.PARTNER_OFFERS_EMAIL));
        var latest = page.locator("#consent-history tbody tr").first();
        assertTrue(java.util.Set.of("serviceEmail", "partnerOffersEmail").contains(latest.getAttribute("data-consent")));
        assertTrue(latest.textContent().contains(Consent.WORDING_VERSION) && latest.textContent().contains("личный кабинет"),
                latest.textContent());
        Browser.screenshot(page, "consent-centre");
        page.context().close();

        // a marketing mail's unsubscribe link in a browser that never signed in
        Page visitor = browser.phonePage();
        visitor.navigate(base + "u/" + links.token(id, 5, Consent.Kind.PARTNER_OFFERS_EMAIL).substring(0));
        visitor.waitForSelector("#unsubscribe-form");
        assertTrue(visitor.textContent("h1").contains("Отписка"), visitor.textContent("h1"));
        assertTrue(consents.granted(id, Consent.Kind.PARTNER_OFFERS_EMAIL), "opening the page changes nothing");
        visitor.click("#unsubscribe-this");
        visitor.waitForSelector("#unsubscribed");
        assertEquals("THIS", visitor.getAttribute("#unsubscribed", "data-done"));
        assertFalse(consents.granted(id, Consent.Kind.PARTNER_OFFERS_EMAIL));
        Browser.screenshot(visitor, "unsubscribed");
        visitor.context().close();

        // support: from the member desk to the consent history, and its CSV
        long audited = QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("action", "consent.export"));
        Page desk = browser.desktopPage();
        desk.navigate(base + "operator/members?q=" + t.cardNumber());
        Browser.signIn(desk, "support", "demo1234");
        desk.waitForSelector("#consent-proof");
        desk.click("#consent-proof");
        desk.waitForSelector("#proof");
        assertTrue(desk.locator("#proof-history tr[data-consent=serviceEmail][data-granted=false]").count() == 1);
        assertTrue(desk.textContent("#proof-history").contains("unsubscribe:page:campaign=5"), desk.textContent("#proof-history"));
        assertEquals("false", desk.getAttribute("#proof-state li[data-kind=partnerOffersEmail]", "data-granted"));
        Download download = desk.waitForDownload(() -> desk.click("#proof-csv"));
        String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\ufeffcard;at;consent;granted;source;address;wording_version;text_ru;text_en"), csv);
        assertTrue(csv.contains(";serviceEmail;false;cabinet;") && csv.contains("Уведомления о моём счёте по e-mail")
                && csv.contains("Notices about my account by e-mail") && csv.contains(";" + Consent.WORDING_VERSION + ";"), csv);
        assertEquals(audited + 2, QuarkusTransaction.requiringNew().call(() -> AuditEntry.count("action", "consent.export")),
                "the page and the download are both in the audit log");
        desk.context().close();

        // a partner's admin is not operator staff
        Page partner = browser.desktopPage();
        partner.navigate(base + "portal");
        Browser.signIn(partner, "kit-media-admin", "demo1234");
        partner.waitForURL(url -> url.contains("/portal"));
        var refused = partner.navigate(base + "operator/members/consents?q=" + t.cardNumber());
        assertEquals(403, refused.status());
        var refusedCsv = partner.navigate(base + "operator/members/consents/csv?q=" + t.cardNumber());
        assertEquals(403, refusedCsv.status());
        partner.context().close();
    }
}
