package ru.coalition.purchases;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.ledger.LedgerAudit;
import ru.coalition.platform.IdRanges;
import ru.coalition.testing.TestMembers;
import ru.coalition.testing.Tokens;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Purchases, their lines and the ledger are partitioned by range of id (V47-V53, docs/scaling.md "Partitioning"): the
 * path works across a partition's bound, a receipt is stored once however it is replayed, and the partitions job makes
 * partitions ahead of the ids.
 */
@QuarkusTest
class PartitionedLedgerTest {

    @Inject
    EntityManager em;

    @Inject
    IdRanges ranges;

    @Inject
    LedgerAudit audit;

    @Test
    void receiptsAcrossAPartitionBoundAreStoredOnceAndRefundable() {
        // the next ids are the last two below the current partition's bound, then the next partition's
        QuarkusTransaction.requiringNew().run(() -> {
            for (String parent : List.of("purchase", "ledger_entry")) {
                // (a sequence never drawn from has no last value)
                em.createNativeQuery("select setval(:s, greatest(coalesce(pg_sequence_last_value(cast(:s as regclass)), 1),"
                                + " (select min(upper) from id_range where parent = :p"
                                + " and upper > coalesce(pg_sequence_last_value(cast(:s as regclass)), 0)) - 3))")
                        .setParameter("s", parent + "_id_seq").setParameter("p", parent).getSingleResult();
            }
        });
        var member = TestMembers.register();
        String till = Tokens.till("kit-media");
        for (int i = 0; i < 4; i++) {
            Map<String, Object> body = Map.of("receiptId", "PART-" + i + "-" + member.cardNumber(),
                    "occurredAt", OffsetDateTime.now().minusMinutes(5).toString(), "member", Map.of("cardNumber", member.cardNumber()),
                    "lines", List.of(Map.of("sku", "BANNER", "amount", "100.00", "category", "print")));
            String first = given().auth().oauth2(till).contentType(ContentType.JSON).body(body).post("/api/v1/purchases")
                    .then().statusCode(201).extract().asString();
            // a blind retry is the same purchase, answered as it was
            given().auth().oauth2(till).contentType(ContentType.JSON).body(body).post("/api/v1/purchases")
                    .then().statusCode(200).body("purchaseId", equalTo(io.restassured.path.json.JsonPath.from(first).getString("purchaseId")));
        }
        given().auth().oauth2(till).contentType(ContentType.JSON)
                .body(Map.of("refundId", "PART-R-" + member.cardNumber(), "lines", List.of(Map.of("sku", "BANNER", "amount", "40.00"))))
                .post("/api/v1/purchases/{r}/refunds", "PART-3-" + member.cardNumber()).then().statusCode(201);

        Set<String> tables = new TreeSet<>();
        QuarkusTransaction.requiringNew().run(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select p.tableoid::regclass::text, l.tableoid::regclass::text,"
                            + " (select count(*) from purchase_receipt r where r.partner_id = p.partner_id and r.receipt_id = p.receipt_id and r.purchase_id = p.id)"
                            + " from purchase p join purchase_line l on l.purchase_id = p.id where p.receipt_id like :r")
                    .setParameter("r", "PART-%-" + member.cardNumber()).getResultList();
            assertEquals(4, rows.size(), "each receipt once, with its line");
            for (Object[] row : rows) {
                tables.add((String) row[0]);
                assertEquals(((String) row[0]).replace("purchase_", "purchase_line_"), row[1], "a line sits in its purchase's range");
                assertEquals(1, ((Number) row[2]).intValue(), "each receipt registered once, naming its purchase");
            }
            @SuppressWarnings("unchecked")
            List<String> entries = em.createNativeQuery("select distinct tableoid::regclass::text from ledger_entry where member_id ="
                    + " (select id from member where card_number = :c)").setParameter("c", member.cardNumber()).getResultList();
            assertEquals(2, entries.size(), "the member's entries span two partitions: " + entries);
        });
        assertEquals(2, tables.size(), "the receipts span two partitions: " + tables);
        given().auth().oauth2(member.token()).get("/api/v1/me/history").then().statusCode(200)
                .body("items[0].kind", equalTo("REVERSAL"));
        LedgerAudit.Report report = audit.run();
        assertTrue(report.clean(), "ledger audit: " + report.breaches());
    }

    @Test
    void theJobMakesPartitionsAheadOfTheIdsAndOnlyWhenNeeded() {
        long span = 40_000_000;
        List<IdRanges.Made> made = ranges.ensureAhead(span);
        Set<String> parents = new TreeSet<>();
        made.forEach(m -> parents.add(m.parent()));
        assertEquals(Set.of("ledger_entry", "purchase", "purchase_line"), parents, "every parent gets partitions: " + made);
        assertTrue(ranges.ensureAhead(span).isEmpty(), "with a span of ids ahead, nothing more is made");
        QuarkusTransaction.requiringNew().run(() -> {
            // purchase and its lines share bounds, and every partition has the rights and statistics of its table
            @SuppressWarnings("unchecked")
            List<Object[]> bounds = em.createNativeQuery("select p.lower, p.upper, l.partition from id_range p"
                    + " left join id_range l on l.parent = 'purchase_line' and l.lower is not distinct from p.lower and l.upper = p.upper"
                    + " where p.parent = 'purchase'").getResultList();
            bounds.forEach(b -> assertTrue(b[2] != null, "purchase_line has the range of purchase from " + b[0]));
            long coalitionRights = ((Number) em.createNativeQuery("select count(*) from id_range r"
                    + " where has_table_privilege('coalition_partner', r.partition, 'select')").getSingleResult()).longValue();
            assertEquals(0, coalitionRights, "partner-scoped reads go through the parents' policies only");
            long withoutStats = ((Number) em.createNativeQuery("select count(*) from id_range r where r.parent = 'ledger_entry'"
                    + " and not exists (select 1 from pg_statistic_ext x where x.stxrelid = to_regclass(r.partition))").getSingleResult()).longValue();
            assertEquals(0, withoutStats, "each entries partition carries the statistics the offers job plans with");
        });

        // what the operator's ledger page shows: every partition with its stage and size, and the room left ahead
        List<IdRanges.Partition> partitions = ranges.partitions();
        for (String parent : parents) {
            List<IdRanges.Partition> own = partitions.stream().filter(p -> p.parent().equals(parent)).toList();
            assertEquals(parent + "_0", own.get(0).partition(), "the oldest first: " + own);
            assertEquals(1, own.stream().filter(p -> p.stage() == IdRanges.Stage.CURRENT).count(), "one partition written now: " + own);
            assertEquals(IdRanges.Stage.AHEAD, own.get(own.size() - 1).stage(), "the newest is made ahead: " + own);
            assertTrue(own.stream().allMatch(p -> p.bytes() > 0), "sizes with indexes: " + own);
        }
        List<IdRanges.Headroom> headroom = ranges.headroom();
        assertEquals(List.of("ledger_entry_id_seq", "purchase_id_seq"), headroom.stream().map(IdRanges.Headroom::sequence).toList());
        assertEquals(List.of("purchase", "purchase_line"), headroom.get(1).parents(), "purchases and their lines share bounds");
        headroom.forEach(h -> assertTrue(h.idsLeft() >= span, "a span ahead after the job: " + h));
        // the days the room lasts, at the rate of the job's notes: 7 200 ids drawn in the last two hours is 86 400 a day
        IdRanges.Headroom entries = headroom.get(0);
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("insert into id_sample (sequence, taken_at, last_id)"
                        + " values ('ledger_entry_id_seq', clock_timestamp() - interval '2 hours', :l)")
                .setParameter("l", entries.lastId() - 7_200).executeUpdate());
        try {
            IdRanges.Headroom measured = ranges.headroom().get(0);
            long expected = measured.idsLeft() / 86_400;
            assertTrue(Math.abs(measured.daysLeft() - expected) <= 1, "about " + expected + " days: " + measured);
        } finally {
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("delete from id_sample where sequence = 'ledger_entry_id_seq'"
                    + " and taken_at < clock_timestamp() - interval '1 hour'").executeUpdate());
        }
    }
}
