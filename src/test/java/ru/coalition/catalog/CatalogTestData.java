package ru.coalition.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import jakarta.persistence.EntityManager;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.testing.Tokens;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import static io.restassured.RestAssured.given;

/** Rewards made through the operator API, and members made straight in the database for the parallel tests. */
final class CatalogTestData {

    private static final AtomicLong SEQ = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private CatalogTestData() {
    }

    static Map<String, Object> reward(String title, long cost, String partner) {
        Map<String, Object> r = new HashMap<>();
        r.put("titleRu", title);
        r.put("titleEn", title + " (en)");
        r.put("descriptionRu", "Описание: " + title);
        r.put("cost", cost);
        r.put("partner", partner);
        return r;
    }

    /** Creates the reward as the operator; its id. */
    static String create(Map<String, Object> reward) {
        return given().auth().oauth2(Tokens.user("operator", "demo1234")).contentType(ContentType.JSON).body(reward)
                .post("/api/v1/operator/catalog/rewards").then().statusCode(201).extract().path("rewardId");
    }

    /** Coalition points for a member, through the operator's adjustment API. */
    static void credit(String cardNumber, long points) {
        given().auth().oauth2(Tokens.user("operator", "demo1234")).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", cardNumber, "wallet", "coalition", "points", points, "reason", "баллы для теста каталога"))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(201);
    }

    /**
     * Members without a Keycloak account (the parallel tests call the service, not the API), each with {@code points}
     * active in the coalition wallet. Faster than registering fifty people through the identity provider.
     */
    static List<Long> members(EntityManager em, LedgerService ledger, int n, long points) {
        return QuarkusTransaction.requiringNew().call(() -> {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long s = SEQ.incrementAndGet() % 1_000_000_000L;
                long id = ((Number) em.createNativeQuery("insert into member (public_id, card_number, last_name, first_name, phone,"
                                + " birth_date, gender, city, social_status, income_bracket, preferred_channel, referral_code,"
                                + " registered_at, status) values (:pub, :card, 'Каталогов', 'Тест', :phone, date '1990-01-01', 'male',"
                                + " 'Смоленск', 'employed', '50-100k', 'sms', :ref, now(), 'ACTIVE') returning id")
                        .setParameter("pub", UUID.randomUUID()).setParameter("card", String.format("9%015d", s))
                        .setParameter("phone", String.format("+7930%07d", s % 10_000_000L)).setParameter("ref", "C" + Long.toString(s, 36).toUpperCase())
                        .getSingleResult()).longValue();
                long w = ledger.walletId(id, null);
                ledger.post(w, id, List.of(new LedgerService.Entry(EntryKind.ADJUSTMENT, points, Instant.now().minusSeconds(60), null,
                        "test", null, "catalog test")));
                ids.add(id);
            }
            return ids;
        });
    }

    /** A small PNG of one colour, as an operator would upload. */
    static byte[] png(Color colour) {
        BufferedImage image = new BufferedImage(64, 36, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(colour);
        g.fillRect(0, 0, 64, 36);
        g.dispose();
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
