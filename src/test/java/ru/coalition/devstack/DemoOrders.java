package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

/**
 * The demo's orders (issue 14): the demo member's orders at kit-media in every state the board shows: a new one with a
 * layout on quote, one accepted and quoted (waiting for the member's answer), one in work, one ready for pickup (call
 * the voice menu from the member's number to confirm it) and one done whose purchase is pending in the wallet.
 */
final class DemoOrders {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DemoOrders() {
    }

    static void seed(String appUrl, String keycloakUrl, String demoLogin, String demoPassword) throws Exception {
        String member = DemoCatalog.token(keycloakUrl, demoLogin, demoPassword);
        String staff = DemoCatalog.token(keycloakUrl, "kit-media-admin", "demo1234");
        place(appUrl, member, List.of(Map.of("serviceId", "layout-design", "quantity", 1), Map.of("serviceId", "business-cards", "quantity", 2,
                "options", Map.of("print", "двусторонняя 4+4"))), "Логотип в фирменных цветах, телефон крупно");
        String quoted = place(appUrl, member, List.of(Map.of("serviceId", "banners", "quantity", 6), Map.of("serviceId", "layout-design",
                "quantity", 1)), "Баннер 3×2 м на фасад, к 25 декабря");
        move(appUrl, staff, quoted, "ACCEPTED");
        post(appUrl, staff, "/api/v1/partner/orders/" + quoted + "/quote", Map.of("amount", "5200.00", "note", "Баннер 6 м² и макет"));
        String inWork = place(appUrl, member, List.of(Map.of("serviceId", "flyers", "quantity", 2)), "");
        move(appUrl, staff, inWork, "ACCEPTED");
        move(appUrl, staff, inWork, "IN_WORK");
        String ready = place(appUrl, member, List.of(Map.of("serviceId", "business-cards", "quantity", 1)), "");
        for (String state : List.of("ACCEPTED", "IN_WORK", "READY")) {
            move(appUrl, staff, ready, state);
        }
        String done = place(appUrl, member, List.of(Map.of("serviceId", "business-cards", "quantity", 3)), "Как в прошлый раз");
        for (String state : List.of("ACCEPTED", "IN_WORK", "READY", "DONE")) {
            move(appUrl, staff, done, state);
        }
    }

    private static String place(String appUrl, String token, List<Map<String, Object>> items, String wishes) throws Exception {
        JsonNode placed = post(appUrl, token, "/api/v1/me/orders", Map.of("partner", "kit-media", "items", items, "wishes", wishes));
        return placed.path("orderId").asText();
    }

    private static void move(String appUrl, String token, String orderId, String state) throws Exception {
        post(appUrl, token, "/api/v1/partner/orders/" + orderId + "/state", Map.of("state", state));
    }

    private static JsonNode post(String appUrl, String token, String path, Map<String, Object> body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
