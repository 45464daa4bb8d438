package ru.coalition.catalog;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import ru.coalition.ledger.LedgerAudit;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.MemberService;
import ru.coalition.testing.MovableClock;
import ru.coalition.testing.Tokens;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An unredeemed voucher gives its points back once, however often and on however many replicas the job runs. */
@QuarkusTest
class VoucherExpiryTest {

    @Inject
    EntityManager em;

    @Inject
    LedgerService ledger;

    @Inject
    LedgerAudit audit;

    @Inject
    MemberService members;

    @Inject
    CatalogOrders orders;

    @Inject
    Vouchers vouchers;

    @Inject
    VoucherJobs jobs;

    MovableClock clock;

    @BeforeEach
    void clock() {
        clock = MovableClock.installAt("2026-12-10T12:00:00+03:00");
    }

    @Test
    void theExpiryJobReturnsThePointsOnceEvenRunTwiceAndConcurrently() throws Exception {
        Map<String, Object> r = CatalogTestData.reward("Кофе в АЗС Смол-Нефть, 3 дня", 300, "smol-neft");
        r.put("validityDays", 3);
        r.put("stockLeft", 10);
        UUID rewardId = UUID.fromString(CatalogTestData.create(r));
        List<Long> ids = CatalogTestData.members(em, ledger, 4, 300);
        var buyers = QuarkusTransaction.requiringNew().call(() -> ids.stream().map(id -> members.byId(id).orElseThrow()).toList());
        List<String> codes = CatalogApiTest.parallel(buyers.size(), i -> orders.order(buyers.get(i), rewardId).voucherCode());
        assertEquals(6, stock(rewardId));
        // one is redeemed in time and stays redeemed
        CatalogApiTest.redeem(Tokens.till("smol-neft"), codes.get(0)).statusCode(200);

        // valid through the partner's third day after the order, 23:59:59 Moscow time
        clock.set("2026-12-13T23:59:00+03:00");
        assertEquals(0, jobs.expireAll());
        clock.move(Duration.ofMinutes(2));
        // past expiry but not yet reached by the job: the till refuses it all the same
        CatalogApiTest.redeem(Tokens.till("smol-neft"), codes.get(1)).statusCode(409).body("code", equalTo("voucher.expired"));

        // two replicas at once, then again
        List<Integer> runs = CatalogApiTest.parallel(4, i -> jobs.expireAll());
        assertEquals(3, runs.stream().mapToInt(Integer::intValue).sum(), runs.toString());
        assertEquals(0, jobs.expireAll());

        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            assertEquals(i == 0 ? 0 : 300, ledger.balanceOf(id, null).active(), "member " + i);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> returns = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("select e.amount, p.slug, e.note"
                        + " from ledger_entry e join partner p on p.id = e.partner_id where e.kind = 'REVERSAL' and e.source_type = 'reward_order'"
                        + " and e.member_id in (:ids)").setParameter("ids", ids).getResultList());
        assertEquals(3, returns.size());
        returns.forEach(x -> {
            assertEquals(300L, ((Number) x[0]).longValue());
            assertEquals("smol-neft", x[1]);
            assertTrue(((String) x[2]).startsWith(Vouchers.EXPIRED_NOTE), (String) x[2]);
        });
        assertEquals(9, stock(rewardId), "the three unused rewards are back on the shelf");
        CatalogApiTest.redeem(Tokens.till("smol-neft"), codes.get(2)).statusCode(409).body("code", equalTo("voucher.expired"));
        assertEquals(Vouchers.State.EXPIRED, vouchers.ofMember(ids.get(3), null).get(0).state());
        assertEquals(Vouchers.State.REDEEMED, vouchers.ofMember(ids.get(0), null).get(0).state());
        assertTrue(audit.run().clean());
    }

    private long stock(UUID rewardId) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery("select stock_left from catalog_reward where public_id = :id")
                .setParameter("id", rewardId).getSingleResult()).longValue());
    }
}
