package ru.coalition.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.platform.ReadReplica;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Checks the ledger invariants over all wallets at once, in one read-only snapshot on the read replica
 * ({@link ReadReplica}; the primary when there is none), so a check over millions of entries costs the tills nothing:
 * each wallet's total equals the sum of its entries; no spend ever took a wallet below zero (only refunds may); a
 * purchase is accrued once. The features that post entries add their own checks ({@link AuditCheck}).
 */
@ApplicationScoped
public class LedgerAudit {

    public static final int BREACH_LIMIT = 200;

    @Schema(name = "LedgerBreach")
    public record Breach(String check, Long walletId, Long purchaseId, long expected, long actual) {
    }

    /**
     * What a full check found; lastEntryId is the newest entry it saw (entries posted since are above it). onReplica and
     * behindMs: where it read and how far behind the primary that snapshot was (null: unknown).
     */
    @Schema(name = "LedgerCheckReport")
    public record Report(Instant at, long wallets, long entries, long walletsInDebt, List<Breach> breaches, long lastEntryId,
                         boolean onReplica, Long behindMs) {
        public boolean clean() {
            return breaches.isEmpty();
        }

        Report readIn(ReadReplica.Staleness staleness) {
            return new Report(at, wallets, entries, walletsInDebt, breaches, lastEntryId, staleness.replica(), staleness.behindMs());
        }
    }

    @Inject
    EntityManager em;

    @Inject
    jakarta.enterprise.inject.Instance<AuditCheck> checks;

    @Inject
    Clock clock;

    @Inject
    ReadReplica replica;

    /** Every check over every wallet, in a read-only snapshot of its own. Reads the whole ledger: see {@link AuditRuns}. */
    public Report run() {
        return checkOnReplica(step -> {
        });
    }

    /**
     * The same, for a recorded run: holds the run lock while it works (so a replica can tell a running check from one
     * whose replica died) and reports each step done.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Report runLocked(IntConsumer stepDone) {
        // the lock lives on the primary, where the other app instances look for it; the reading is on the replica
        em.createNativeQuery("select pg_advisory_xact_lock(" + AuditRuns.LOCK + ")").getSingleResult();
        return checkOnReplica(stepDone);
    }

    /** Every check in one snapshot on the read replica, with where it read and how far behind. */
    private Report checkOnReplica(IntConsumer stepDone) {
        ReadReplica.Snapshot<Report> s = replica.read(snapshot -> check(snapshot, stepDone));
        return s.value().readIn(s.staleness());
    }

    /** How many steps a check reports: its own three checks, each feature's check, and the counts. */
    public int steps() {
        return 4 + (int) checks.stream().count();
    }

    /** The same checks inside the caller's transaction (which sees its own uncommitted entries). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Report check() {
        return check(em, step -> {
        }).readIn(ReadReplica.Staleness.PRIMARY);
    }

    private Report check(EntityManager em, IntConsumer stepDone) {
        Instant now = clock.instant();
        int step = 0;
        List<Breach> breaches = new ArrayList<>();
        rows(em, "select w.id, null, w.balance, coalesce(sum(e.amount), 0) from wallet w left join ledger_entry e on e.wallet_id = w.id"
                + " group by w.id having w.balance <> coalesce(sum(e.amount), 0)", now, "balance-equals-entries", breaches);
        stepDone.accept(++step);
        // a negative balance is allowed only as debt left by a refund: no spend, expiry or adjustment ever took the
        // spendable balance (as LedgerService.spendable counts it, at the moment of that debit) below zero
        rows(em, "select d.wallet_id, null, 0, d.spendable from (select x.wallet_id, (select sum(e.amount) from ledger_entry e"
                + " where e.wallet_id = x.wallet_id and e.id <= x.id and (e.activates_at <= x.created_at"
                + " or (e.amount < 0 and e.kind <> 'REVERSAL'))) spendable from ledger_entry x"
                + " where x.amount < 0 and x.kind <> 'REVERSAL') d where d.spendable < 0", now, "spendable-not-negative", breaches);
        stepDone.accept(++step);
        rows(em, "select null, source_id, 1, count(*) from ledger_entry where kind = 'ACCRUAL' and source_type = 'purchase'"
                + " group by source_id having count(*) > 1", now, "purchase-accrued-once", breaches);
        stepDone.accept(++step);
        // the checks of the features whose records the ledger follows (purchases and refunds), in this same snapshot
        for (AuditCheck c : checks) {
            breaches.addAll(c.breaches(em, BREACH_LIMIT));
            stepDone.accept(++step);
        }
        long wallets = count(em, "select count(*) from wallet", now);
        long entries = count(em, "select count(*) from ledger_entry", now);
        long debts = count(em, "select count(*) from (select w.id from wallet w join ledger_entry e on e.wallet_id = w.id"
                + " and e.activates_at <= :now group by w.id having sum(e.amount) < 0) d", now);
        long lastEntry = count(em, "select coalesce(max(id), 0) from ledger_entry", now);
        stepDone.accept(++step);
        return new Report(now, wallets, entries, debts, breaches, lastEntry, false, 0L);
    }

    private static void rows(EntityManager em, String sql, Instant now, String check, List<Breach> out) {
        var q = em.createNativeQuery(sql + " limit " + BREACH_LIMIT);
        if (sql.contains(":now")) {
            q.setParameter("now", now);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        rows.forEach(r -> out.add(new Breach(check, LedgerService.toLong(r[0]), LedgerService.toLong(r[1]),
                ((Number) r[2]).longValue(), ((Number) r[3]).longValue())));
    }

    private static long count(EntityManager em, String sql, Instant now) {
        var q = em.createNativeQuery(sql);
        if (sql.contains(":now")) {
            q.setParameter("now", now);
        }
        return ((Number) q.getSingleResult()).longValue();
    }
}
