package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * What the demo shows on its first start: members from several towns with different consents, and three months of
 * purchases at every partner (the till API refuses receipts older than 90 days), each with lines of that partner's
 * trade, so the cabinet, the till, the portal's chart, the member desk, the audience and the audit log have true data.
 * Everything goes through the public API as a till and a registering member would send it; the seed is printed.
 */
final class DemoData {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final int MEMBERS = 36;

    private static final String[] LAST = {"Смирнова", "Кузнецов", "Попова", "Васильев", "Петрова", "Соколов", "Михайлова",
            "Новиков", "Фёдорова", "Морозов", "Волкова", "Алексеев"};
    private static final String[] FIRST_F = {"Анна", "Елена", "Ольга", "Наталья", "Ирина", "Татьяна"};
    private static final String[] FIRST_M = {"Алексей", "Дмитрий", "Сергей", "Андрей", "Игорь", "Павел"};
    private static final String[] CITIES = {"Смоленск", "Смоленск", "Смоленск", "Москва", "Вязьма", "Рославль", "Ярцево", "Сафоново"};

    /** A line a partner's till would send: sku, name, category and a range of amounts in roubles. */
    private record Item(String sku, String name, String category, int min, int max) {
    }

    private static final Map<String, List<Item>> TRADE = Map.of(
            "kit-media", List.of(new Item("BANNER-3x6", "Баннер 3×6 м", "print", 4000, 18000),
                    new Item("POSTER-A1", "Плакаты А1, 20 шт.", "print", 1500, 6000),
                    new Item("CARDS-1000", "Визитки, 1000 шт.", "print", 900, 2500),
                    new Item("GC-1000", "Подарочная карта", "gift-card", 1000, 1000)),
            "smol-neft", List.of(new Item("AI-95", "АИ-95", "fuel", 1500, 4500),
                    new Item("DT", "Дизельное топливо", "fuel", 2000, 5000),
                    new Item("COFFEE", "Кофе с собой", "cafe", 150, 350),
                    new Item("CIG", "Сигареты", "tobacco", 200, 350)),
            "avto-drive", List.of(new Item("TO-1", "Плановое ТО", "service", 6000, 25000),
                    new Item("TYRES", "Шиномонтаж", "service", 2000, 4000),
                    new Item("OIL", "Масло моторное, 4 л", "parts", 2500, 6000),
                    new Item("PADS", "Колодки тормозные", "parts", 1800, 5000)));

    private DemoData() {
    }

    static void seed(String appUrl, String keycloakUrl, long seed) throws Exception {
        System.out.println("[demo] seeding " + MEMBERS + " members and three months of purchases (seed " + seed + ")");
        Random random = new Random(seed);
        List<String> cards = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String card = register(appUrl, i, random);
            if (card != null) {
                cards.add(card);
            }
        }
        cards.add(0, "+79101234567");
        int posted = 0;
        for (String partner : List.of("kit-media", "smol-neft", "avto-drive")) {
            String token = tillToken(keycloakUrl, partner);
            for (String card : cards) {
                if (random.nextInt(10) < 3 && !card.startsWith("+")) {
                    continue; // not everyone shops everywhere
                }
                int receipts = 1 + random.nextInt(partner.equals("smol-neft") ? 8 : 3);
                for (int r = 0; r < receipts; r++) {
                    posted += purchase(appUrl, token, partner, card, random) ? 1 : 0;
                }
            }
        }
        System.out.println("[demo] seeded " + cards.size() + " members and " + posted + " purchases");
    }

    private static String register(String appUrl, int i, Random random) throws Exception {
        boolean female = random.nextBoolean();
        String last = LAST[random.nextInt(LAST.length)];
        if (female && !last.endsWith("а")) {
            last = last + "а";
        } else if (!female && last.endsWith("а")) {
            last = last.substring(0, last.length() - 1);
        }
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("lastName", last);
        q.put("firstName", female ? FIRST_F[random.nextInt(FIRST_F.length)] : FIRST_M[random.nextInt(FIRST_M.length)]);
        q.put("phone", String.format("+7910555%04d", i));
        q.put("email", String.format("demo%02d@example.org", i));
        q.put("birthDate", String.format("%d-%02d-%02d", 1960 + random.nextInt(45), 1 + random.nextInt(12), 1 + random.nextInt(28)));
        q.put("gender", female ? "female" : "male");
        q.put("city", CITIES[random.nextInt(CITIES.length)]);
        q.put("socialStatus", List.of("employed", "student", "retired", "self-employed").get(random.nextInt(4)));
        q.put("incomeBracket", List.of("under-25k", "25-50k", "50-100k", "100-200k").get(random.nextInt(4)));
        q.put("preferredChannel", random.nextInt(4) == 0 ? "sms" : "email");
        q.put("consents", Map.of("personalData", true, "marketingEmail", random.nextInt(3) > 0, "marketingSms", random.nextInt(3) == 0));
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/members"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(q))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            System.out.println("[demo] member " + i + " not registered: " + r.statusCode() + " " + r.body());
            return null;
        }
        return JSON.readTree(r.body()).path("cardNumber").asText();
    }

    private static boolean purchase(String appUrl, String token, String partner, String card, Random random) throws Exception {
        List<Item> trade = TRADE.get(partner);
        List<Map<String, Object>> lines = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int l = 0; l < count; l++) {
            Item item = trade.get(random.nextInt(trade.size()));
            int rub = item.min() + (item.max() > item.min() ? random.nextInt(item.max() - item.min()) : 0);
            lines.add(Map.of("sku", item.sku(), "name", item.name(), "category", item.category(),
                    "amount", rub + "." + String.format("%02d", random.nextInt(100))));
        }
        // spread over the last 88 days, shop hours
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.ofHours(3)).minusDays(random.nextInt(88)).withHour(9 + random.nextInt(11))
                .withMinute(random.nextInt(60));
        if (at.isAfter(OffsetDateTime.now())) {
            at = OffsetDateTime.now().minusMinutes(10);
        }
        Map<String, Object> member = card.startsWith("+") ? Map.of("phone", card) : Map.of("cardNumber", card);
        Map<String, Object> body = Map.of("receiptId", "DEMO-" + partner + "-" + Long.toString(Math.abs(random.nextLong()), 36),
                "occurredAt", at.toString(), "member", member, "lines", lines);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/purchases"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            System.out.println("[demo] purchase at " + partner + " refused: " + r.statusCode() + " " + r.body());
        }
        return r.statusCode() == 201;
    }

    /** A partner till's access token (client credentials of <slug>-pos); the other demo seeders use it too. */
    static String tillToken(String keycloakUrl, String partner) throws Exception {
        String body = "grant_type=client_credentials&client_id=" + URLEncoder.encode(partner + "-pos", StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(partner + "-pos-secret", StandardCharsets.UTF_8);
        JsonNode token = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/coalition/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        return token.path("access_token").asText();
    }
}
