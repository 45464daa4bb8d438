package ru.coalition.purchases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import ru.coalition.ledger.AuditCheck;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerAudit;
import ru.coalition.ledger.LedgerService;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ledger audit's checks of purchases and refunds: a purchase is accrued exactly as recorded, refunds never take
 * back more than their purchase earned or triggered, and each refund's reversals add up to what it recorded.
 */
@ApplicationScoped
public class PurchaseAudit implements AuditCheck {

    @Inject
    LedgerService ledger;

    @Override
    public List<LedgerAudit.Breach> breaches(EntityManager em, int limit) {
        List<LedgerAudit.Breach> out = new ArrayList<>();
        Map<Key, Long> earned = new HashMap<>();
        Map<Long, Long> triggered = new HashMap<>();
        for (LedgerService.SourceSum s : ledger.sourceSums(em, LedgerService.SOURCE_PURCHASE)) {
            boolean ownPoints = s.kind() == EntryKind.ACCRUAL || PurchaseService.GIFT_CARD_USE.equals(s.note());
            if (ownPoints) {
                // what the purchase row records is what went to its own wallet
                earned.merge(new Key(s.sourceId(), s.walletId()), s.amount(), Long::sum);
            } else if (s.kind() == EntryKind.BONUS) {
                triggered.merge(s.sourceId(), s.amount(), Long::sum);
            }
        }
        Map<Long, Long> reversed = new HashMap<>();
        ledger.sourceSums(em, LedgerService.SOURCE_REFUND).forEach(s -> reversed.merge(s.sourceId(), -s.amount(), Long::sum));

        @SuppressWarnings("unchecked")
        List<Object[]> purchases = em.createNativeQuery("select p.id, p.wallet_id, p.points,"
                + " coalesce(sum(r.points_reversed), 0), coalesce(sum(r.bonuses_reversed), 0)"
                + " from purchase p left join refund r on r.purchase_id = p.id group by p.id").getResultList();
        for (Object[] p : purchases) {
            long id = n(p[0]);
            long wallet = n(p[1]);
            long points = n(p[2]);
            long pointsBack = n(p[3]);
            long bonusesBack = n(p[4]);
            long accrued = earned.getOrDefault(new Key(id, wallet), 0L);
            if (accrued != points) {
                add(out, limit, new LedgerAudit.Breach("purchase-accrued-as-recorded", wallet, id, points, accrued));
            }
            if (pointsBack > points) {
                add(out, limit, new LedgerAudit.Breach("refund-within-earned", wallet, id, points, pointsBack));
            }
            long bonuses = triggered.getOrDefault(id, 0L);
            if (bonusesBack > bonuses) {
                add(out, limit, new LedgerAudit.Breach("bonus-reversed-within-paid", null, id, bonuses, bonusesBack));
            }
        }
        @SuppressWarnings("unchecked")
        List<Object[]> refunds = em.createNativeQuery("select id, purchase_id, points_reversed + bonuses_reversed from refund")
                .getResultList();
        for (Object[] r : refunds) {
            long recorded = n(r[2]);
            long posted = reversed.getOrDefault(n(r[0]), 0L);
            if (recorded != posted) {
                add(out, limit, new LedgerAudit.Breach("refund-reversed-as-recorded", null, n(r[1]), recorded, posted));
            }
        }
        return out;
    }

    /** A purchase's own points are those in its own wallet (a referral bonus goes to another). */
    private record Key(long purchaseId, long walletId) {
    }

    private static void add(List<LedgerAudit.Breach> out, int limit, LedgerAudit.Breach b) {
        if (out.size() < limit) {
            out.add(b);
        }
    }

    private static long n(Object o) {
        return ((Number) o).longValue();
    }
}
