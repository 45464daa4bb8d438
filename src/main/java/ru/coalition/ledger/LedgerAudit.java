package ru.coalition.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the ledger invariants over all wallets at once, in one read-only transaction (one consistent snapshot):
 * each wallet's total equals the sum of its entries; no wallet is below zero except through refunds; a purchase is
 * accrued once and exactly as recorded; refunds never take back more than their purchase earned.
 */
@ApplicationScoped
public class LedgerAudit {

    public static final int BREACH_LIMIT = 200;

    public record Breach(String check, Long walletId, Long purchaseId, long expected, long actual) {
    }

    public record Report(Instant at, long wallets, long entries, long walletsInDebt, List<Breach> breaches) {
        public boolean clean() {
            return breaches.isEmpty();
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Report run() {
        em.createNativeQuery("set transaction isolation level repeatable read, read only").executeUpdate();
        return check();
    }

    /** The same checks inside the caller's transaction (which sees its own uncommitted entries). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Report check() {
        Instant now = clock.instant();
        List<Breach> breaches = new ArrayList<>();
        rows("select w.id, null, w.balance, coalesce(sum(e.amount), 0) from wallet w left join ledger_entry e on e.wallet_id = w.id"
                + " group by w.id having w.balance <> coalesce(sum(e.amount), 0)", now, "balance-equals-entries", breaches);
        // a negative balance is allowed only as debt left by a refund: no spend, expiry or adjustment ever took the
        // spendable balance (as LedgerService.spendable counts it, at the moment of that debit) below zero
        rows("select d.wallet_id, null, 0, d.spendable from (select x.wallet_id, (select sum(e.amount) from ledger_entry e"
                + " where e.wallet_id = x.wallet_id and e.id <= x.id and (e.activates_at <= x.created_at"
                + " or (e.amount < 0 and e.kind <> 'REVERSAL'))) spendable from ledger_entry x"
                + " where x.amount < 0 and x.kind <> 'REVERSAL') d where d.spendable < 0", now, "spendable-not-negative", breaches);
        rows("select null, source_id, 1, count(*) from ledger_entry where kind = 'ACCRUAL' and source_type = 'purchase'"
                + " group by source_id having count(*) > 1", now, "purchase-accrued-once", breaches);
        rows("select p.wallet_id, p.id, p.points, coalesce((select sum(e.amount) from ledger_entry e where e.source_type = 'purchase'"
                + " and e.source_id = p.id and e.wallet_id = p.wallet_id and (e.kind = 'ACCRUAL' or e.note = 'gift-card-use')), 0)"
                + " from purchase p where p.points <> coalesce((select sum(e.amount) from ledger_entry e where e.source_type = 'purchase'"
                + " and e.source_id = p.id and e.wallet_id = p.wallet_id and (e.kind = 'ACCRUAL' or e.note = 'gift-card-use')), 0)",
                now, "purchase-accrued-as-recorded", breaches);
        rows("select p.wallet_id, p.id, p.points, sum(r.points_reversed) from purchase p join refund r on r.purchase_id = p.id"
                + " group by p.id having sum(r.points_reversed) > p.points", now, "refund-within-earned", breaches);
        rows("select null, r.purchase_id, r.points_reversed + r.bonuses_reversed, coalesce(-(select sum(e.amount) from ledger_entry e"
                + " where e.source_type = 'refund' and e.source_id = r.id), 0) from refund r where r.points_reversed + r.bonuses_reversed"
                + " <> coalesce(-(select sum(e.amount) from ledger_entry e where e.source_type = 'refund' and e.source_id = r.id), 0)",
                now, "refund-reversed-as-recorded", breaches);
        // the bonuses a purchase triggered (welcome, tier, referral) are never taken back beyond what was paid
        rows("select null, p.id, coalesce((select sum(e.amount) from ledger_entry e where e.source_type = 'purchase'"
                + " and e.source_id = p.id and e.kind = 'BONUS' and e.note <> 'gift-card-use'), 0), sum(r.bonuses_reversed)"
                + " from purchase p join refund r on r.purchase_id = p.id group by p.id having sum(r.bonuses_reversed) >"
                + " coalesce((select sum(e.amount) from ledger_entry e where e.source_type = 'purchase' and e.source_id = p.id"
                + " and e.kind = 'BONUS' and e.note <> 'gift-card-use'), 0)", now, "bonus-reversed-within-paid", breaches);
        long wallets = count("select count(*) from wallet", now);
        long entries = count("select count(*) from ledger_entry", now);
        long debts = count("select count(*) from (select w.id from wallet w join ledger_entry e on e.wallet_id = w.id"
                + " and e.activates_at <= :now group by w.id having sum(e.amount) < 0) d", now);
        return new Report(now, wallets, entries, debts, breaches);
    }

    private void rows(String sql, Instant now, String check, List<Breach> out) {
        var q = em.createNativeQuery(sql + " limit " + BREACH_LIMIT);
        if (sql.contains(":now")) {
            q.setParameter("now", now);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        rows.forEach(r -> out.add(new Breach(check, LedgerService.toLong(r[0]), LedgerService.toLong(r[1]),
                ((Number) r[2]).longValue(), ((Number) r[3]).longValue())));
    }

    private long count(String sql, Instant now) {
        var q = em.createNativeQuery(sql);
        if (sql.contains(":now")) {
            q.setParameter("now", now);
        }
        return ((Number) q.getSingleResult()).longValue();
    }
}
