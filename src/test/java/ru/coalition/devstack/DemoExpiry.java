package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Points of the demo member that lapse within the next 14 days, so the cabinet shows «N баллов сгорят D» and the
 * expiry job sends her the 14-day notice (into the mail catcher) as soon as the demo runs: a smol-neft receipt of 80
 * days ago, posted through the till API like a late till would. Under the demo's smol-neft program (DemoTenants: points
 * lapse 3 months after they become active) its points lapse 10 to 13 days from now, whatever the months' lengths.
 */
final class DemoExpiry {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final int DAYS_AGO = 80;

    private DemoExpiry() {
    }

    static void seed(String appUrl, String keycloakUrl, String demoLogin, String demoPassword) throws Exception {
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(3)).minusDays(DAYS_AGO).withHour(18).withMinute(40);
        Map<String, Object> body = Map.of("receiptId", "DEMO-EXPIRY-" + at.toLocalDate(), "occurredAt", at.toString(),
                "member", Map.of("phone", "+" + demoLogin),
                "lines", List.of(Map.of("sku", "AI-95", "name", "АИ-95", "category", "fuel", "amount", "3180.00")));
        HttpResponse<String> posted = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/purchases"))
                .header("Authorization", "Bearer " + DemoData.tillToken(keycloakUrl, DemoTenants.PARTNER))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (posted.statusCode() != 201) {
            System.out.println("[demo] the demo member's expiring receipt was refused: " + posted.statusCode() + " " + posted.body());
            return;
        }
        // what the cabinet will say, read as the member's app would
        JsonNode wallets = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/me/wallets"))
                .header("Authorization", "Bearer " + DemoCatalog.token(keycloakUrl, demoLogin, demoPassword)).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode w : wallets) {
            if (w.path("nextExpiry").isObject()) {
                System.out.println("[demo] the demo member's " + w.path("wallet").asText() + " wallet: " + w.path("nextExpiry").path("points").asLong()
                        + " points lapse at " + w.path("nextExpiry").path("at").asText() + " (" + appUrl + "/cabinet/wallets); the expiry"
                        + " job tells her by e-mail within a minute (mail catcher)");
            }
        }
    }
}
