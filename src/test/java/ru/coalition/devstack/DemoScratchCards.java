package ru.coalition.devstack;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Scratch cards for the demo, through the partner API as smol-neft's admin would do it: one batch printed and active
 * (its codes kept in .demo-data/smol-neft-scratch-cards.csv, so a newcomer can enter one in the cabinet), and a small
 * one ready to print (to try the downloads and the activation in the portal).
 */
final class DemoScratchCards {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private DemoScratchCards() {
    }

    static void seed(String appUrl, String keycloakUrl, Path data) throws Exception {
        String admin = DemoCatalog.token(keycloakUrl, "smol-neft-admin", "demo1234");
        String active = order(appUrl, admin, 200, "Демо: карты на кассах АЗС");
        String csv = send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/partner/scratch-batches/" + active + "/cards.csv"))
                .header("Authorization", "Bearer " + admin).GET(), 200);
        Path file = data.resolve("smol-neft-scratch-cards.csv");
        Files.writeString(file, csv);
        send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/partner/scratch-batches/" + active + "/activate"))
                .header("Authorization", "Bearer " + admin).POST(HttpRequest.BodyPublishers.noBody()), 200);
        order(appUrl, admin, 20, "Демо: партия для типографии");
        List<String> codes = csv.lines().skip(1).limit(3).map(l -> l.split(",")[1]).toList();
        System.out.println("[demo] smol-neft has an active batch of scratch cards; enter a code at /cabinet/code, e.g. "
                + String.join(", ", codes) + " (all codes: " + file + ")");
    }

    /** Orders a batch and waits until its cards are made; its id. */
    private static String order(String appUrl, String admin, int count, String note) throws Exception {
        String body = JSON.writeValueAsString(java.util.Map.of("count", count, "pointsPerCard", 50,
                "validUntil", LocalDate.now().plusMonths(6).toString(), "note", note));
        String id = JSON.readTree(send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/partner/scratch-batches"))
                .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)), 202)).path("batchId").asText();
        for (int i = 0; i < 600; i++) {
            String status = JSON.readTree(send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/partner/scratch-batches/" + id))
                    .header("Authorization", "Bearer " + admin).GET(), 200)).path("status").asText();
            if ("READY".equals(status)) {
                return id;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("demo scratch batch not ready after two minutes");
    }


    private static String send(HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> res = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != expected) {
            throw new IllegalStateException(res.request().uri() + ": " + res.statusCode() + " " + res.body());
        }
        return res.body();
    }
}
