package ru.coalition.devstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's rewards catalog: rewards honoured by each partner (several under 1 000 points), each with a picture drawn
 * here, made through the operator API like an operator's script would; and coalition points for the demo member, so a
 * newcomer can order one at once.
 */
final class DemoCatalog {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** title ru, title en, description ru, description en, cost, partner, stock (0: unlimited), picture colour. */
    private record Reward(String titleRu, String titleEn, String descriptionRu, String descriptionEn, long cost, String partner,
                          int stock, Color colour) {
    }

    private static final List<Reward> REWARDS = List.of(
            new Reward("Кофе в АЗС «Смол-Нефть»", "Coffee at Smol-Neft", "Любой кофе 0,3 л в кафе на заправке.",
                    "Any 0.3 l coffee at the filling station's café.", 300, "smol-neft", 0, new Color(0x92400e)),
            new Reward("Мойка автомобиля", "Car wash", "Комплексная мойка кузова на АЗС «Смол-Нефть».",
                    "A full body wash at a Smol-Neft station.", 700, "smol-neft", 40, new Color(0x0369a1)),
            new Reward("Шиномонтаж за полцены", "Tyre fitting at half price", "Сезонная смена шин в автосалоне «Драйв» со скидкой 50 %.",
                    "Seasonal tyre change at Drive with 50% off.", 800, "avto-drive", 25, new Color(0x374151)),
            new Reward("Диагностика подвески", "Suspension check", "Проверка подвески на стенде, 30 минут.",
                    "A 30-minute suspension check on the test stand.", 1200, "avto-drive", 0, new Color(0x065f46)),
            new Reward("Визитки, 100 шт.", "Business cards, 100", "Печать 100 визиток в РА «КИТ МЕДИА» по вашему макету.",
                    "100 business cards printed by KIT MEDIA from your design.", 450, "kit-media", 100, new Color(0x6d28d9)),
            new Reward("Плакат А2", "A2 poster", "Печать плаката А2 на матовой бумаге.", "An A2 poster on matt paper.",
                    950, "kit-media", 30, new Color(0xbe123c)));

    private DemoCatalog() {
    }

    static void seed(String appUrl, String keycloakUrl, String demoLogin, String demoPassword) throws Exception {
        String operator = token(keycloakUrl, "operator", "demo1234");
        for (Reward r : REWARDS) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("titleRu", r.titleRu());
            body.put("titleEn", r.titleEn());
            body.put("descriptionRu", r.descriptionRu());
            body.put("descriptionEn", r.descriptionEn());
            body.put("cost", r.cost());
            body.put("partner", r.partner());
            body.put("stockLeft", r.stock() == 0 ? null : r.stock());
            body.put("perMemberLimit", 3);
            HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/operator/catalog/rewards"))
                    .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
            if (created.statusCode() != 201) {
                System.out.println("[demo] reward " + r.titleRu() + " refused: " + created.statusCode() + " " + created.body());
                continue;
            }
            String id = JSON.readTree(created.body()).path("rewardId").asText();
            send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/operator/catalog/rewards/" + id + "/picture"))
                    .header("Authorization", "Bearer " + operator).header("Content-Type", "image/png")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(picture(r.colour()))));
        }
        // the demo member's card, then coalition points enough for a few rewards
        String member = token(keycloakUrl, demoLogin, demoPassword);
        JsonNode me = JSON.readTree(send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/me"))
                .header("Authorization", "Bearer " + member).GET()).body());
        send(HttpRequest.newBuilder(URI.create(appUrl + "/api/v1/operator/ledger/adjustments"))
                .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("cardNumber", me.path("cardNumber").asText(),
                        "wallet", "coalition", "points", 1500, "reason", "демо: баллы на подарки из каталога")))));
        System.out.println("[demo] seeded " + REWARDS.size() + " catalog rewards; the demo member has coalition points to order one");
    }

    /** A 16:9 card in the reward's colour with a light circle: something to look at, drawn without fonts. */
    private static byte[] picture(Color colour) throws Exception {
        BufferedImage image = new BufferedImage(640, 360, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, colour, 640, 360, colour.brighter().brighter()));
        g.fillRect(0, 0, 640, 360);
        g.setColor(new Color(255, 255, 255, 90));
        g.fillOval(380, 60, 240, 240);
        g.fillOval(60, 200, 120, 120);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** A demo person's access token (password grant of the public mobile client); the other demo seeders use it too. */
    static String token(String keycloakUrl, String username, String password) throws Exception {
        String body = "grant_type=password&client_id=coalition-mobile&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/coalition/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))).body())
                .path("access_token").asText();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
