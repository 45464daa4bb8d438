package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The support desk on the demo's first start (issue 11): the demo member's tickets in every state — a complaint the
 * agent answered with a canned answer, a missing-points claim routed to the partner, a question solved and rated, and
 * a fresh one nobody has taken yet — so the agents' queues, the ticket page, the portal's routed cases and the
 * cabinet all have something true to show. Everything goes through the API as the member and the agent would.
 */
final class DemoSupport {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DemoSupport() {
    }

    static void seed(String appUrl, String keycloakUrl, String demoLogin, String demoPassword) throws Exception {
        String member = DemoCatalog.token(keycloakUrl, demoLogin, demoPassword);
        String agent = DemoCatalog.token(keycloakUrl, "support", "demo1234");

        String complaint = open(appUrl, member, "complaint", "smol-neft", "Кассир не принял карту на АЗС",
                "Вчера на АЗС «Смол-Нефть» на Рославльском шоссе кассир сказал, что карта не работает, и баллы не начислил.", null);
        post(appUrl, agent, "/api/v1/operator/tickets/" + complaint + "/assign-to-me", Map.of());
        post(appUrl, agent, "/api/v1/operator/tickets/" + complaint + "/messages", Map.of("internal", true,
                "body", "Проверил: карта активна, покупка в журнале не найдена. Запрошу у партнёра запись кассы."));
        post(appUrl, agent, "/api/v1/operator/tickets/" + complaint + "/messages", Map.of("internal", false,
                "body", "Здравствуйте!\n\nМы приняли вашу рекламацию и передали её партнёру. Мы ответим вам в течение трёх рабочих часов.\n\nСлужба поддержки"));

        String claim = open(appUrl, member, "missing-points", "kit-media", "Не начислили баллы за печать баннера",
                "Заказывала баннер 3×6 м, оплатила на кассе, баллов в кабинете нет.", "KM-2026-0417");
        post(appUrl, agent, "/api/v1/operator/tickets/" + claim + "/route", Map.of("partner", "kit-media"));

        String question = open(appUrl, member, "question", null, "Сколько живут баллы?",
                "Подскажите, сгорают ли баллы, если я долго не заправляюсь?", null);
        post(appUrl, agent, "/api/v1/operator/tickets/" + question + "/assign-to-me", Map.of());
        post(appUrl, agent, "/api/v1/operator/tickets/" + question + "/messages", Map.of("internal", false,
                "body", "Здравствуйте! У «Смол-Нефти» баллы сгорают через 90 дней без покупок; за 14 дней мы пришлём напоминание."));
        post(appUrl, agent, "/api/v1/operator/tickets/" + question + "/solve", Map.of());
        post(appUrl, member, "/api/v1/me/tickets/" + question + "/rating", Map.of("score", 5, "comment", "Понятно и быстро, спасибо"));

        open(appUrl, member, "account", null, "Как сменить телефон в анкете?", "Сменила номер телефона, как обновить его в программе?", null);

        // a call the agent logged: it opened a missing-points ticket for the demo member
        JsonNode me = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/me")).header("Authorization", "Bearer " + member)
                .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
        Map<String, Object> call = new LinkedHashMap<>();
        call.put("phone", "+79101234567");
        call.put("card", me.path("cardNumber").asText());
        call.put("summary", "Звонит участница: заправлялась в субботу на 2 400 ₽, баллы не пришли. Чек сохранила.");
        call.put("outcome", "ticket-opened");
        call.put("category", "missing-points");
        call.put("partner", "smol-neft");
        call.put("subject", "Звонок: не пришли баллы за заправку в субботу");
        post(appUrl, agent, "/api/v1/operator/calls", call);

        // the Q&A board: a member's question (pre-moderated), approved and answered by support, the answer accepted and
        // turned into a knowledge-base article
        HttpResponse<String> asked = post(appUrl, member, "/api/v1/board/questions", Map.of("topic", "points",
                "title", "Начисляются ли баллы за подарочную карту?", "body", "Хочу купить **подарочную карту** «КИТ МЕДИА» — будут ли за неё баллы?"));
        String boardQuestion = JSON.readTree(asked.body()).path("postId").asText();
        post(appUrl, agent, "/api/v1/board/posts/" + boardQuestion + "/approve", Map.of());
        HttpResponse<String> answered = post(appUrl, agent, "/api/v1/board/questions/" + boardQuestion + "/answers", Map.of("body",
                "Нет: баллы начисляются, когда картой **расплачиваются**, а не когда её покупают. Так баллы не начисляются дважды."));
        String answer = JSON.readTree(answered.body()).path("postId").asText();
        post(appUrl, agent, "/api/v1/board/questions/" + boardQuestion + "/accepted", Map.of("answerId", answer));
        Map<String, Object> article = new LinkedHashMap<>();
        article.put("title", "Баллы и подарочные карты");
        article.put("body", "Баллы начисляются, когда подарочной картой **расплачиваются**, а не когда её покупают.");
        article.put("topic", "points");
        article.put("published", true);
        article.put("fromAnswer", answer);
        post(appUrl, agent, "/api/v1/board/kb", article);
        System.out.println("[demo] seeded the support desk: 5 tickets of the demo member (answered, routed to kit-media, solved and"
                + " rated, new, opened by a logged call), a board question answered by support and a knowledge-base article");
    }

    private static String open(String appUrl, String member, String category, String partner, String subject, String body,
                               String receipt) throws Exception {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("subject", subject);
        ticket.put("body", body);
        ticket.put("category", category);
        ticket.put("partner", partner);
        ticket.put("receiptId", receipt);
        HttpResponse<String> opened = post(appUrl, member, "/api/v1/me/tickets", ticket);
        JsonNode json = JSON.readTree(opened.body());
        return json.path("ticketId").asText();
    }

    private static HttpResponse<String> post(String appUrl, String token, String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            System.out.println("[demo] support: " + path + " refused: " + r.statusCode() + " " + r.body());
        }
        return r;
    }
}
