package ru.coalition.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import ru.coalition.ledger.AuditCheck;
import ru.coalition.ledger.LedgerAudit;

import java.util.List;

/**
 * The ledger audit's check of catalog orders: each order's entries in its wallet add up to minus its cost while its
 * voucher is issued or redeemed, and to zero once the voucher expired (the reversal gave the cost back exactly once).
 */
@ApplicationScoped
public class CatalogAudit implements AuditCheck {

    @Override
    public List<LedgerAudit.Breach> breaches(EntityManager em, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select o.wallet_id, o.id, case when v.state = 'EXPIRED' then 0 else -o.cost end,"
                        + " coalesce(sum(e.amount), 0) from reward_order o join voucher v on v.order_id = o.id"
                        + " left join ledger_entry e on e.source_type = :st and e.source_id = o.id and e.wallet_id = o.wallet_id"
                        + " group by o.id, o.wallet_id, o.cost, v.state"
                        + " having coalesce(sum(e.amount), 0) <> case when v.state = 'EXPIRED' then 0 else -o.cost end limit :n")
                .setParameter("st", CatalogOrders.SOURCE).setParameter("n", limit).getResultList();
        return rows.stream().map(r -> new LedgerAudit.Breach("reward-order-debited-as-recorded", ((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue())).toList();
    }
}
