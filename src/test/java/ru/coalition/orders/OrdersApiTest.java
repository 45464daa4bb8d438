package ru.coalition.orders;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Orders through their API (issue 14 §1): the whole way of an order, every refusal, files, and partners kept apart. */
@QuarkusTest
class OrdersApiTest {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Inject
    EntityManager em;

    @Inject
    ru.coalition.members.MemberService members;

    @Inject
    ru.coalition.members.MemberErasure erasure;

    @Test
    void thePartnersServicesArePublicAndAPartnerWithoutOrdersAnswers404() {
        given().get("/api/v1/partners/kit-media/services").then().statusCode(200)
                .body("serviceId", hasItems("business-cards", "flyers", "banners", "layout-design"))
                .body("find { it.serviceId == 'business-cards' }.price", equalTo("990.00"))
                .body("find { it.serviceId == 'business-cards' }.leadDays", equalTo(3))
                .body("find { it.serviceId == 'business-cards' }.options.id", hasItems("print", "paper"))
                .body("find { it.serviceId == 'layout-design' }.price", nullValue());
        given().header("Accept-Language", "en").get("/api/v1/partners/kit-media/services").then().statusCode(200)
                .body("find { it.serviceId == 'business-cards' }.name", equalTo("Business cards"));
        given().get("/api/v1/partners/smol-neft/services").then().statusCode(404)
                .contentType("application/problem+json").body("code", equalTo("order.partner-takes-no-orders"));
        given().get("/api/v1/partners/no-such-partner/services").then().statusCode(404);
    }

    @Test
    void anOrderGoesFromNewThroughAQuoteToDoneAndPostsItsPurchaseOnce() {
        TestMember m = TestMembers.register();
        String token = m.token();
        var placed = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("partner", "kit-media",
                        "items", List.of(Map.of("serviceId", "business-cards", "quantity", 2, "options", Map.of("paper", "дизайнерская 290 г/м²")),
                                Map.of("serviceId", "layout-design", "quantity", 1)),
                        "wishes", "Логотип слева, телефон крупно"))
                .post("/api/v1/me/orders").then().statusCode(201)
                .body("number", matchesPattern("KM-\\d{6}")).body("state", equalTo("NEW")).extract();
        String id = placed.path("orderId");
        String number = placed.path("number");

        given().auth().oauth2(token).get("/api/v1/me/orders/" + id).then().statusCode(200)
                .body("items[0].options.paper", equalTo("дизайнерская 290 г/м²"))
                .body("items[0].options.print", equalTo("односторонняя 4+0"))
                .body("items[0].amount", equalTo("1980.00")).body("items[1].amount", nullValue())
                .body("itemsTotal", nullValue()).body("price", nullValue())
                .body("timeline[0].kind", equalTo("created"));
        given().auth().oauth2(token).get("/api/v1/me/orders").then().statusCode(200).body("number", hasItem(number));

        String staff = Tokens.user("kit-media-admin", "demo1234");
        given().auth().oauth2(staff).queryParam("state", "NEW").get("/api/v1/partner/orders").then().statusCode(200)
                .body("number", hasItem(number));
        move(staff, id, Map.of("state", "IN_WORK"), 409).body("code", equalTo("order.state"));
        move(staff, id, Map.of("state", "ACCEPTED"), 200).body("state", equalTo("ACCEPTED")).body("dueDate", notNullValue());
        // a service without a price needs a quote the member accepted before the work starts
        move(staff, id, Map.of("state", "IN_WORK"), 409).body("code", equalTo("order.needs-quote"));
        given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("amount", "4500.00", "note", "с дизайном"))
                .post("/api/v1/partner/orders/" + id + "/quote").then().statusCode(200).body("quoteState", equalTo("PROPOSED"));
        move(staff, id, Map.of("state", "IN_WORK"), 409).body("code", equalTo("order.quote-pending"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/me/orders/" + id + "/quote").then().statusCode(200)
                .body("quoteState", equalTo("ACCEPTED")).body("price", equalTo("4500.00"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("accept", true))
                .post("/api/v1/me/orders/" + id + "/quote").then().statusCode(409).body("code", equalTo("order.no-quote"));
        move(staff, id, Map.of("state", "IN_WORK"), 200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/me/orders/" + id + "/cancel").then().statusCode(409).body("code", equalTo("order.too-late-to-cancel"));
        move(staff, id, Map.of("state", "READY"), 200);
        move(staff, id, Map.of("state", "DONE"), 200).body("receiptId", equalTo(number))
                .body("timeline.kind", hasItem("posted"));
        move(staff, id, Map.of("state", "DONE"), 409).body("code", equalTo("order.state"));

        // the purchase is in the ledger once, under the order's number, and its points wait for activation
        assertEquals(1L, ((Number) em.createNativeQuery("select count(*) from purchase where receipt_id = :r"
                + " and partner_id = (select id from partner where slug = 'kit-media')").setParameter("r", number).getSingleResult()).longValue());
        given().auth().oauth2(token).get("/api/v1/me/wallets").then().statusCode(200)
                .body("find { it.wallet == 'kit-media' }.pending", equalTo(4500));
        // the member heard of every step: placed, accepted, quote, in work, ready, done
        @SuppressWarnings("unchecked")
        List<String> kinds = em.createNativeQuery("select kind from outbox_message where member_id = (select id from member where card_number = :c)"
                + " and kind like 'order.%' order by id").setParameter("c", m.cardNumber()).getResultList();
        assertEquals(List.of("order.created", "order.state", "order.quote", "order.state", "order.state", "order.state"), kinds);
    }

    @Test
    void anotherPartnersStaffAndAnotherMemberSeeNothingOfTheOrder() {
        TestMember m = TestMembers.register();
        String id = place(m.token(), "business-cards", 1);
        String other = Tokens.user("smol-neft-admin", "demo1234");
        given().auth().oauth2(other).get("/api/v1/partner/orders/" + id).then().statusCode(404).body("code", equalTo("order.not-found"));
        move(other, id, Map.of("state", "ACCEPTED"), 404);
        given().auth().oauth2(other).contentType(ContentType.JSON).body(Map.of("amount", "1.00"))
                .post("/api/v1/partner/orders/" + id + "/quote").then().statusCode(404);
        given().auth().oauth2(other).get("/api/v1/partner/orders").then().statusCode(200).body("orderId", not(hasItem(id)));
        given().auth().oauth2(other).get("/api/v1/partner/orders/" + id + "/files/1").then().statusCode(404);
        TestMember stranger = TestMembers.register();
        given().auth().oauth2(stranger.token()).get("/api/v1/me/orders/" + id).then().statusCode(404);
        given().auth().oauth2(stranger.token()).contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/me/orders/" + id + "/cancel").then().statusCode(404);
        given().auth().oauth2(stranger.token()).get("/api/v1/me/orders/not-a-uuid").then().statusCode(404);
    }

    @Test
    void badOrdersAreRefusedWithTheFieldNamedAndWriteNothing() {
        TestMember m = TestMembers.register();
        String token = m.token();
        long before = orders();
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("partner", "kit-media",
                        "items", List.of(Map.of("serviceId", "no-such-service", "quantity", 1))))
                .post("/api/v1/me/orders").then().statusCode(422).body("code", equalTo("order.item-invalid"))
                .body("errors.field", hasItem("items[0].serviceId"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("partner", "kit-media",
                        "items", List.of(Map.of("serviceId", "business-cards", "quantity", 1, "options", Map.of("paper", "газетная")))))
                .post("/api/v1/me/orders").then().statusCode(422).body("errors.field", hasItem("items[0].options.paper"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("partner", "kit-media",
                        "items", List.of(Map.of("serviceId", "business-cards", "quantity", 0))))
                .post("/api/v1/me/orders").then().statusCode(422).body("code", equalTo("validation"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("partner", "kit-media", "items", List.of()))
                .post("/api/v1/me/orders").then().statusCode(422);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("partner", "smol-neft",
                        "items", List.of(Map.of("serviceId", "business-cards", "quantity", 1))))
                .post("/api/v1/me/orders").then().statusCode(404).body("code", equalTo("order.partner-takes-no-orders"));
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"partner\": ")
                .post("/api/v1/me/orders").then().statusCode(400).contentType("application/problem+json");
        assertEquals(before, orders());

        String id = place(token, "business-cards", 1);
        String staff = Tokens.user("kit-media-admin", "demo1234");
        move(staff, id, Map.of("state", "CANCELLED"), 422).body("code", equalTo("order.reason-required"));
        move(staff, id, Map.of("state", "SHIPPED"), 422).body("code", equalTo("validation"));
        given().auth().oauth2(staff).contentType(ContentType.JSON).body(Map.of("amount", "-5"))
                .post("/api/v1/partner/orders/" + id + "/quote").then().statusCode(422).body("errors.field", hasItem("amount"));
        given().auth().oauth2(staff).queryParam("state", "LOST").get("/api/v1/partner/orders").then().statusCode(422);
    }

    @Test
    void theMemberCancelsBeforeTheWorkAndStaffCancelWithAReason() {
        TestMember m = TestMembers.register();
        String token = m.token();
        String mine = place(token, "flyers", 2);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("reason", "передумал"))
                .post("/api/v1/me/orders/" + mine + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED")).body("cancelReason", equalTo("передумал"))
                .body("timeline[1].actorKind", equalTo("MEMBER"));
        String theirs = place(token, "banners", 6);
        String staff = Tokens.user("kit-media-admin", "demo1234");
        move(staff, theirs, Map.of("state", "ACCEPTED"), 200).body("price", equalTo("2700.00"));
        move(staff, theirs, Map.of("state", "CANCELLED", "reason", "нет материала нужной ширины"), 200)
                .body("state", equalTo("CANCELLED"));
        given().auth().oauth2(token).get("/api/v1/me/orders/" + theirs).then().statusCode(200)
                .body("cancelReason", equalTo("нет материала нужной ширины")).body("timeline[2].actor", nullValue());
        move(staff, theirs, Map.of("state", "ACCEPTED"), 409);
    }

    @Test
    void aLayoutFileIsTakenByItsBytesAndLimitedInNumber() {
        TestMember m = TestMembers.register();
        String token = m.token();
        String id = place(token, "business-cards", 1);
        int fileId = given().auth().oauth2(token).contentType("application/octet-stream").body(PDF).queryParam("name", "визитка.pdf")
                .post("/api/v1/me/orders/" + id + "/files").then().statusCode(201)
                .body("contentType", equalTo("application/pdf")).body("fileName", equalTo("визитка.pdf")).extract().path("fileId");
        given().auth().oauth2(token).contentType("application/pdf").body("just text, not a PDF".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/me/orders/" + id + "/files").then().statusCode(415).body("code", equalTo("attachment.type"));
        byte[] got = given().auth().oauth2(token).get("/api/v1/me/orders/" + id + "/files/" + fileId).then().statusCode(200)
                .header("Content-Disposition", org.hamcrest.Matchers.startsWith("attachment")).extract().asByteArray();
        assertTrue(java.util.Arrays.equals(PDF, got));
        String staff = Tokens.user("kit-media-admin", "demo1234");
        given().auth().oauth2(staff).get("/api/v1/partner/orders/" + id + "/files/" + fileId).then().statusCode(200);
        for (int i = 0; i < 4; i++) {
            given().auth().oauth2(token).contentType("application/octet-stream").body(PDF)
                    .post("/api/v1/me/orders/" + id + "/files").then().statusCode(201);
        }
        given().auth().oauth2(token).contentType("application/octet-stream").body(PDF)
                .post("/api/v1/me/orders/" + id + "/files").then().statusCode(422).body("code", equalTo("attachment.too-many"));
        TestMember stranger = TestMembers.register();
        given().auth().oauth2(stranger.token()).get("/api/v1/me/orders/" + id + "/files/" + fileId).then().statusCode(404);
    }

    @Test
    void aDeletedMembersOrdersKeepTheirItemsButNotTheirWishesOrFiles() {
        TestMember m = TestMembers.register();
        String token = m.token();
        String id = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("partner", "kit-media",
                        "items", List.of(Map.of("serviceId", "business-cards", "quantity", 1)), "wishes", "Иван Петров, +7 910 000-00-00"))
                .post("/api/v1/me/orders").then().statusCode(201).extract().path("orderId");
        given().auth().oauth2(token).contentType("application/octet-stream").body(PDF).post("/api/v1/me/orders/" + id + "/files")
                .then().statusCode(201);
        long memberId = members.byCard(m.cardNumber()).orElseThrow().id;
        erasure.erase(memberId, "cabinet", "127.0.0.1");
        String staff = Tokens.user("kit-media-admin", "demo1234");
        given().auth().oauth2(staff).get("/api/v1/partner/orders/" + id).then().statusCode(200)
                .body("wishes", nullValue()).body("files.size()", equalTo(0)).body("items[0].serviceId", equalTo("business-cards"));
    }

    static String place(String token, String service, int quantity) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("partner", "kit-media",
                        "items", List.of(Map.of("serviceId", service, "quantity", quantity))))
                .post("/api/v1/me/orders").then().statusCode(201).extract().path("orderId");
    }

    static ValidatableResponse move(String token, String id, Map<String, Object> body, int status) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .post("/api/v1/partner/orders/" + id + "/state").then().statusCode(status);
    }

    private long orders() {
        return ((Number) em.createNativeQuery("select count(*) from member_order").getSingleResult()).longValue();
    }
}
