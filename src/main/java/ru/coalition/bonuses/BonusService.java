package ru.coalition.bonuses;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;

/**
 * Bonuses a member gets at most once per key: welcome (first purchase at a partner), referral (the friend's first
 * purchase there), birthday (per year), tier welcome points (per level). The grant row's primary key is the guard,
 * so a rerun job or a second replica finds the grant taken and pays nothing.
 */
@ApplicationScoped
public class BonusService {

    public static final String WELCOME = "WELCOME";
    public static final String REFERRAL = "REFERRAL";
    public static final String BIRTHDAY = "BIRTHDAY";
    public static final String TIER = "TIER";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** True if this call took the grant; false if it had been taken before (or by a parallel transaction). */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean grantOnce(long partnerId, long memberId, String kind, String key) {
        return em.createNativeQuery("insert into bonus_grant (partner_id, member_id, kind, grant_key, granted_at)"
                        + " values (:p, :m, :k, :key, :t) on conflict do nothing")
                .setParameter("p", partnerId).setParameter("m", memberId).setParameter("k", kind)
                .setParameter("key", key).setParameter("t", clock.instant()).executeUpdate() == 1;
    }
}
