package ru.coalition.redemptions;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.platform.CoalitionConfig;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * The member's one-time payment code: shown in the cabinet, read out at the till, it confirms that the member agrees
 * to pay with points. A new code replaces the previous one; a code works once and only for a few minutes.
 */
@ApplicationScoped
public class PaymentCodeService {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Schema(name = "PaymentCode")
    public record Code(String code, Instant expiresAt) {
    }

    @Inject
    CoalitionConfig config;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;


    @Transactional
    public Code issue(long memberId) {
        Instant now = clock.instant();
        // two parallel requests for a code take turns, so the second always replaces the first
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('payment-code'), cast(:m % 2147483647 as int))").setParameter("m", memberId)
                .getSingleResult();
        em.createNativeQuery("update payment_code set expires_at = :now where member_id = :m and used_at is null and expires_at > :now")
                .setParameter("m", memberId).setParameter("now", now).executeUpdate();
        String code = String.format("%06d", RANDOM.nextInt(1_000_000));
        Instant expiresAt = now.plus(config.paymentCode().ttl());
        em.createNativeQuery("insert into payment_code (member_id, code, created_at, expires_at) values (:m, :c, :now, :exp)")
                .setParameter("m", memberId).setParameter("c", code).setParameter("now", now).setParameter("exp", expiresAt)
                .executeUpdate();
        return new Code(code, expiresAt);
    }

    /** Uses the member's current code if it is this one; false for a wrong, used or expired code. */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean use(long memberId, String code) {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from payment_code where member_id = :m and code = :c"
                        + " and used_at is null and expires_at > :now for update")
                .setParameter("m", memberId).setParameter("c", code == null ? "" : code.trim()).setParameter("now", now)
                .getResultList();
        if (ids.isEmpty()) {
            return false;
        }
        // a parallel use of the same code waits on the row lock, then finds it used
        return em.createNativeQuery("update payment_code set used_at = :now where id = :id and used_at is null")
                .setParameter("now", now).setParameter("id", ids.get(0).longValue()).executeUpdate() == 1;
    }
}
