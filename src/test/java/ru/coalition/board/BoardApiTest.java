package ru.coalition.board;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public Q&A board and the knowledge base through the API (issue 11 §6). */
@QuarkusTest
class BoardApiTest {

    static final String API = "/api/v1/board";

    static String agent() {
        return Tokens.user("support", "demo1234");
    }

    static String ask(String token, String title, String body, String expectedState) {
        return given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("topic", "points", "title", title, "body", body))
                .post(API + "/questions").then().statusCode(201).body("state", equalTo(expectedState)).extract().path("postId");
    }

    static String answer(String token, String questionId, String body, String expectedState) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("body", body))
                .post(API + "/questions/" + questionId + "/answers").then().statusCode(201).body("state", equalTo(expectedState))
                .extract().path("postId");
    }

    static void approve(String agent, String postId) {
        given().auth().oauth2(agent).post(API + "/posts/" + postId + "/approve").then().statusCode(204);
    }

    /** A member whose first post an agent approved: later posts appear at once. Returns the token. */
    static String trustedMember(String agent) {
        String token = TestMembers.register().token();
        String first = ask(token, "Первый вопрос участника", "Здравствуйте!", "PENDING");
        approve(agent, first);
        return token;
    }

    @Test
    void aFirstPostWaitsForAModeratorAndIsSeenOnlyByItsAuthorAndStaff() {
        String agent = agent();
        String author = TestMembers.register().token();
        String other = TestMembers.register().token();
        String q = ask(author, "Где мои баллы за заправку?", "Заправлялся вчера, баллов нет.", "PENDING");

        given().get(API + "/questions/" + q).then().statusCode(404).body("code", equalTo("board.post-not-found"));
        given().auth().oauth2(other).get(API + "/questions/" + q).then().statusCode(404);
        given().get(API + "/questions").then().statusCode(200).body("questionId", not(hasItem(q)));
        given().auth().oauth2(author).get(API + "/questions/" + q).then().statusCode(200)
                .body("post.state", equalTo("PENDING")).body("post.mine", equalTo(true)).body("title", equalTo("Где мои баллы за заправку?"));
        given().auth().oauth2(author).get(API + "/questions").then().statusCode(200).body("questionId", hasItem(q));
        given().auth().oauth2(agent).get(API + "/questions/" + q).then().statusCode(200);
        given().auth().oauth2(agent).get(API + "/moderation").then().statusCode(200).body("pending.postId", hasItem(q));

        approve(agent, q);
        given().auth().oauth2(agent).post(API + "/posts/" + q + "/approve").then().statusCode(409).body("code", equalTo("board.post-state"));
        given().get(API + "/questions/" + q).then().statusCode(200).body("post.state", equalTo("PUBLISHED"))
                .body("post.author", equalTo("Тест П.")).body("post.html", containsString("<p>Заправлялся вчера, баллов нет.</p>"));
        given().get(API + "/questions?topic=points").then().statusCode(200).body("questionId", hasItem(q));
        given().get(API + "/questions?topic=nope").then().statusCode(422).body("code", equalTo("board.topic-unknown"));
        // approved once: the author's next post appears at once
        String next = ask(author, "И ещё вопрос", "Про карту.", "PUBLISHED");
        given().get(API + "/questions/" + next).then().statusCode(200);

        // another member's first answer waits; the agent's answer is the desk's and appears at once
        String memberAnswer = answer(other, q, "Баллы приходят через сутки.", "PENDING");
        String staffAnswer = answer(agent, q, "Проверили: баллы начислены.", "PUBLISHED");
        given().get(API + "/questions/" + q).then().statusCode(200).body("answers", hasSize(1))
                .body("answers[0].postId", equalTo(staffAnswer)).body("answers[0].staff", equalTo(true));
        given().auth().oauth2(other).get(API + "/questions/" + q).then().statusCode(200).body("answers", hasSize(2))
                .body("answers[0].postId", equalTo(memberAnswer)).body("answers[0].state", equalTo("PENDING"));

        // a rejected post: its author sees the reason, nobody else sees it
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("reason", "Не по теме"))
                .post(API + "/posts/" + memberAnswer + "/reject").then().statusCode(204);
        given().auth().oauth2(other).get(API + "/questions/" + q).then().statusCode(200)
                .body("answers[0].state", equalTo("REJECTED")).body("answers[0].note", equalTo("Не по теме"));
        given().get(API + "/questions/" + q).then().statusCode(200).body("answers", hasSize(1));
        // rejected: the member's next post still waits
        answer(other, q, "Попробую ещё раз.", "PENDING");
    }

    @Test
    void anonymousVisitorsReadButCannotPost() {
        given().get(API + "/topics").then().statusCode(200).body("slug", hasItem("points")).body("title", hasItem("Начисление баллов"));
        given().header("Accept-Language", "en").get(API + "/topics").then().statusCode(200).body("title", hasItem("Earning points"));
        given().contentType(ContentType.JSON).body(Map.of("topic", "points", "title", "x", "body", "y"))
                .post(API + "/questions").then().statusCode(401);
        given().get(API + "/questions/not-a-uuid").then().statusCode(404);
        String token = TestMembers.register().token();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("topic", "no-such", "title", "x", "body", "y"))
                .post(API + "/questions").then().statusCode(422).body("code", equalTo("board.topic-unknown"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("topic", "points", "title", " "))
                .post(API + "/questions").then().statusCode(422).body("code", equalTo("validation"))
                .body("errors.field", org.hamcrest.Matchers.hasItems("title", "body"));
    }

    @Test
    void aMemberCannotModerate() {
        String agent = agent();
        String member = trustedMember(agent);
        String q = ask(member, "Вопрос для проверки прав", "Текст", "PUBLISHED");
        String a = answer(agent, q, "Ответ", "PUBLISHED");
        String reason = "{\"reason\":\"x\"}";
        given().auth().oauth2(member).get(API + "/moderation").then().statusCode(403);
        given().auth().oauth2(member).post(API + "/posts/" + q + "/approve").then().statusCode(403);
        given().auth().oauth2(member).contentType(ContentType.JSON).body(reason).post(API + "/posts/" + q + "/reject").then().statusCode(403);
        given().auth().oauth2(member).contentType(ContentType.JSON).body(reason).post(API + "/posts/" + q + "/hide").then().statusCode(403);
        given().auth().oauth2(member).post(API + "/posts/" + q + "/dismiss-reports").then().statusCode(403);
        given().auth().oauth2(member).contentType(ContentType.JSON).body(Map.of("answerId", a))
                .post(API + "/questions/" + q + "/accepted").then().statusCode(403);
        given().auth().oauth2(member).post(API + "/questions/" + q + "/ticket").then().statusCode(403);
        given().auth().oauth2(member).contentType(ContentType.JSON).body(Map.of("title", "t", "body", "b", "topic", "points", "published", true))
                .post(API + "/kb").then().statusCode(403);
        given().auth().oauth2(member).contentType(ContentType.JSON).body(Map.of("slug", "x", "titleRu", "x", "titleEn", "x", "position", 1))
                .post(API + "/topics").then().statusCode(403);
        // partners' staff and the mailing manager neither; nor may they post
        for (String login : List.of("kit-media-admin", "mailer")) {
            String token = Tokens.user(login, "demo1234");
            given().auth().oauth2(token).get(API + "/moderation").then().statusCode(403);
            given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("body", "b"))
                    .post(API + "/questions/" + q + "/answers").then().statusCode(403);
        }
        given().get(API + "/moderation").then().statusCode(401);
    }

    @Test
    void membersReportAbuseOnceAndAnAgentHidesThePost() {
        String agent = agent();
        String author = trustedMember(agent);
        String reporter = TestMembers.register().token();
        String q = ask(author, "Продам карту с баллами", "Пишите в личку", "PUBLISHED");
        given().auth().oauth2(reporter).contentType(ContentType.JSON).body(Map.of("reason", "Спам"))
                .post(API + "/posts/" + q + "/reports").then().statusCode(204);
        given().auth().oauth2(reporter).contentType(ContentType.JSON).body(Map.of("reason", "Спам ещё раз"))
                .post(API + "/posts/" + q + "/reports").then().statusCode(409).body("code", equalTo("board.reported"));
        given().contentType(ContentType.JSON).body(Map.of("reason", "Спам")).post(API + "/posts/" + q + "/reports").then().statusCode(401);
        given().auth().oauth2(agent).get(API + "/moderation").then().statusCode(200)
                .body("reported.find { it.postId == '" + q + "' }.reports", hasItem("Спам"));

        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("reason", "Торговля картами запрещена"))
                .post(API + "/posts/" + q + "/hide").then().statusCode(204);
        given().get(API + "/questions/" + q).then().statusCode(404);
        given().auth().oauth2(author).get(API + "/questions/" + q).then().statusCode(200)
                .body("post.state", equalTo("HIDDEN")).body("post.note", equalTo("Торговля картами запрещена"));
        given().auth().oauth2(agent).get(API + "/moderation").then().statusCode(200).body("reported.postId", not(hasItem(q)));
        // a hidden post takes no more reports
        String third = TestMembers.register().token();
        given().auth().oauth2(third).contentType(ContentType.JSON).body(Map.of("reason", "x"))
                .post(API + "/posts/" + q + "/reports").then().statusCode(404);

        // unfounded reports are dismissed and the post stays
        String fine = ask(author, "Обычный вопрос", "Ничего плохого", "PUBLISHED");
        given().auth().oauth2(reporter).contentType(ContentType.JSON).body(Map.of("reason", "Не нравится"))
                .post(API + "/posts/" + fine + "/reports").then().statusCode(204);
        given().auth().oauth2(agent).post(API + "/posts/" + fine + "/dismiss-reports").then().statusCode(204);
        given().auth().oauth2(agent).get(API + "/moderation").then().statusCode(200).body("reported.postId", not(hasItem(fine)));
        given().get(API + "/questions/" + fine).then().statusCode(200);
    }

    @Test
    void anAgentAcceptsAnAnswerAndTurnsItIntoAKnowledgeBaseArticle() {
        String agent = agent();
        String asker = trustedMember(agent);
        String helper = trustedMember(agent);
        String q = ask(asker, "Как быстро активируются баллы Лазурит?", "Купил вчера.", "PUBLISHED");
        String a = answer(helper, q, "Через **14 дней** после покупки.", "PUBLISHED");
        String other = ask(asker, "Другой вопрос", "Текст", "PUBLISHED");
        String elsewhere = answer(agent, other, "Ответ не на тот вопрос", "PUBLISHED");
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("answerId", elsewhere))
                .post(API + "/questions/" + q + "/accepted").then().statusCode(422).body("code", equalTo("board.not-an-answer"));
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("answerId", a))
                .post(API + "/questions/" + q + "/accepted").then().statusCode(200).body("answers[0].accepted", equalTo(true));
        given().get(API + "/questions?topic=points").then().statusCode(200)
                .body("find { it.questionId == '" + q + "' }.answered", equalTo(true));

        given().auth().oauth2(agent).get(API + "/kb/drafts/from-answer/" + a).then().statusCode(200)
                .body("title", equalTo("Как быстро активируются баллы Лазурит?")).body("body", equalTo("Через **14 дней** после покупки."))
                .body("topic", equalTo("points"));
        String slug = given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("title", "Как быстро активируются баллы Лазурит?", "body", "Через **14 дней** после покупки.",
                        "topic", "points", "published", false, "fromAnswer", a))
                .post(API + "/kb").then().statusCode(201).body("sourceAnswerId", equalTo(a)).body("published", equalTo(false))
                .body("slug", matchesPattern("kak-bystro-aktiviruyutsya-bally-lazurit(-\\d+)?")).extract().path("slug");
        given().get(API + "/kb/" + slug).then().statusCode(404).body("code", equalTo("board.article-not-found"));
        given().auth().oauth2(agent).get(API + "/kb/" + slug).then().statusCode(200);
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("title", "Как быстро активируются баллы Лазурит?", "body", "Через **14 дней** после покупки. Так во всех программах.",
                        "topic", "points", "published", true))
                .put(API + "/kb/" + slug).then().statusCode(200).body("published", equalTo(true));
        given().get(API + "/kb/" + slug).then().statusCode(200).body("html", containsString("<strong>14 дней</strong>"));
        given().get(API + "/kb?topic=points").then().statusCode(200).body("slug", hasItem(slug));
        // a second article with the same title gets its own address
        String second = given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("title", "Как быстро активируются баллы Лазурит?", "body", "Копия", "topic", "points", "published", false))
                .post(API + "/kb").then().statusCode(201).extract().path("slug");
        assertFalse(second.equals(slug));
        given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("title", "x", "body", "y", "topic", "points", "published", false, "slug", slug))
                .post(API + "/kb").then().statusCode(409).body("code", equalTo("board.slug-taken"));
    }

    @Test
    void aQuestionWithPersonalDataBecomesAPrivateTicket() {
        String agent = agent();
        var member = TestMembers.register();
        String token = member.token();
        String q = ask(token, "Мой номер карты " + member.cardNumber() + ", где баллы?", "Телефон " + member.phone(), "PENDING");
        var moved = given().auth().oauth2(agent).post(API + "/questions/" + q + "/ticket").then().statusCode(201)
                .body("number", matchesPattern("S-\\d{4}-\\d{6}")).extract();
        String ticketId = moved.path("ticketId");
        String number = moved.path("number");

        given().get(API + "/questions/" + q).then().statusCode(200).body("post.state", equalTo("MOVED")).body("title", nullValue())
                .body("post.body", nullValue()).body("ticketNumber", nullValue());
        given().auth().oauth2(token).get(API + "/questions/" + q).then().statusCode(200).body("ticketNumber", equalTo(number));
        given().auth().oauth2(token).get("/api/v1/me/tickets/" + ticketId).then().statusCode(200)
                .body("subject", containsString(member.cardNumber())).body("category", equalTo("question"))
                .body("messages[0].body", equalTo("Телефон " + member.phone()));
        given().auth().oauth2(agent).get("/api/v1/operator/tickets/" + ticketId).then().statusCode(200)
                .body("ticket.channel", equalTo("BOARD"))
                .body("messages.find { it.internal }.body", containsString("/board/questions/" + q));
        given().auth().oauth2(agent).post(API + "/questions/" + q + "/ticket").then().statusCode(409);
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("body", "x"))
                .post(API + "/questions/" + q + "/answers").then().statusCode(422).body("code", equalTo("board.question-closed"));
        given().get(API + "/search?q=" + member.cardNumber()).then().statusCode(200).body("$", hasSize(0));
    }

    static final String HOSTILE = """
            Привет <script>alert('xss')</script>

            <img src=x onerror="alert(1)">

            [жми](javascript:alert(2)) и [тоже](JaVaScRiPt:alert(3)) и <a href="javascript:alert(4)">ссылка</a>

            <iframe src="https://evil.example"></iframe><style>body{display:none}</style>

            ![pic](https://evil.example/track.png) [хорошая ссылка](https://example.org/help)

            <div onmouseover="alert(5)">наведи</div>

            https://example.org/auto и [data](data:text/html;base64,PHNjcmlwdD4=)
            """;

    /** No tag of a post may run code or fetch anything; links keep rel="nofollow noopener". */
    static void assertNeutralised(String html) {
        assertFalse(html.matches("(?is).*<script[^>]*>\\s*alert.*"), html);
        assertFalse(html.matches("(?is).*<(img|iframe|style|div)\\b.*"), html);
        assertFalse(html.matches("(?is).*<[^>]+\\son[a-z]+\\s*=.*"), html);
        assertFalse(html.matches("(?is).*href\\s*=\\s*\"?\\s*(javascript|data):.*"), html);
        Matcher links = Pattern.compile("<a\\b[^>]*>").matcher(html);
        int n = 0;
        while (links.find()) {
            n++;
            assertTrue(links.group().contains("rel=\"nofollow noopener\""), links.group());
        }
        assertTrue(n >= 2, "the good links stay links: " + html);
        assertTrue(html.contains("href=\"https://example.org/help\""), html);
        assertTrue(html.contains("href=\"https://example.org/auto\""), html);
    }

    @Test
    void hostileMarkdownIsNeutralisedInTheApiAndOnThePage() {
        String agent = agent();
        String member = trustedMember(agent);
        String q = given().auth().oauth2(member).contentType(ContentType.JSON)
                .body(Map.of("topic", "points", "title", "<b onmouseover=alert(6)>Заголовок</b>", "body", HOSTILE))
                .post(API + "/questions").then().statusCode(201).extract().path("postId");
        answer(member, q, HOSTILE, "PUBLISHED");
        String html = given().get(API + "/questions/" + q).then().statusCode(200).body("post.body", containsString("<script>"))
                .extract().path("post.html");
        assertNeutralised(html);
        assertTrue(html.contains("&lt;script&gt;"), "raw HTML shows as text: " + html);

        String page = given().accept(ContentType.HTML).get("/board/questions/" + q).then().statusCode(200).extract().asString();
        String main = page.substring(page.indexOf("<main"), page.indexOf("</main>"));
        Matcher bodies = Pattern.compile("(?s)<div class=\"post-body\">(.*?)</div>\\s*<div class=\"post-actions\">").matcher(main);
        int posts = 0;
        while (bodies.find()) {
            posts++;
            assertNeutralised(bodies.group(1));
        }
        assertEquals(2, posts, "the question and its answer");
        assertFalse(main.matches("(?is).*<(script|img|iframe|style)\\b.*"), main);
        assertFalse(main.matches("(?is).*<[^>]+\\son[a-z]+\\s*=.*"), main);
        assertFalse(main.matches("(?is).*href\\s*=\\s*\"?\\s*(javascript|data):.*"), main);
        assertTrue(main.contains("&lt;b onmouseover=alert(6)&gt;Заголовок&lt;/b&gt;"), "the title is text");
        // the page's only scripts are its own files
        Matcher scripts = Pattern.compile("<script\\b[^>]*>").matcher(page);
        while (scripts.find()) {
            assertTrue(scripts.group().matches("<script src=\"/[^\"]+\"( defer)?>"), scripts.group());
        }
        String article = given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("title", "Статья <script>", "body", HOSTILE, "topic", "points", "published", true))
                .post(API + "/kb").then().statusCode(201).extract().path("html");
        assertNeutralised(article);
    }

    @Test
    void postingLimitsHold() {
        MovableClock clock = MovableClock.installAt("2099-03-01T00:00:00Z");
        String token = TestMembers.register().token();
        for (int i = 1; i <= 5; i++) {
            ask(token, "Вопрос номер " + i, "Текст", "PENDING");
        }
        var refused = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("topic", "points", "title", "Шестой", "body", "Текст"))
                .post(API + "/questions").then().statusCode(429).contentType("application/problem+json")
                .body("code", equalTo("board.throttled")).header("Retry-After", notNullValue()).extract();
        assertEquals(600, Integer.parseInt(refused.header("Retry-After")), "the window started at the full hour");
        // answers count too, and another member is not affected
        String open = ask(trustedMember(agent()), "Чужой вопрос", "Текст", "PUBLISHED");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("body", "x"))
                .post(API + "/questions/" + open + "/answers").then().statusCode(429);

        // the next window allows 5 more, up to 30 a day
        for (int window = 1; window < 6; window++) {
            clock.move(Duration.ofMinutes(10));
            for (int i = 1; i <= 5; i++) {
                ask(token, "Окно " + window + " вопрос " + i, "Текст", "PENDING");
            }
        }
        clock.move(Duration.ofMinutes(10));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("topic", "points", "title", "Тридцать первый", "body", "Текст"))
                .post(API + "/questions").then().statusCode(429).body("code", equalTo("board.throttled"))
                .body("detail", containsString("мин"));
        clock.set("2099-03-02T00:00:00Z");
        ask(token, "Новый день", "Текст", "PENDING");
    }

    @Test
    void searchFindsRussianWordFormsAndTypos() {
        String agent = agent();
        String member = trustedMember(agent);
        String q = ask(member, "Начисление баллов за мойку Кристаллит", "Помыл машину, баллов нет.", "PUBLISHED");
        String hidden = ask(member, "Кристаллит спрятанный вопрос", "Текст", "PUBLISHED");
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("reason", "дубль")).post(API + "/posts/" + hidden + "/hide")
                .then().statusCode(204);
        String slug = given().auth().oauth2(agent).contentType(ContentType.JSON)
                .body(Map.of("title", "Сроки для Кристаллит", "body", "Баллы начисляются за каждую мойку.", "topic", "partners", "published", true))
                .post(API + "/kb").then().statusCode(201).extract().path("slug");

        // «начислили» (another form) finds «начисление»
        given().get(API + "/search?q=Начислили кристаллит").then().statusCode(200)
                .body("ref", hasItem(q)).body("ref", not(hasItem(hidden)));
        // a word of the body, in another form, finds the article and the question
        given().get(API + "/search?q=кристаллита мойки").then().statusCode(200).body("ref", hasItem(q)).body("ref", hasItem(slug))
                .body("find { it.ref == '" + slug + "' }.kind", equalTo("article"));
        // a typo the stemmer cannot match: trigram similarity of the title
        given().get(API + "/search?q=кристолит").then().statusCode(200).body("ref", hasItem(q)).body("ref", hasItem(slug));
        // nothing for nothing, and query syntax is only text
        given().get(API + "/search?q=").then().statusCode(200).body("$", hasSize(0));
        given().get(API + "/search?q=" + "!:*&|()'").then().statusCode(200).body("$", hasSize(0));
        // the same search box on the page
        given().accept(ContentType.HTML).get("/board?q=начислили кристаллит").then().statusCode(200)
                .body(containsString("/board/questions/" + q));
    }
}
