package ru.coalition.members;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A member's cell key worked out in Java (for figures made in memory) is PostgreSQL's, for ids of every length from one
 * digit to nineteen and seeds of every sign, so the k-anonymous rounding does not depend on where a figure was made.
 */
@QuarkusTest
class MemberKeyTest {

    @Inject
    EntityManager em;

    @Test
    void theKeyIsPostgresqls() {
        long seed = System.nanoTime();
        System.out.println("MemberKeyTest seed " + seed);
        Random rnd = new Random(seed);
        for (long keySeed : new long[]{0, 1, -1, rnd.nextLong(), rnd.nextLong(), Long.MIN_VALUE}) {
            Long[] ids = new Long[2000];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i < 100 ? i : Math.abs(rnd.nextLong()) >>> rnd.nextInt(63);
            }
            @SuppressWarnings("unchecked")
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(
                            "select id, hashtextextended(cast(id as text), :seed) & 4294967295 from unnest(cast(:ids as bigint[])) as id")
                    .setParameter("seed", keySeed).setParameter("ids", ids).getResultList());
            for (Object[] r : rows) {
                long id = ((Number) r[0]).longValue();
                assertEquals(((Number) r[1]).longValue(), MemberFilters.cellKey(keySeed, id), "id " + id + ", key seed " + keySeed);
            }
        }
    }
}
