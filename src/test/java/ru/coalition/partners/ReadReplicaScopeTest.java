package ru.coalition.partners;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import org.junit.jupiter.api.Test;
import ru.coalition.platform.ReadReplica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reads on the replica datasource (here the test database itself: no DB_REPLICA_URL) keep the partner's row-level
 * security when they enter its scope, cannot write, and say they read the primary.
 */
@QuarkusTest
class ReadReplicaScopeTest {

    @Inject
    ReadReplica reads;

    @Inject
    PartnerScope scope;

    @Inject
    PartnerService partners;

    private static final String VERSIONS_OF = "select count(*) from program_version where partner_id = :p";

    @Test
    void aPartnerScopedSnapshotSeesOnlyThatPartnersRows() {
        Partner kitMedia = QuarkusTransaction.requiringNew().call(() -> partners.findBySlug("kit-media").orElseThrow());
        Partner smolNeft = QuarkusTransaction.requiringNew().call(() -> partners.findBySlug("smol-neft").orElseThrow());
        long unscoped = reads.read(em -> ((Number) em.createNativeQuery(VERSIONS_OF).setParameter("p", smolNeft.id)
                .getSingleResult()).longValue()).value();
        assertTrue(unscoped > 0, "smol-neft has program versions");
        long seenByKitMedia = reads.read(em -> {
            scope.enter(em, kitMedia);
            return ((Number) em.createNativeQuery(VERSIONS_OF).setParameter("p", smolNeft.id).getSingleResult()).longValue();
        }).value();
        assertEquals(0, seenByKitMedia, "kit-media's scope hides smol-neft's rows on the replica connection too");
        long own = reads.read(em -> {
            scope.enter(em, kitMedia);
            return ((Number) em.createNativeQuery(VERSIONS_OF).setParameter("p", kitMedia.id).getSingleResult()).longValue();
        }).value();
        assertTrue(own > 0);
    }

    @Test
    void aSnapshotCannotWriteAndSaysWhereItRead() {
        // a statement that writes (a sequence's next value), to PostgreSQL itself: Hibernate would refuse an update first
        PersistenceException refused = assertThrows(PersistenceException.class, () -> reads.read(em ->
                em.createNativeQuery("select nextval(pg_get_serial_sequence('audit_run', 'id'))").getSingleResult()));
        assertTrue(String.valueOf(refused.getMessage()).contains("read-only") || String.valueOf(refused.getCause()).contains("read-only"),
                String.valueOf(refused));
        ReadReplica.Staleness s = reads.staleness();
        assertFalse(s.replica(), "without DB_REPLICA_URL the reads go to the primary");
        assertEquals(0L, s.behindMs());
    }
}
