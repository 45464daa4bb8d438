package ru.coalition.support;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.microsoft.playwright.options.FormData;
import com.microsoft.playwright.options.RequestOptions;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.TestMembers;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desk's pages (issue 11 §1, §4, §5, §8): the member's tickets in the cabinet, the agent's queue and ticket page with
 * canned answers, an adjustment tied to the ticket both ways, routing to a partner (who sees only what is routed to it),
 * and merging a duplicate. Pages answer a signed-in session only, so each person signs in once in Chromium and the
 * test then speaks HTTP with that session's cookies.
 */
@QuarkusTest
class SupportDeskPagesTest extends BrowserTest {

    @Inject
    EntityManager em;

    @Inject
    Casework casework;

    /** A signed-in browser session, used for its cookies. */
    final class Session {
        final Page page;

        Session(String start, String username, String password) {
            page = browser.desktopPage();
            page.navigate(base + start);
            Browser.signIn(page, username, password);
            page.waitForURL(u -> u.contains(start));
        }

        APIResponse get(String path) {
            return page.request().get(base + path, RequestOptions.create().setMaxRedirects(0));
        }

        String page(String path, int status) {
            APIResponse r = get(path);
            assertEquals(status, r.status(), path + ": " + r.text());
            return r.text();
        }

        String page(String path) {
            return page(path, 200);
        }

        void form(String path, Map<String, String> fields) {
            form(path, fields, 303);
        }

        String upload(String path, String fileName, byte[] bytes, Map<String, String> fields, int status) {
            FormData form = FormData.create().set("file", new FilePayload(fileName, "image/png", bytes));
            fields.forEach(form::set);
            APIResponse r = page.request().post(base + path, RequestOptions.create().setMultipart(form).setMaxRedirects(0));
            assertEquals(status, r.status(), path + ": " + r.text());
            return status == 303 ? r.headers().get("location") : r.text();
        }

        String form(String path, Map<String, String> fields, int status) {
            FormData form = FormData.create();
            fields.forEach(form::set);
            APIResponse r = page.request().post(base + path, RequestOptions.create().setForm(form).setMaxRedirects(0));
            assertEquals(status, r.status(), path + ": " + r.text());
            return status == 303 ? r.headers().get("location") : r.text();
        }
    }

    Session member(TestMembers.TestMember tm) {
        return new Session("cabinet/tickets", tm.email(), TestMembers.PASSWORD);
    }

    Session staff(String start, String username) {
        return new Session(start, username, "demo1234");
    }

    static String number(String ticketId, String token) {
        return given().auth().oauth2(token).get("/api/v1/me/tickets/" + ticketId).then().statusCode(200).extract().path("number");
    }

    @Test
    void aMemberOpensAClaimInTheCabinetAndOnlyTheySeeIt() {
        TestMembers.TestMember tm = TestMembers.register();
        Session cabinet = member(tm);
        String location = cabinet.form("cabinet/tickets", Map.of("category", "missing-points", "partner", "smol-neft",
                "subject", "Нет баллов за заправку", "body", "Заправка 3 декабря, баллов нет", "purchaseDate", "2026-12-03",
                "purchaseAmount", "2 000,50"), 303);
        String ticketId = location.substring(location.lastIndexOf('/') + 1, location.indexOf('?'));

        assertTrue(cabinet.page("cabinet/tickets").contains("Нет баллов за заправку"));
        String view = cabinet.page("cabinet/tickets/" + ticketId + "?done=opened");
        assertTrue(view.contains("Заправка 3 декабря, баллов нет") && view.contains("отправлено"), view);

        // the claim's details reach the agent
        String number = number(ticketId, tm.token());
        String desk = staff("operator/tickets", "support").page("operator/tickets/" + number).replaceAll("[\u00a0\u202f]", " ");
        assertTrue(desk.contains("2 000,50") && desk.contains("03.12.2026"), desk);

        // another member: 404, as a missing ticket
        Session other = member(TestMembers.register());
        other.page("cabinet/tickets/" + ticketId, 404);
        other.page("cabinet/tickets/not-an-id", 404);

        // bad input names the field and writes nothing
        long before = count();
        String refused = cabinet.form("cabinet/tickets", Map.of("category", "missing-points", "subject", "", "body", "x",
                "purchaseAmount", "много"), 200);
        assertTrue(refused.contains("id=\"subject-error\"") && refused.contains("id=\"purchaseAmount-error\""), refused);
        assertEquals(before, count());
    }

    @Test
    void theAgentAnswersWithAMacroNotesAndSolvesAndTheMemberRates() {
        TestMembers.TestMember tm = TestMembers.register();
        String ticketId = SupportTicketsApiTest.open(tm.token(), SupportTicketsApiTest.complaint());
        String number = number(ticketId, tm.token());
        Session agent = staff("operator/tickets", "support");

        assertTrue(agent.page("operator/tickets?queue=unassigned").contains(number));
        agent.form("operator/tickets/" + number + "/take", Map.of());
        assertTrue(agent.page("operator/tickets?queue=mine").contains(number));

        // the macro "Рекламация принята" is offered for a complaint, its placeholders filled for this ticket
        long macro = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from support_macro where title = 'Рекламация принята'").getSingleResult()).longValue());
        String page = agent.page("operator/tickets/" + number + "?macro=" + macro);
        assertTrue(page.contains("Мы приняли вашу рекламацию " + number), page);
        assertFalse(page.contains("{{"), "no placeholder is left on the page");

        agent.form("operator/tickets/" + number + "/messages", Map.of("body", "Проверяем у партнёра", "internal", "on"));
        agent.form("operator/tickets/" + number + "/messages", Map.of("body", "Здравствуйте! Мы приняли вашу рекламацию " + number));
        given().auth().oauth2(tm.token()).get("/api/v1/me/tickets/" + ticketId).then().statusCode(200)
                .body("state", equalTo("PENDING_MEMBER")).body("messages.body", not(hasItem("Проверяем у партнёра")));

        // the member answers in the cabinet; the agent records the outcome and solves; the member rates there
        Session cabinet = member(tm);
        cabinet.form("cabinet/tickets/" + ticketId + "/messages", Map.of("body", "Спасибо, жду"));
        agent.form("operator/tickets/" + number + "/outcome", Map.of("outcome", "upheld"));
        agent.form("operator/tickets/" + number + "/solve", Map.of());
        cabinet.form("cabinet/tickets/" + ticketId + "/rating", Map.of("score", "5", "comment", "Быстро"));
        given().auth().oauth2(tm.token()).get("/api/v1/me/tickets/" + ticketId).then().statusCode(200)
                .body("state", equalTo("SOLVED")).body("rating", equalTo(5));
        String after = agent.page("operator/tickets/" + number);
        assertTrue(after.contains("Удовлетворена") && after.contains("Проверяем у партнёра"), after);

        // members and partners do not reach the desk
        cabinet.page("operator/tickets", 403);
        staff("portal/tickets", "smol-neft-admin").page("operator/tickets/" + number, 403);
    }

    @Test
    void anAdjustmentForATicketIsLinkedBothWaysAndAudited() {
        TestMembers.TestMember tm = TestMembers.register();
        Map<String, Object> claim = new HashMap<>(SupportTicketsApiTest.complaint());
        claim.put("category", "missing-points");
        String ticketId = SupportTicketsApiTest.open(tm.token(), claim);
        String number = number(ticketId, tm.token());
        Session agent = staff("operator/tickets", "support");

        agent.form("operator/tickets/" + number + "/adjust", Map.of("wallet", "coalition", "points", "150",
                "reason", "Чек R-777 подтверждён партнёром"));

        long ticketRow = casework.facts(UUID.fromString(ticketId)).id();
        List<?> entries = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                "select amount, note from ledger_entry where source_type = 'support-ticket' and source_id = :t")
                .setParameter("t", ticketRow).getResultList());
        assertEquals(1, entries.size(), "one ledger entry names the ticket as its source");
        Object[] entry = (Object[]) entries.get(0);
        assertEquals(150L, ((Number) entry[0]).longValue());
        assertTrue(((String) entry[1]).startsWith(number + ": "), (String) entry[1]);

        // the ticket keeps it, the member's history names the ticket (not the internal reason), the audit links it
        String page = agent.page("operator/tickets/" + number);
        assertTrue(page.contains("Чек R-777 подтверждён партнёром") && page.contains("+150"), page);
        given().auth().oauth2(tm.token()).get("/api/v1/me/history").then().statusCode(200)
                .body("items[0].points", equalTo(150)).body("items[0].description", equalTo("По обращению " + number))
                .body("items[0].reference", equalTo(number));
        String audit = staff("operator/audit", "supervisor").page("operator/audit?action=ledger.adjust");
        assertTrue(audit.contains("href=\"/operator/tickets/" + number + "\""), audit);

        // bad points are refused on the page and nothing is posted
        String refused = agent.form("operator/tickets/" + number + "/adjust", Map.of("wallet", "coalition", "points", "много",
                "reason", "Чек подтверждён"), 200);
        assertTrue(refused.contains("id=\"ticket-refused\""), refused);
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select count(*) from ledger_entry where source_type = 'support-ticket' and source_id = :t").setParameter("t", ticketRow)
                .getSingleResult()).intValue()));
    }

    @Test
    void aPartnerSeesOnlyCasesRoutedToIt() {
        TestMembers.TestMember tm = TestMembers.register();
        String ticketId = SupportTicketsApiTest.open(tm.token(), SupportTicketsApiTest.complaint());
        String number = number(ticketId, tm.token());
        Session agent = staff("operator/tickets", "support");
        Session smolNeft = staff("portal/tickets", "smol-neft-admin");
        Session kitMedia = staff("portal/tickets", "kit-media-admin");

        // not routed yet: the partner named in it still cannot see it
        smolNeft.page("portal/tickets/" + ticketId, 404);
        agent.form("operator/tickets/" + number + "/route", Map.of("partner", "smol-neft"));
        assertTrue(smolNeft.page("portal/tickets").contains(number));
        assertTrue(smolNeft.page("portal/tickets/" + ticketId).contains("R-777"));
        smolNeft.form("portal/tickets/" + ticketId + "/messages", Map.of("body", "Чек найден, начисление было отложено"));
        given().auth().oauth2(tm.token()).get("/api/v1/me/tickets/" + ticketId).then().statusCode(200)
                .body("messages[-1].from", equalTo("PARTNER"));

        // another partner: 404 for the page and for an answer, and its list does not show it
        assertFalse(kitMedia.page("portal/tickets").contains(number));
        kitMedia.page("portal/tickets/" + ticketId, 404);
        kitMedia.form("portal/tickets/" + ticketId + "/messages", Map.of("body", "чужое"), 404);

        // taken back: the partner no longer sees it
        agent.form("operator/tickets/" + number + "/route", Map.of("partner", ""));
        smolNeft.page("portal/tickets/" + ticketId, 404);
    }

    @Test
    void aDuplicateIsMergedIntoTheTicketKept() {
        TestMembers.TestMember tm = TestMembers.register();
        String kept = SupportTicketsApiTest.open(tm.token(), SupportTicketsApiTest.complaint());
        Map<String, Object> again = new HashMap<>(SupportTicketsApiTest.complaint());
        again.put("body", "Пишу ещё раз про ту же заправку");
        String duplicate = SupportTicketsApiTest.open(tm.token(), again);
        String keptNumber = number(kept, tm.token());
        String dupNumber = number(duplicate, tm.token());
        Session agent = staff("operator/tickets", "support");

        // another member's ticket cannot take it
        String stranger = SupportTicketsApiTest.open(TestMembers.register().token(), SupportTicketsApiTest.complaint());
        String strangerNumber = casework.facts(UUID.fromString(stranger)).number();
        String refused = agent.form("operator/tickets/" + dupNumber + "/merge", Map.of("into", strangerNumber), 200);
        assertTrue(refused.contains("одного участника"), refused);

        agent.form("operator/tickets/" + dupNumber + "/merge", Map.of("into", keptNumber));
        given().auth().oauth2(tm.token()).get("/api/v1/me/tickets/" + duplicate).then().body("state", equalTo("CLOSED"));
        given().auth().oauth2(tm.token()).get("/api/v1/me/tickets/" + kept).then()
                .body("messages.body", hasItem("Пишу ещё раз про ту же заправку"));
    }

    @Test
    void agentsFindTicketsByWordFormsTyposAndMessageText() {
        TestMembers.TestMember tm = TestMembers.register();
        String ticketId = SupportTicketsApiTest.open(tm.token(), Map.of("subject", "Холодильник без баллов",
                "body", "Купил морозильную камеру в рассрочку", "category", "question"));
        String number = number(ticketId, tm.token());
        Session agent = staff("operator/tickets", "support");
        for (String typed : List.of("холодильники", "халадильник", "морозильной камерой", number.toLowerCase())) {
            assertTrue(agent.page("operator/tickets?queue=open&q=" + java.net.URLEncoder.encode(typed, java.nio.charset.StandardCharsets.UTF_8))
                    .contains(number), typed + " finds " + number);
        }
        assertFalse(agent.page("operator/tickets?queue=open&q=" + java.net.URLEncoder.encode("пылесос", java.nio.charset.StandardCharsets.UTF_8))
                .contains(number));
    }

    @Test
    void filesAreImagesOrPdfsByTheirBytesAndOnlyThoseWhoMaySeeTheTicketGetThem() {
        TestMembers.TestMember tm = TestMembers.register();
        String ticketId = SupportTicketsApiTest.open(tm.token(), SupportTicketsApiTest.complaint());
        String number = number(ticketId, tm.token());
        Session cabinet = member(tm);
        Session agent = staff("operator/tickets", "support");
        byte[] png = new byte[64];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 0, png, 0, 8);

        cabinet.upload("cabinet/tickets/" + ticketId + "/attachments", "../../чек.exe", png, Map.of(), 303);
        String page = agent.page("operator/tickets/" + number);
        assertTrue(page.contains(">чек.png</a>"), "the name loses its path and takes the extension its bytes deserve");
        String href = page.replaceAll("(?s).*href=\"/(operator/tickets/" + number + "/attachments/\\d+)\".*", "$1");
        APIResponse download = agent.get(href);
        assertEquals(200, download.status());
        assertEquals("image/png", download.headers().get("content-type"));
        assertTrue(download.headers().get("content-disposition").startsWith("attachment"));
        assertEquals(64, download.body().length);

        // HTML named as a picture is refused by its bytes; nothing is stored
        String refused = cabinet.upload("cabinet/tickets/" + ticketId + "/attachments", "photo.png",
                "<html><script>alert(1)</script></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8), Map.of(), 200);
        assertTrue(refused.contains("PNG, JPEG"), refused);

        // the agent's file for support only: the member does not get it, another member gets nothing
        agent.upload("operator/tickets/" + number + "/attachments", "notes.png", png, Map.of("internal", "on"), 303);
        String staffPage = agent.page("operator/tickets/" + number);
        String internalHref = staffPage.replaceAll("(?s).*href=\"/operator/tickets/" + number + "/attachments/(\\d+)\"[^>]*>notes.png.*", "$1");
        cabinet.page("cabinet/tickets/" + ticketId + "/attachments/" + internalHref, 404);
        assertFalse(cabinet.page("cabinet/tickets/" + ticketId).contains("notes.png"));
        String memberFile = href.substring(href.lastIndexOf('/') + 1);
        assertEquals(200, cabinet.get("cabinet/tickets/" + ticketId + "/attachments/" + memberFile).status());
        member(TestMembers.register()).page("cabinet/tickets/" + ticketId + "/attachments/" + memberFile, 404);
    }

    @Test
    void markupInATicketIsShownAsTextEverywhere() {
        TestMembers.TestMember tm = TestMembers.register();
        String ticketId = SupportTicketsApiTest.open(tm.token(), Map.of("subject", "<script>alert('subject')</script>",
                "body", "<img src=x onerror=alert('body')> <a href=\"javascript:alert(1)\">чек</a>", "category", "question"));
        String number = number(ticketId, tm.token());
        Session agent = staff("operator/tickets", "support");
        agent.form("operator/tickets/" + number + "/messages", Map.of("body", "<iframe src=\"https://evil.example\"></iframe>"));
        for (String page : List.of(agent.page("operator/tickets/" + number), agent.page("operator/tickets?queue=open"),
                member(tm).page("cabinet/tickets/" + ticketId))) {
            assertFalse(page.contains("<script>alert") || page.contains("<img src=x") || page.contains("<iframe")
                    || page.contains("href=\"javascript:"), "markup must be escaped");
        }
        assertTrue(agent.page("operator/tickets/" + number).contains("&lt;img src=x onerror=alert("));
    }

    private long count() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select count(*) from support_ticket")
                .getSingleResult()).longValue());
    }
}
