package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mailings on the demo's first start (issue 12): the demo member consents to partners' offers; the mailing manager has
 * a segment of her own and sends a special offer to it (its figures fill in as it goes); kit-media asks for a mailing
 * to its customers of the last 90 days, which waits for the manager's decision; smol-neft's request is approved and
 * sent, so the portal shows a partner's figures. The newsletter's next issue is drafted by its own job. Everything goes
 * through the API as the people would.
 */
final class DemoMailings {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DemoMailings() {
    }

    static void seed(String appUrl, String keycloakUrl, String demoLogin, String demoPassword) throws Exception {
        String member = DemoCatalog.token(keycloakUrl, demoLogin, demoPassword);
        String mailer = DemoCatalog.token(keycloakUrl, "mailer", "demo1234");
        String kit = DemoCatalog.token(keycloakUrl, "kit-media-admin", "demo1234");
        String neft = DemoCatalog.token(keycloakUrl, "smol-neft-admin", "demo1234");
        send(appUrl, member, "PUT", "/api/v1/me/consents", Map.of("partnerOffersEmail", true));
        // the activity rollup folds the demo's purchases every few seconds; the segments count from it
        Thread.sleep(7000);

        long women = id(send(appUrl, mailer, "POST", "/api/v1/operator/segments", Map.of("name", "Женщины 25–44, согласны на e-mail",
                "definition", Map.of("match", "all", "conditions", List.of(Map.of("type", "gender", "value", "female"),
                        Map.of("type", "ageBand", "values", List.of("25-34", "35-44")), Map.of("type", "consent", "value", "marketingEmail"))))));
        long offer = id(send(appUrl, mailer, "POST", "/api/v1/operator/campaigns", email("Двойные баллы в выходные", women,
                "{member.firstName}, двойные баллы в эти выходные",
                "Здравствуйте, {member.firstName}!\n\nВ субботу и воскресенье все партнёры коалиции начисляют **двойные баллы**.\n\n"
                        + "[Мои баллы](" + appUrl + "/cabinet/wallets)")));
        send(appUrl, mailer, "POST", "/api/v1/operator/campaigns/" + offer + "/schedule", Map.of());

        long printBuyers = id(send(appUrl, kit, "POST", "/api/v1/partner/segments", Map.of("name", "Заказывали печать за 90 дней",
                "definition", Map.of("match", "all", "conditions", List.of(Map.of("type", "boughtAt", "days", 90),
                        Map.of("type", "consent", "value", "partnerOffersEmail"))))));
        send(appUrl, kit, "POST", "/api/v1/partner/campaigns", email("Визитки к Новому году", printBuyers,
                "{member.firstName}, визитки со скидкой 20 %",
                "Здравствуйте, {member.firstName}!\n\nДо 31 декабря — **скидка 20 %** на визитки и флаеры в РА «КИТ МЕДИА».\n\n"
                        + "Покажите карту коалиции при заказе."));

        long drivers = id(send(appUrl, neft, "POST", "/api/v1/partner/segments", Map.of("name", "Заправлялись за 90 дней",
                "definition", Map.of("match", "all", "conditions", List.of(Map.of("type", "boughtAt", "days", 90),
                        Map.of("type", "consent", "value", "partnerOffersEmail"))))));
        long neftCampaign = id(send(appUrl, neft, "POST", "/api/v1/partner/campaigns", email("Кофе в подарок", drivers,
                "Кофе в подарок к заправке",
                "Здравствуйте, {member.firstName}!\n\nЗаправьтесь на 1 000 ₽ на АЗС «Смол-Нефть» — и кофе за наш счёт.")));
        send(appUrl, mailer, "POST", "/api/v1/operator/campaigns/" + neftCampaign + "/schedule", Map.of());
        System.out.println("[demo] seeded mailings: a segment and a special offer of the mailing manager's (sending), kit-media's"
                + " request waiting at /operator/mailings, smol-neft's mailing approved and sent; the newsletter's issue is drafted by its job");
    }

    private static Map<String, Object> email(String name, long segment, String subject, String body) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("channel", "EMAIL");
        d.put("segmentId", segment);
        d.put("subjectRu", subject);
        d.put("bodyRu", body);
        return d;
    }

    private static long id(HttpResponse<String> r) throws Exception {
        JsonNode json = JSON.readTree(r.body());
        return json.path("id").asLong();
    }

    private static HttpResponse<String> send(String appUrl, String token, String method, String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            System.out.println("[demo] mailings: " + method + " " + path + " refused: " + r.statusCode() + " " + r.body());
        }
        return r;
    }
}
