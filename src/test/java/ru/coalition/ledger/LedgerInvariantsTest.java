package ru.coalition.ledger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.audit.AuditEntry;
import ru.coalition.audit.AuditLog;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.TestMembers.TestMember;
import ru.coalition.testing.Tokens;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ledger's own guarantees: entries are never edited, adjustments need a reason and leave an audit row. */
@QuarkusTest
class LedgerInvariantsTest {

    @Inject
    EntityManager em;

    @Inject
    AuditLog auditLog;

    @Inject
    LedgerAudit audit;

    @Test
    void entriesAreAppendOnlyInTheDatabaseItself() {
        TestMember m = TestMembers.register();
        given().auth().oauth2(Tokens.user("operator", "demo1234")).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", m.cardNumber(), "wallet", "coalition", "points", 10, "reason", "проверка неизменности"))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(201);
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("update ledger_entry set amount = amount + 1 where id = (select max(id) from ledger_entry)").executeUpdate()));
        assertThrows(RuntimeException.class, () -> QuarkusTransaction.requiringNew().run(() ->
                em.createNativeQuery("delete from ledger_entry where id = (select max(id) from ledger_entry)").executeUpdate()));
        assertTrue(audit.run().clean());
    }

    @Test
    void adjustmentsNeedAReasonAndLeaveAnAuditRow() {
        TestMember m = TestMembers.register();
        String operator = Tokens.user("operator", "demo1234");
        given().auth().oauth2(operator).contentType(ContentType.JSON).header("Accept-Language", "en")
                .body(Map.of("cardNumber", m.cardNumber(), "wallet", "coalition", "points", 10, "reason", " "))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(422).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", m.cardNumber(), "wallet", "coalition", "points", -10, "reason", "списание без баланса"))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(422).body("code", equalTo("adjustment.insufficient"));
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", m.cardNumber(), "wallet", "no-such-partner", "points", 10, "reason", "неизвестный кошелёк"))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(404);
        given().auth().oauth2(Tokens.user("support", "demo1234")).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", m.cardNumber(), "wallet", "coalition", "points", 10, "reason", "не оператор"))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(403);
        given().auth().oauth2(operator).contentType(ContentType.JSON)
                .body(Map.of("cardNumber", m.cardNumber(), "wallet", "coalition", "points", 250, "reason", "компенсация за сбой кассы"))
                .post("/api/v1/operator/ledger/adjustments").then().statusCode(201).body("active", equalTo(250));
        AuditEntry row = auditLog.latest(50).stream().filter(e -> "ledger.adjust".equals(e.action) && m.cardNumber().equals(e.targetId))
                .findFirst().orElseThrow();
        assertEquals("operator", row.actor);
        assertEquals("компенсация за сбой кассы", row.details.get("reason"));
        assertEquals(1, auditLog.latest(200).stream().filter(e -> "ledger.adjust".equals(e.action) && m.cardNumber().equals(e.targetId)).count(),
                "refused adjustments leave nothing");
    }
}
