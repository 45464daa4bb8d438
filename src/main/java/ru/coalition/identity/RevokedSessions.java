package ru.coalition.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;

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

    @Transactional(Transactional.TxType.REQUIRED)
    public void revoke(String subject, String reason) {
        em.createNativeQuery("insert into revoked_subject (subject, revoked_at, reason) values (:s, :at, :r)"
                        + " on conflict (subject) do nothing")
                .setParameter("s", subject).setParameter("at", clock.instant()).setParameter("r", reason).executeUpdate();
    }

    /** One primary-key read per page request of a signed-in person. */
    public boolean isRevoked(String subject) {
        return subject != null && !em.createNativeQuery("select 1 from revoked_subject where subject = :s")
                .setParameter("s", subject).getResultList().isEmpty();
    }
}
