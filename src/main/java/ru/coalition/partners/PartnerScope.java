package ru.coalition.partners;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The second barrier behind "partner_id = ?" in every query: a transaction that serves a partner's token enters its
 * partner's scope, and from then on PostgreSQL's row-level security (V5__row_level_security.sql) shows and accepts
 * only that partner's rows in every partner-scoped table. Operator and job paths never enter a scope.
 */
@ApplicationScoped
public class PartnerScope {

    @Inject
    EntityManager em;

    /** For the rest of the current transaction: only this partner's rows. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enter(Partner partner) {
        enter(em, partner);
    }

    /** The same for a session of its own, e.g. a snapshot on the read replica (platform.ReadReplica). */
    public void enter(EntityManager session, Partner partner) {
        session.createNativeQuery("select set_config('app.partner', :p, true), set_config('role', 'coalition_partner', true)")
                .setParameter("p", Long.toString(partner.id)).getResultList();
    }
}
