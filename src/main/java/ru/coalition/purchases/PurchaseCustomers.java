package ru.coalition.purchases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import ru.coalition.partners.Customers;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The partners' customers as their receipts show them (see {@link Customers}). */
@ApplicationScoped
public class PurchaseCustomers implements Customers {

    @Inject
    EntityManager em;

    @Override
    public long spendSince(long partnerId, long memberId, Instant since) {
        return ((Number) em.createNativeQuery("select coalesce(sum(p.total - coalesce((select sum(r.amount) from refund r"
                        + " where r.purchase_id = p.id), 0)), 0) from purchase p"
                        + " where p.partner_id = :p and p.member_id = :m and p.occurred_at >= :since")
                .setParameter("p", partnerId).setParameter("m", memberId).setParameter("since", since)
                .getSingleResult()).longValue();
    }

    @Override
    public List<Long> of(long partnerId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select distinct member_id from purchase where partner_id = :p")
                .setParameter("p", partnerId).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    @Override
    public List<Long> among(long partnerId, List<Long> memberIds) {
        List<Long> found = new ArrayList<>();
        for (int from = 0; from < memberIds.size(); from += 1000) {
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("select distinct member_id from purchase where partner_id = :p"
                            + " and member_id in (:ids)")
                    .setParameter("p", partnerId).setParameter("ids", memberIds.subList(from, Math.min(memberIds.size(), from + 1000)))
                    .getResultList();
            ids.forEach(i -> found.add(i.longValue()));
        }
        return found;
    }
}
