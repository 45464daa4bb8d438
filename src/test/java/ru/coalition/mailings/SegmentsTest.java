package ru.coalition.mailings;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.purchases.PurchaseActivity;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.Tokens;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Segments over members registered here with a city of their own (no other test's members count), at a far-future
 * clock: the questionnaire, behaviour and consent conditions, and/or, the partner's scope, "fewer than 5", 404 across
 * partners and 422 for conditions a partner may not use; the activity rollup against a direct aggregation.
 */
@QuarkusTest
class SegmentsTest {

    static final long SEED = Long.getLong("test.seed", System.nanoTime());
    static final String CITY = "Сегментск" + Long.toString(Math.abs(SEED) % 1_000_000, 36);
    static boolean seeded;
    /** name -> member id (internal) */
    static final Map<String, Long> IDS = new HashMap<>();

    @Inject
    PurchaseActivity activity;

    @Inject
    Segments segments;

    @Inject
    EntityManager em;

    MovableClock clock;

    @BeforeEach
    void seed() {
        clock = MovableClock.installAt("2031-06-25T12:00:00+03:00");
        if (seeded) {
            return;
        }
        System.out.println("SegmentsTest seed " + SEED + ", city " + CITY);
        // age on 2031-06-25: A 31 (25-34), B 61 (55+, born in June), C 23 (18-24), D..G 40 (35-44)
        register("A", "female", "2000-01-10", "employed", "50-100k", true);
        register("B", "male", "1970-06-20", "retired", "25-50k", false);
        register("C", "female", "2008-01-01", "student", "under-25k", true);
        for (String n : List.of("D", "E", "F", "G")) {
            register(n, "female", "1991-02-02", "employed", "100-200k", false);
        }
        String kit = Tokens.till("kit-media");
        String smol = Tokens.till("smol-neft");
        buy(kit, "A", "2031-06-22T10:00:00+03:00", "1000.00");
        buy(kit, "A", "2031-05-01T10:00:00+03:00", "2500.00");
        refund(kit, "A", "2031-05-01T10:00:00+03:00", "500.00");
        buy(smol, "B", "2031-04-10T10:00:00+03:00", "3000.00");
        buy(kit, "C", "2031-06-01T10:00:00+03:00", "700.00");
        buy(smol, "C", "2031-06-20T10:00:00+03:00", "1500.00");
        for (String n : List.of("D", "E", "F", "G")) {
            buy(kit, n, "2031-06-24T10:00:00+03:00", "300.00");
        }
        activity.fold();
        seeded = true;
    }

    // ---- questionnaire, and/or ----

    @Test
    void questionnaireConditionsJoinedWithAllAndAny() {
        assertEquals(7, operatorCount(all(city())));
        assertEquals(1, operatorCount(all(city(), cond("gender", "value", "male"))));
        assertEquals(2, operatorCount(all(city(), group("any", cond("ageBand", "values", List.of("55+")),
                cond("ageBand", "values", List.of("18-24"))))));
        assertEquals(4, operatorCount(all(city(), cond("ageBand", "values", List.of("35-44")))));
        assertEquals(1, operatorCount(all(city(), cond("birthdayThisMonth"))));
        assertEquals(2, operatorCount(all(city(), cond("socialStatus", "values", List.of("retired", "student")))));
        assertEquals(4, operatorCount(all(city(), cond("incomeBracket", "values", List.of("100-200k")))));
        // an empty "any" is nobody; an empty "all" everyone
        assertEquals(0, operatorCount(all(city(), group("any"))));
        // consents given at registration: A and C said yes to marketing by e-mail
        assertEquals(2, operatorCount(all(city(), cond("consent", "value", "marketingEmail"))));
        // service notices are in force until withdrawn
        assertEquals(7, operatorCount(all(city(), cond("consent", "value", "serviceEmail"))));
    }

    // ---- behaviour across partners ----

    @Test
    void behaviourAcrossPartners() {
        assertEquals(6, operatorCount(all(city(), cond("boughtAt", "partner", "kit-media", "days", 30))));
        assertEquals(1, operatorCount(all(city(), cond("boughtAt", "partner", "smol-neft", "days", 30))));
        assertEquals(2, operatorCount(all(city(), cond("boughtAt", "partner", "smol-neft", "days", 100))));
        assertEquals(1, operatorCount(all(city(), cond("notBoughtAt", "partner", "kit-media", "days", 365))));
        assertEquals(7, operatorCount(all(city(), cond("boughtAt", "days", 100))));
        // A: 1000 + 2500 - 500 = 3000.00 at kit-media; B 3000.00 at smol-neft; C 2200.00 in total
        assertEquals(1, operatorCount(all(city(), cond("spend", "partner", "kit-media", "minSpend", "3000.00"))));
        assertEquals(3, operatorCount(all(city(), cond("spend", "minSpend", "2200.00", "maxSpend", "3000.00"))));
        assertEquals(1, operatorCount(all(city(), cond("spend", "minSpend", "2200.00", "maxSpend", "2999.99"))));
        assertEquals(1, operatorCount(all(city(), cond("visits", "partner", "kit-media", "min", 2))));
        assertEquals(2, operatorCount(all(city(), cond("visits", "min", 2))));
        // B never bought at kit-media: 0 visits there is within "at most 1"
        assertEquals(6, operatorCount(all(city(), cond("visits", "partner", "kit-media", "max", 1))));
        // nobody of them has a coalition wallet with 10 000 points; everyone has at most that
        assertEquals(0, operatorCount(all(city(), cond("balance", "min", 10_000))));
        assertEquals(7, operatorCount(all(city(), cond("balance", "max", 10_000))));
    }

    // ---- the rollup ----

    @Test
    void theRollupEqualsADirectAggregationAfterPurchasesAndRefunds() {
        activity.fold();
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> diff = em.createNativeQuery("""
                    with direct as (
                        select p.member_id, p.partner_id, min(p.occurred_at) first_at, max(p.occurred_at) last_at, count(*) receipts,
                               sum(p.total) - coalesce(sum((select sum(r.amount) from refund r where r.purchase_id = p.id)), 0) spend
                        from purchase p group by p.member_id, p.partner_id),
                    rolled as (select member_id, partner_id, first_at, last_at, receipts, spend from purchase_activity)
                    (select 'missing', * from direct except select 'missing', * from rolled)
                    union all (select 'extra', * from rolled except select 'extra', * from direct)""").getResultList();
            assertEquals(List.of(), diff.stream().map(java.util.Arrays::toString).toList(), "rollup vs direct aggregation");
            @SuppressWarnings("unchecked")
            List<Object[]> totals = em.createNativeQuery("""
                    select t.member_id from purchase_activity_total t
                    join (select member_id, min(first_at) f, max(last_at) l, sum(receipts) n, sum(spend) s from purchase_activity group by member_id) a
                      on a.member_id = t.member_id
                    where (a.f, a.l, a.n, a.s) is distinct from (t.first_at, t.last_at, t.receipts, t.spend)
                    union all select member_id from purchase_activity a where not exists (select 1 from purchase_activity_total t where t.member_id = a.member_id)
                    """).getResultList();
            assertEquals(List.of(), totals, "totals vs per-partner rows");
        });
    }

    // ---- partners ----

    @Test
    void aPartnerCountsOnlyItsOwnCustomersAndNeverBelowFive() {
        String kit = admin("kit-media");
        // A, C, D, E, F, G bought at kit-media; B did not
        partnerCount(kit, all(city())).statusCode(200).body("count", equalTo(6)).body("fewerThan", nullValue());
        partnerCount(kit, all(city(), cond("ageBand", "values", List.of("35-44")))).statusCode(200).body("count", nullValue())
                .body("fewerThan", equalTo(5));
        // B is nobody to kit-media: 0 is "fewer than 5" too
        partnerCount(kit, all(city(), cond("gender", "value", "male"))).statusCode(200).body("count", nullValue())
                .body("fewerThan", equalTo(5));
        partnerCount(kit, all(city(), cond("boughtAt", "days", 30), cond("visits", "partner", "kit-media", "max", 5)))
                .statusCode(200).body("count", equalTo(6));
        partnerCount(kit, all(city(), cond("consent", "value", "partnerOffersEmail"))).statusCode(200).body("count", nullValue());
    }

    @Test
    void aPartnerMayNotUseOtherPartnersOrTheCoalitionBalance() {
        String kit = admin("kit-media");
        partnerCount(kit, all(city(), cond("balance", "min", 1))).statusCode(422)
                .body("code", equalTo("segment.field-forbidden")).body("errors.field", hasItem("conditions[1].type"));
        partnerCount(kit, all(city(), cond("boughtAt", "partner", "smol-neft", "days", 30))).statusCode(422)
                .body("code", equalTo("segment.field-forbidden")).body("errors.field", hasItem("conditions[1].partner"));
        partnerCount(kit, all(city(), cond("consent", "value", "marketingEmail"))).statusCode(422)
                .body("code", equalTo("segment.field-forbidden")).body("errors.field", hasItem("conditions[1].value"));
        // saving one is refused the same way, nothing is stored
        given().auth().oauth2(kit).contentType(ContentType.JSON)
                .body(Map.of("name", "nope", "definition", all(cond("balance", "min", 1))))
                .post("/api/v1/partner/segments").then().statusCode(422).body("errors.field", hasItem("definition.conditions[0].type"));
    }

    @Test
    void anotherPartnersSegmentIsNotFound() {
        String kit = admin("kit-media");
        String smol = admin("smol-neft");
        int id = given().auth().oauth2(kit).contentType(ContentType.JSON)
                .body(Map.of("name", "Наши в " + CITY, "definition", all(city())))
                .post("/api/v1/partner/segments").then().statusCode(201).extract().path("id");
        given().auth().oauth2(kit).get("/api/v1/partner/segments/{id}", id).then().statusCode(200).body("name", equalTo("Наши в " + CITY));
        given().auth().oauth2(kit).get("/api/v1/partner/segments/{id}/count", id).then().statusCode(200).body("count", equalTo(6));
        given().auth().oauth2(smol).get("/api/v1/partner/segments/{id}", id).then().statusCode(404).body("code", equalTo("segment.not-found"));
        given().auth().oauth2(smol).get("/api/v1/partner/segments/{id}/count", id).then().statusCode(404);
        given().auth().oauth2(smol).contentType(ContentType.JSON).body(Map.of("name", "x", "definition", all(city())))
                .put("/api/v1/partner/segments/{id}", id).then().statusCode(404);
        given().auth().oauth2(smol).delete("/api/v1/partner/segments/{id}", id).then().statusCode(404);
        // nor is it the operator's, through the operator's API
        given().auth().oauth2(Tokens.user("mailer", "demo1234")).get("/api/v1/operator/segments/{id}", id).then().statusCode(404);
        given().auth().oauth2(smol).get("/api/v1/partner/segments").then().statusCode(200).body("id", org.hamcrest.Matchers.not(hasItem(id)));
        given().auth().oauth2(kit).delete("/api/v1/partner/segments/{id}", id).then().statusCode(204);
        given().auth().oauth2(kit).get("/api/v1/partner/segments/{id}", id).then().statusCode(404);
    }

    // ---- the operator's API, bad input, the selection ----

    @Test
    void theOperatorSavesASegmentAndItsSelectionNamesItsMembers() {
        String mailer = Tokens.user("mailer", "demo1234");
        Map<String, Object> def = all(city(), group("any", cond("gender", "value", "male"), cond("ageBand", "values", List.of("18-24"))));
        int id = given().auth().oauth2(mailer).contentType(ContentType.JSON).body(Map.of("name", "Смешанный " + CITY, "definition", def))
                .post("/api/v1/operator/segments").then().statusCode(201).body("definition.groups[0].match", equalTo("any"))
                .extract().path("id");
        given().auth().oauth2(mailer).get("/api/v1/operator/segments").then().statusCode(200).body("id", hasItem(id));
        given().auth().oauth2(mailer).get("/api/v1/operator/segments/{id}/count", id).then().statusCode(200).body("count", equalTo(2));
        Segments.Selection sel = segments.selection(id);
        Set<Long> found = QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sel.sql());
            sel.params().forEach(q::setParameter);
            Set<Long> out = new HashSet<>();
            for (Object o : q.getResultList()) {
                out.add(((Number) o).longValue());
            }
            return out;
        });
        assertEquals(Set.of(IDS.get("B"), IDS.get("C")), found);
        // a partner's token cannot use the operator's API
        given().auth().oauth2(admin("kit-media")).get("/api/v1/operator/segments").then().statusCode(403);
    }

    @Test
    void badDefinitionsAreProblemsNamingTheField() {
        String mailer = Tokens.user("mailer", "demo1234");
        operatorCountCall(mailer, all(cond("color", "value", "red"))).statusCode(422).body("errors.field", hasItem("conditions[0].type"));
        operatorCountCall(mailer, all(cond("boughtAt", "partner", "kit-media"))).statusCode(422).body("errors.field", hasItem("conditions[0].days"));
        operatorCountCall(mailer, all(cond("boughtAt", "partner", "nobody", "days", 3))).statusCode(422).body("errors.field", hasItem("conditions[0].partner"));
        operatorCountCall(mailer, all(cond("gender", "value", "male", "days", 3))).statusCode(422).body("errors.field", hasItem("conditions[0].days"));
        operatorCountCall(mailer, all(cond("spend", "minSpend", "12,50"))).statusCode(422).body("errors.field", hasItem("conditions[0].minSpend"));
        operatorCountCall(mailer, all(cond("visits", "min", 5, "max", 2))).statusCode(422).body("errors.field", hasItem("conditions[0].min"));
        operatorCountCall(mailer, all(cond("ageBand", "values", List.of("18-99")))).statusCode(422).body("errors.field", hasItem("conditions[0].values[0]"));
        operatorCountCall(mailer, Map.of("match", "some")).statusCode(422).body("errors.field", hasItem("match"));
        operatorCountCall(mailer, Map.of("groups", List.of(Map.of("groups", List.of(Map.of("groups", List.of(Map.of()))))))).statusCode(422);
        given().auth().oauth2(mailer).contentType(ContentType.JSON).body("{\"match\": \"all\", \"conditions\": 5}")
                .post("/api/v1/operator/segments/count").then().statusCode(422).body("errors.field", hasItem("conditions"));
        given().auth().oauth2(mailer).contentType(ContentType.JSON).body(Map.of("definition", all(city())))
                .post("/api/v1/operator/segments").then().statusCode(422).body("errors.field", hasItem("name"));
    }

    // ---- helpers ----

    static Map<String, Object> city() {
        return cond("city", "values", List.of(CITY));
    }

    static Map<String, Object> cond(String type, Object... kv) {
        Map<String, Object> c = new HashMap<>();
        c.put("type", type);
        for (int i = 0; i < kv.length; i += 2) {
            c.put((String) kv[i], kv[i + 1]);
        }
        return c;
    }

    @SafeVarargs
    static Map<String, Object> all(Map<String, Object>... items) {
        return group("all", items);
    }

    @SafeVarargs
    static Map<String, Object> group(String match, Map<String, Object>... items) {
        List<Map<String, Object>> conditions = new ArrayList<>();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Map<String, Object> item : items) {
            (item.containsKey("match") ? groups : conditions).add(item);
        }
        Map<String, Object> g = new HashMap<>();
        g.put("match", match);
        g.put("conditions", conditions);
        g.put("groups", groups);
        return g;
    }

    static String admin(String slug) {
        return Tokens.user(slug + "-admin", "demo1234");
    }

    long operatorCount(Map<String, Object> def) {
        return ((Number) operatorCountCall(Tokens.user("mailer", "demo1234"), def).statusCode(200).extract().path("count")).longValue();
    }

    static ValidatableResponse operatorCountCall(String token, Object def) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Accept-Language", "en").body(def)
                .post("/api/v1/operator/segments/count").then();
    }

    static ValidatableResponse partnerCount(String token, Object def) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Accept-Language", "en").body(def)
                .post("/api/v1/partner/segments/count").then();
    }

    static final Map<String, String> CARDS = new HashMap<>();

    void register(String name, String gender, String birthDate, String status, String income, boolean marketingEmail) {
        long n = Math.floorMod(SEED * 31 + name.hashCode() + System.nanoTime(), 10_000_000L);
        String phone = "+7921" + String.format("%07d", n);
        Map<String, Object> q = new HashMap<>(Map.of("lastName", "Сегментов", "firstName", "Тест", "phone", phone,
                "birthDate", birthDate, "gender", gender, "city", CITY, "socialStatus", status,
                "incomeBracket", income, "preferredChannel", "sms",
                "consents", Map.of("personalData", true, "marketingEmail", marketingEmail, "marketingSms", false)));
        if (marketingEmail) {
            q.put("email", "seg" + phone.substring(1) + "@example.org");
        }
        var body = given().contentType(ContentType.JSON).body(q).post("/api/v1/members").then().statusCode(201).extract();
        CARDS.put(name, body.path("cardNumber"));
        IDS.put(name, QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "select id from member where card_number = :c").setParameter("c", CARDS.get(name)).getSingleResult()).longValue()));
    }

    static int receipts;

    static void buy(String till, String name, String at, String amount) {
        String id = "SEG-" + Long.toString(Math.abs(SEED), 36) + "-" + (++receipts);
        Map<String, Object> r = new HashMap<>(Map.of("receiptId", id, "occurredAt", at, "member", Map.of("cardNumber", CARDS.get(name)),
                "lines", List.of(Map.of("sku", "SEG", "amount", amount, "category", "segment-test"))));
        given().auth().oauth2(till).contentType(ContentType.JSON).body(r).post("/api/v1/purchases").then().statusCode(201);
        LAST.put(name + at, id);
    }

    static final Map<String, String> LAST = new HashMap<>();

    static void refund(String till, String name, String at, String amount) {
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("refundId", "R-" + LAST.get(name + at), "lines", List.of(Map.of("sku", "SEG", "amount", amount))))
                .post("/api/v1/purchases/{r}/refunds", LAST.get(name + at)).then().statusCode(201);
    }
}
