package ru.coalition.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import ru.coalition.platform.ConfigAnnouncements;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * People whose access was taken away: a removed colleague, a deleted member. Keycloak ends their sessions there, but a
 * page session holds tokens that stay valid until they expire (five minutes); this list makes the very next request
 * of theirs fail instead (see {@link RevokedSessionsFilter}).
 */
@ApplicationScoped
public class RevokedSessions {

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ConfigAnnouncements announcements;

    @Inject
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /** Far above the people signed in at once; when reached, the cache starts over. */
    static final int MAX_KEPT = 50_000;

    /**
     * Subjects found not revoked, with the generation of announcements they were read in: every revocation is
     * announced at commit (V14), which ends the generation on every replica.
     */
    private final Map<String, Long> notRevoked = new ConcurrentHashMap<>();

    @Transactional(Transactional.TxType.REQUIRED)
    public void revoke(String subject, String reason) {
        em.createNativeQuery("insert into revoked_subject (subject, revoked_at, reason) values (:s, :at, :r)"
                        + " on conflict (subject) do nothing")
                .setParameter("s", subject).setParameter("at", clock.instant()).setParameter("r", reason).executeUpdate();
        // this replica need not wait for the announcement to come back
        transactions.registerInterposedSynchronization(new jakarta.transaction.Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                announcements.announced();
            }
        });
    }

    /** A primary-key read the first time a person is seen in a generation of announcements, then none. */
    public boolean isRevoked(String subject) {
        if (subject == null) {
            return false;
        }
        long generation = announcements.generation();
        Long kept = notRevoked.get(subject);
        if (kept != null && announcements.current(kept)) {
            return false;
        }
        boolean revoked = !em.createNativeQuery("select 1 from revoked_subject where subject = :s")
                .setParameter("s", subject).getResultList().isEmpty();
        if (!revoked && announcements.current(generation)) {
            if (notRevoked.size() >= MAX_KEPT) {
                notRevoked.clear();
            }
            notRevoked.put(subject, generation);
        }
        return revoked;
    }
}
