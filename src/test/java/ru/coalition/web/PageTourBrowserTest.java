package ru.coalition.web;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import ru.coalition.scratchcards.ScratchCardsApiTest;
import ru.coalition.testing.Browser;
import ru.coalition.testing.BrowserTest;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every page of every role, on a phone (390×844) and a desktop (1366×900), in Russian and English: nothing wider than
 * the screen, no text cut off by its box, no message key or raw ISO timestamp on screen, every menu link opens (no
 * 403/404), and axe-core finds no serious or critical accessibility violation. axe runs on the Russian pages only, at
 * both sizes: the English page has the same markup, colours and wiring of labels. Every finding of the whole tour is
 * listed at the end, not just the first. Screenshots go to target/screenshots/tour/ for a person to look at.
 */
@QuarkusTest
class PageTourBrowserTest extends BrowserTest {

    @jakarta.inject.Inject
    ru.coalition.support.Casework casework;

    /** Who signs in (null: a visitor), and the pages of their work. */
    private record Tour(String name, String login, String password, List<String> pages) {
    }

    private record Size(String name, int width, int height) {
    }

    private static final List<Size> SIZES = List.of(new Size("phone", 390, 844), new Size("desktop", 1366, 900));

    /** In the page: what a person would see as broken. Returns one line per finding. */
    private static final String LOOK = """
            () => {
              const found = [];
              const doc = document.documentElement;
              if (doc.scrollWidth > window.innerWidth) {
                const wide = [...document.querySelectorAll('body *')].filter(el => el.getBoundingClientRect().right > window.innerWidth + 1
                    && !(el.parentElement && el.parentElement.getBoundingClientRect().right > window.innerWidth + 1)).slice(0, 3);
                found.push('page is ' + doc.scrollWidth + ' px wide on a ' + window.innerWidth + ' px screen, first past the edge: '
                    + wide.map(el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.getAttribute('name') ? '[name=' + el.getAttribute('name') + ']' : '')).join(', '));
              }
              const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
              const visible = el => el.offsetParent !== null || getComputedStyle(el).position === 'fixed';
              // visually hidden on purpose (a stacked table's header, text for screen readers): a 1-px clipped box
              const srOnly = el => { for (let e = el; e; e = e.parentElement) { const r = e.getBoundingClientRect();
                if (r.width <= 1 || r.height <= 1) return true; } return false; };
              // text cut off: a box whose content is wider than it while it hides or clips the rest
              for (const el of document.querySelectorAll('body *')) {
                if (!visible(el) || el.closest('.table-wrap, textarea, select, svg') || srOnly(el)) continue;
                const style = getComputedStyle(el);
                const hides = ['hidden', 'clip'].includes(style.overflowX) || style.textOverflow === 'ellipsis';
                if (hides && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim()) {
                  found.push('text cut off in ' + describe(el) + ': "' + el.textContent.trim().slice(0, 40) + '"');
                }
                // text squeezed into a column a few letters wide, wrapping at every character
                if (el.children.length === 0 && el.textContent.trim().length > 6 && el.clientWidth > 0
                    && el.clientWidth < 2.5 * parseFloat(style.fontSize) && el.clientHeight > 4 * parseFloat(style.fontSize)) {
                  found.push('text squeezed to ' + el.clientWidth + ' px in ' + describe(el) + ': "' + el.textContent.trim().slice(0, 40) + '"');
                }
                // a block that spills its text over the next one (overflow visible, content wider than the box)
                if (style.overflowX === 'visible' && style.display !== 'inline' && el.children.length === 0
                    && el.scrollWidth > el.clientWidth + 2 && el.clientWidth > 0 && el.textContent.trim()) {
                  found.push('text runs out of ' + describe(el) + ': "' + el.textContent.trim().slice(0, 40) + '"');
                }
              }
              // a placeholder longer than its field is cut off
              const canvas = document.createElement('canvas').getContext('2d');
              for (const input of document.querySelectorAll('input[placeholder]')) {
                if (!visible(input) || input.value) continue;
                const style = getComputedStyle(input);
                canvas.font = style.font;
                const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
                if (canvas.measureText(input.placeholder).width > room + 1) {
                  found.push('placeholder cut off in ' + describe(input) + ': "' + input.placeholder + '"');
                }
              }
              // keyboard: every visible control can be reached with Tab (nothing taken out of the tab order)
              for (const c of document.querySelectorAll('input:not([type=hidden]), select, textarea, button, a[href], summary')) {
                if (visible(c) && !c.disabled && c.tabIndex < 0) {
                  found.push('not reachable by keyboard: ' + describe(c));
                }
              }
              // words a person should never read: message keys, raw ISO timestamps
              const text = [];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              while (walker.nextNode()) {
                const node = walker.currentNode;
                const parent = node.parentElement;
                if (!parent || !visible(parent) || parent.closest('code, script, style, textarea, .message-body, .lang')) continue;
                text.push(node.textContent);
              }
              const all = text.join(' ');
              for (const m of all.matchAll(/\\b\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}[^\\s]*)?\\b/g)) {
                found.push('raw date "' + m[0] + '"');
              }
              for (const m of all.matchAll(/\\{(?:msg|portal|console|cabinet|scratch|catalog|clearing|support|board|sla|kpi|consent|segment|sending|bounce|campaign):[^}]*\\}|\\?\\?\\?[^ ]*|(?<![@\\w.-])[a-z]+(?:\\.[a-z][a-zA-Z]*){2,}\\b|\\b[a-z]+[A-Z][a-z]+[A-Za-z]*\\b/g)) {
                found.push('message key or code on screen "' + m[0] + '"');
              }
              for (const m of all.matchAll(/\\b(MANUAL-[A-Za-z0-9-]+|service-account-[a-z-]+|[a-z]+\\.[a-z]+_[a-z]+)\\b/g)) {
                found.push('internal id on screen "' + m[0] + '"');
              }
              return found;
            }
            """;

    @Test
    void everyPageOfEveryRoleReadsWellOnAPhoneAndADesktopInBothLanguages() {
        var member = TestMembers.register();
        // something in every list: a purchase at kit-media shows in the cabinet, the till and the audit log
        given().auth().oauth2(Tokens.till("kit-media")).contentType(ContentType.JSON)
                .body(Map.of("receiptId", "TOUR-" + System.nanoTime(), "occurredAt", OffsetDateTime.now().minusMinutes(1).toString(),
                        "member", Map.of("cardNumber", member.cardNumber()),
                        "lines", List.of(Map.of("sku", "PRINT-A4", "name", "Печать А4", "amount", "2300.50", "category", "print"),
                                Map.of("sku", "CARD-PROMO", "name", "Визитки по акции", "amount", "500.00", "category", "print", "promo", true))))
                .post("/api/v1/purchases").then().statusCode(201);
        // that purchase's accrual, opened in the cabinet: its lines, the excluded promo line, the sum
        Object accrualEntry = given().auth().oauth2(member.token()).get("/api/v1/me/history").then().statusCode(200)
                .extract().path("items.find { it.kind == 'ACCRUAL' }.id");
        // a batch of scratch cards ready to print: its page shows the downloads and the actions
        String batch = ScratchCardsApiTest.readyBatch(25, 50, java.time.LocalDate.now().plusMonths(3));

        // a catalog reward the member can order, one they cannot, and a voucher already ordered
        String operatorToken = Tokens.user("operator", "demo1234");
        given().auth().oauth2(operatorToken).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", member.cardNumber(), "wallet", "coalition", "points", 700, "reason", "баллы для обхода страниц"))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(201);
        String reward = given().auth().oauth2(operatorToken).contentType(ContentType.JSON)
                .body(Map.of("titleRu", "Кофе в АЗС «Смол-Нефть»", "titleEn", "Coffee at Smol-Neft", "descriptionRu", "Любой кофе 0,3 л.",
                        "descriptionEn", "Any 0.3 l coffee.", "cost", 300, "partner", "smol-neft", "stockLeft", 12, "perMemberLimit", 2,
                        "activeUntil", "2099-12-31"))
                .post("/api/v1/operator/catalog/rewards").then().statusCode(201).extract().path("rewardId");
        given().auth().oauth2(operatorToken).contentType(ContentType.JSON)
                .body(Map.of("titleRu", "Диагностика подвески с очень длинным названием для узкого экрана", "titleEn",
                        "A suspension check with a very long title for a narrow screen", "cost", 100_000, "partner", "avto-drive"))
                .post("/api/v1/operator/catalog/rewards").then().statusCode(201);
        given().auth().oauth2(member.token()).contentType(ContentType.JSON).body(Map.of("rewardId", reward))
                .post("/api/v1/me/reward-orders").then().statusCode(201);

        // a missing-points ticket of the member, routed to smol-neft, for the desk's pages
        io.restassured.response.Response opened = given().auth().oauth2(member.token()).contentType(ContentType.JSON)
                .body(Map.of("subject", "Не начислили баллы за заправку на трассе М-1 под Смоленском 3 декабря", "body",
                        "Заправился на 2 000 ₽, чек R-1, баллов нет.", "category", "missing-points", "partner", "smol-neft", "receiptId", "R-1"))
                .post("/api/v1/me/tickets");
        String ticketId = opened.then().statusCode(201).extract().path("ticketId");
        String ticketNumber = opened.then().extract().path("number");
        casework.route(java.util.UUID.fromString(ticketId), "smol-neft", "page tour");
        // the member also called about it: the ticket page lists the call, the call log shows it
        given().auth().oauth2(Tokens.user("support", "demo1234")).contentType(ContentType.JSON)
                .body(Map.of("phone", member.phone(), "summary", "Звонил узнать, когда начислят баллы за чек R-1", "outcome",
                        "callback-needed", "ticketId", ticketId))
                .post("/api/v1/operator/calls").then().statusCode(201);

        // a solved ticket: the page of its mailed rating link for the visitor, and a line on the support figures
        String ticket = ru.coalition.support.SatisfactionTest.solvedTicket(member, "Баллы за печать");
        String rateLink = "/support/rate/" + io.quarkus.arc.Arc.container().instance(ru.coalition.support.RatingLinks.class).get()
                .issue(java.util.UUID.fromString(ticket), java.time.Instant.now().plusSeconds(86_400)) + "?score=4";

        // the Q&A board: a question with a member's accepted answer and the desk's answer, a first post waiting for a
        // moderator, a reported post, and a knowledge-base article
        String supportToken = Tokens.user("support", "demo1234");
        String boardQuestion = given().auth().oauth2(member.token()).contentType(ContentType.JSON)
                .body(Map.of("topic", "points", "title", "Почему баллы за печать в «КИТ МЕДИА» ещё не активны, хотя прошло уже три дня?",
                        "body", "Заказал печать А4 на **2 300 ₽**. В истории баллы есть, но потратить нельзя.\n\n- чек есть\n- карта та же"))
                .post("/api/v1/board/questions").then().statusCode(201).extract().path("postId");
        given().auth().oauth2(supportToken).post("/api/v1/board/posts/" + boardQuestion + "/approve").then().statusCode(204);
        String boardAnswer = given().auth().oauth2(member.token()).contentType(ContentType.JSON)
                .body(Map.of("body", "У меня так же было: баллы активируются через 14 дней, см. https://example.org/pravila-programmy-bonus-kit-media"))
                .post("/api/v1/board/questions/" + boardQuestion + "/answers").then().statusCode(201).extract().path("postId");
        given().auth().oauth2(supportToken).contentType(ContentType.JSON).body(Map.of("body", "Верно: по правилам программы «Бонус» баллы активируются через 14 дней после покупки."))
                .post("/api/v1/board/questions/" + boardQuestion + "/answers").then().statusCode(201);
        given().auth().oauth2(supportToken).contentType(ContentType.JSON).body(Map.of("answerId", boardAnswer))
                .post("/api/v1/board/questions/" + boardQuestion + "/accepted").then().statusCode(200);
        String newcomer = TestMembers.register().token();
        given().auth().oauth2(newcomer).contentType(ContentType.JSON)
                .body(Map.of("topic", "card", "title", "Потерял карту", "body", "Как восстановить карту, если потерял?"))
                .post("/api/v1/board/questions").then().statusCode(201);
        given().auth().oauth2(newcomer).contentType(ContentType.JSON).body(Map.of("reason", "Реклама чужого сайта"))
                .post("/api/v1/board/posts/" + boardAnswer + "/reports").then().statusCode(204);
        String kbSlug = given().auth().oauth2(supportToken).contentType(ContentType.JSON)
                .body(Map.of("title", "Когда активируются баллы", "body", "Баллы активируются через **14 дней** после покупки.",
                        "topic", "points", "published", true, "fromAnswer", boardAnswer))
                .post("/api/v1/board/kb").then().statusCode(201).extract().path("slug");
        // segments: one of kit-media's and one of the operator's, to open in their editors
        Map<String, Object> segmentDefinition = Map.of("match", "all", "conditions", List.of(Map.of("type", "gender", "value", "female"),
                Map.of("type", "boughtAt", "days", 90)));
        int partnerSegment = given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234")).contentType(ContentType.JSON)
                .body(Map.of("name", "Покупательницы за квартал", "definition", segmentDefinition))
                .post("/api/v1/partner/segments").then().statusCode(201).extract().path("id");
        int operatorSegment = given().auth().oauth2(Tokens.user("mailer", "demo1234")).contentType(ContentType.JSON)
                .body(Map.of("name", "Смоленск, день рождения", "definition", Map.of("match", "all", "conditions", List.of(
                        Map.of("type", "city", "values", List.of("Смоленск")), Map.of("type", "birthdayThisMonth"),
                        Map.of("type", "consent", "value", "marketingEmail")), "groups", List.of(Map.of("match", "any", "conditions", List.of(
                        Map.of("type", "spend", "minSpend", "5000.00"), Map.of("type", "visits", "min", 3)))))))
                .post("/api/v1/operator/segments").then().statusCode(201).extract().path("id");

        // mailings: a partner's request waiting for the operator, and an SMS draft of the operator's
        String requested = given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234")).contentType(ContentType.JSON)
                .body(Map.of("name", "Визитки со скидкой к Новому году", "channel", "EMAIL", "subjectRu", "{member.firstName}, визитки со скидкой 20 %",
                        "bodyRu", "Здравствуйте, {member.firstName}!\n\nДо 31 декабря — **скидка 20 %** на визитки и флаеры.\n\n[Заказать](https://example.org/kit-media)"))
                .post("/api/v1/partner/campaigns").then().statusCode(201).extract().path("id").toString();
        // a rule back-test of kit-media's: its page, running or done
        String backtest = given().auth().oauth2(Tokens.user("kit-media-admin", "demo1234")).contentType(ContentType.JSON)
                .body(Map.of("from", "2026-03-01", "to", "2026-03-31", "program", Map.of("name", "Бонус ×2", "earn", Map.of("points", 2,
                        "perRubles", "1.00", "rounding", "floor", "excludedCategories", List.of("gift-card"), "excludePromo", true),
                        "activation", Map.of("delayDays", 30, "purchaseDayCounts", false))))
                .post("/api/v1/partner/analytics/backtests").then().statusCode(202).extract().path("id");
        String smsDraft = given().auth().oauth2(Tokens.user("mailer", "demo1234")).contentType(ContentType.JSON)
                .body(Map.of("name", "Двойные баллы в выходные", "channel", "SMS", "bodyRu", "Двойные баллы у всех партнёров коалиции в эти выходные!"))
                .post("/api/v1/operator/campaigns").then().statusCode(201).extract().path("id").toString();
        // the unsubscribe page of a marketing mail (no sign-in), and the operator's proof of the member's consents
        long memberId = io.quarkus.arc.Arc.container().instance(ru.coalition.members.MemberService.class).get()
                .byCard(member.cardNumber()).orElseThrow().id;
        String unsubscribeLink = "/u/" + io.quarkus.arc.Arc.container().instance(ru.coalition.mailings.UnsubscribeLinks.class).get()
                .token(memberId, 1, ru.coalition.members.Consent.Kind.PARTNER_OFFERS_EMAIL);
        String consentProof = "/operator/members/consents?q=" + member.cardNumber();

        // a hard bounce through the ESP's webhook, so the bounces page has a row in each of its tables
        String bounced = "tour-bounce-" + System.nanoTime() + "@example.org";
        given().header("X-Webhook-Secret", ru.coalition.devstack.DevStack.BOUNCE_WEBHOOK_SECRET).contentType(ContentType.JSON)
                .body(Map.of("id", "tour-" + bounced, "type", "hard", "recipient", bounced, "status", "5.1.1",
                        "diagnostic", "550 5.1.1 <" + bounced + ">: Recipient address rejected: User unknown in virtual mailbox table"))
                .post("/api/v1/mail/bounces").then().statusCode(200);

        // an order with a layout on quote, accepted and quoted, so its pages show the quote, the steps and the history
        String order = given().auth().oauth2(member.token()).contentType(ContentType.JSON).body(Map.of("partner", "kit-media",
                        "items", List.of(Map.of("serviceId", "business-cards", "quantity", 2), Map.of("serviceId", "layout-design", "quantity", 1)),
                        "wishes", "Логотип слева"))
                .post("/api/v1/me/orders").then().statusCode(201).extract().path("orderId");
        String kitAdmin = Tokens.user("kit-media-admin", "demo1234");
        given().auth().oauth2(kitAdmin).contentType(ContentType.JSON).body(Map.of("state", "ACCEPTED"))
                .post("/api/v1/partner/orders/" + order + "/state").then().statusCode(200);
        given().auth().oauth2(kitAdmin).contentType(ContentType.JSON).body(Map.of("amount", "4500.00", "note", "Визитки и макет"))
                .post("/api/v1/partner/orders/" + order + "/quote").then().statusCode(200);

        List<Tour> tours = List.of(
                new Tour("visitor", null, null, List.of("/", "/cabinet/register", rateLink, unsubscribeLink, "/board", "/board?topic=points", "/board?q=начислили баллы",
                        "/board/questions/" + boardQuestion, "/kb", "/kb/" + kbSlug)),
                new Tour("member", member.email(), TestMembers.PASSWORD, List.of("/cabinet", "/cabinet/wallets", "/cabinet/catalog", "/cabinet/vouchers", "/cabinet/profile",
                        "/cabinet/code", "/cabinet/code?c=7KQ4MXH29PRT3VW", "/cabinet/tickets", "/cabinet/tickets/new", "/cabinet/tickets/" + ticketId,
                        "/cabinet/history/" + accrualEntry, "/board/ask", "/board/questions/" + boardQuestion,
                        "/cabinet/orders", "/cabinet/orders/new?partner=kit-media", "/cabinet/orders/" + order)),
                new Tour("partner-admin", "kit-media-admin", "demo1234", List.of("/portal", "/portal/till", "/portal/program", "/portal/staff", "/portal/audit",
                        "/portal/scratch", "/portal/statements", "/portal/analytics", "/portal/analytics?from=2026-03-31&to=2026-03-01", "/portal/analytics/portrait", "/portal/analytics/portrait?from=2026-05&to=2026-01", "/portal/analytics/coalition", "/portal/analytics/backtest/" + backtest, "/portal/campaigns", "/portal/campaigns/new", "/portal/campaigns/" + requested,
                        "/portal/segments", "/portal/segments/new", "/portal/segments/" + partnerSegment,
                        "/portal/orders", "/portal/orders/" + order, "/portal/orders/services", "/portal/webhooks", "/portal/voice-calls")),
                new Tour("coalition partner-admin", "smol-neft-admin", "demo1234", List.of("/portal/scratch", "/portal/scratch/" + batch,
                        "/portal/statements", "/portal/tickets", "/portal/tickets/" + ticketId)),
                new Tour("cashier", "kit-media-cashier", "demo1234",
                        List.of("/portal/till", "/portal/till?q=" + member.phone().substring(1), "/portal/program")),
                new Tour("operator", "operator", "demo1234", List.of("/operator", "/operator/partners/new",
                        "/operator/members?q=" + member.cardNumber(), "/operator/audience", "/operator/ledger", "/operator/scratch", "/operator/clearing", "/operator/analytics", "/operator/catalog",
                        "/operator/catalog/new", "/operator/catalog/" + reward, "/operator/audit", "/operator/staff", consentProof,
                        "/operator/voice-calls")),
                new Tour("supervisor", "supervisor", "demo1234", List.of("/operator/members?q=" + member.email(), "/operator/audit",
                        "/operator/support/macros", "/operator/support/macros?edit=1", "/operator/calls?phone=" + member.phone(), "/operator/support/sla",
                        "/operator/tickets", "/operator/tickets?queue=overdue", "/operator/support/dashboard", "/operator/support/honour")),
                // support and mailings land on their own work when they open the console's front door
                new Tour("support", "support", "demo1234", List.of("/operator", "/operator/members?q=" + member.phone(),
                        "/operator/tickets?queue=open", "/operator/tickets?queue=partner&partner=smol-neft", "/operator/tickets/" + ticketNumber, "/operator/support/macros",
                        "/operator/calls", "/operator/support/sla", "/operator/support/honour",
                        "/operator/board", "/operator/board/kb/new?fromAnswer=" + boardAnswer, "/operator/board/kb/" + kbSlug, "/board/questions/" + boardQuestion)),
                new Tour("mailer", "mailer", "demo1234", List.of("/operator", "/operator/mailings", "/operator/mailings/new",
                        "/operator/mailings/new?channel=SMS", "/operator/mailings/" + requested, "/operator/mailings/" + smsDraft, "/operator/audience",
                        "/operator/members/consents", "/operator/members/consents?q=" + member.email(),
                        "/operator/mailings/segments", "/operator/mailings/segments/new", "/operator/mailings/segments/" + operatorSegment,
                        "/operator/mailings/bounces", "/operator/mailings/bounces?q=" + bounced)));

        List<String> findings = new ArrayList<>();
        for (Tour tour : tours) {
            for (Size size : SIZES) {
                walk(tour, size, findings);
            }
        }
        assertTrue(findings.isEmpty(), findings.size() + " findings:\n" + String.join("\n", findings));
    }

    private void walk(Tour tour, Size size, List<String> findings) {
        BrowserContext context = browser.newContext(size.width, size.height, "ru-RU");
        try {
            Page page = context.newPage();
            if (tour.login != null) {
                page.navigate(base + tour.pages.get(0).substring(1));
                Browser.signIn(page, tour.login, tour.password);
                page.waitForURL(url -> !url.contains("/realms/"));
            }
            // the menu is the same on every page of one person: each of its links is opened once per session
            java.util.Set<String> linksChecked = new java.util.HashSet<>();
            for (String lang : List.of("ru", "en")) {
                for (String path : tour.pages) {
                    String where = tour.name + " " + path + " " + size.name + " " + lang + ": ";
                    page.navigate(base + path.substring(1) + (path.contains("?") ? "&" : "?") + "lang=" + lang);
                    page.waitForLoadState(LoadState.LOAD);
                    Browser.screenshot(page, "tour/" + tour.name + path.replaceAll("[^A-Za-z0-9]+", "_") + "-" + size.name + "-" + lang);
                    @SuppressWarnings("unchecked")
                    List<String> seen = (List<String>) page.evaluate(LOOK);
                    seen.forEach(f -> findings.add(where + f));
                    checkMenu(page, where, findings, linksChecked);
                    if ("ru".equals(lang)) {
                        checkAccessibility(page, where, findings);
                    }
                }
            }
        } finally {
            context.close();
        }
    }

    /** Every link of the menu opens for this person. */
    private static void checkMenu(Page page, String where, List<String> findings, java.util.Set<String> checked) {
        @SuppressWarnings("unchecked")
        List<String> links = (List<String>) page.evaluate("() => [...document.querySelectorAll('header nav a[href]')].map(a => a.href)");
        for (String link : links) {
            if (!checked.add(link)) {
                continue;
            }
            int status = page.context().request().get(link).status();
            if (status != 200) {
                findings.add(where + "menu link " + link + " answers " + status);
            }
        }
    }

    private static void checkAccessibility(Page page, String where, List<String> findings) {
        for (Rule violation : new AxeBuilder(page).setLegacyMode(true).withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa")).analyze().getViolations()) {
            if ("serious".equals(violation.getImpact()) || "critical".equals(violation.getImpact())) {
                String nodes = violation.getNodes().stream().limit(3).map(n -> String.valueOf(n.getTarget())).toList().toString();
                findings.add(where + "axe " + violation.getImpact() + " " + violation.getId() + " (" + violation.getHelp() + ") at " + nodes);
            }
        }
    }
}
