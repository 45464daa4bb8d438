package ru.coalition.members;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import ru.coalition.testing.TestMembers;

import java.time.MonthDay;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Today's birthdays come from the index on the birth month and day, 29 February with the 28th in other years. */
@QuarkusTest
class BirthdayIndexTest {

    @Inject
    MemberService members;

    @Inject
    EntityManager em;

    @Test
    void bornOnReadsTheIndex() {
        // the test database is small, so the planner would rather read the table: forbid that, and the plan shows
        // whether the index can answer the query at all (as it would on a real member base)
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("set local enable_seqscan = off").executeUpdate();
            for (List<Integer> days : List.of(List.of(16), List.of(28, 29))) {
                @SuppressWarnings("unchecked")
                List<String> plan = em.createNativeQuery("explain " + MemberService.BORN_ON)
                        .setParameter("mo", 2).setParameter("days", days).getResultList();
                String text = String.join("\n", plan);
                assertTrue(text.contains("member_birthday"), text);
                assertFalse(text.contains("Seq Scan"), text);
            }
        });
    }

    @Test
    void leapDayBirthdaysAreCelebratedOnThe28thInOtherYears() {
        long leap = id(TestMembers.register("email", null, "2000-02-29"));
        long twentyEighth = id(TestMembers.register("email", null, "1991-02-28"));
        long first = id(TestMembers.register("email", null, "1991-03-01"));
        QuarkusTransaction.requiringNew().run(() -> {
            // a year without 29 February: on the 28th both
            List<Long> nonLeap = members.bornOn(MonthDay.of(2, 28), true);
            assertTrue(nonLeap.containsAll(List.of(leap, twentyEighth)), nonLeap.toString());
            assertFalse(nonLeap.contains(first));
            // a leap year: each on their own day
            List<Long> on28 = members.bornOn(MonthDay.of(2, 28), false);
            assertTrue(on28.contains(twentyEighth));
            assertFalse(on28.contains(leap));
            List<Long> on29 = members.bornOn(MonthDay.of(2, 29), false);
            assertTrue(on29.contains(leap));
            assertFalse(on29.contains(twentyEighth));
            assertTrue(members.bornOn(MonthDay.of(3, 1), false).contains(first));
        });
        assertThrows(IllegalArgumentException.class, () -> members.bornOn(MonthDay.of(3, 1), true));
    }

    static long id(TestMembers.TestMember m) {
        return QuarkusTransaction.requiringNew().call(() -> Member.<Member>find("publicId", UUID.fromString(m.memberId())).firstResult().id);
    }
}
