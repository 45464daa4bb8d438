package ru.coalition.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.platform.SqlValues;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The wallet's credits as lots and which debit consumed which (ledger_allocation), so that spending is FIFO and what
 * expires is well defined. A lot's remaining is its amount minus its allocations.
 *
 * <p>Debits of before V12 have no allocations, and a debit that found too few lots (a refund leaving debt) has some of
 * its amount unallocated. The replay treats such an unallocated rest as a FIFO consumer of the lots that have points
 * left, in entry order: the old spends take the oldest points, and a debt takes the next points that arrive, so
 * points owed are never also expired or spent. {@link #settle} writes what the replay found down while the caller holds
 * the wallet's lock, so the allocations stay the one record and the replay of a settled wallet changes nothing.
 */
@ApplicationScoped
public class Lots {

    /** Oldest active first: FIFO by activation, then by entry. */
    static final Comparator<Lot> FIFO = Comparator.comparing((Lot l) -> l.activatesAt).thenComparingLong(l -> l.id);

    /** One credit of the wallet and what is left of it. */
    public static final class Lot {
        public final long id;
        public final long amount;
        public final Instant activatesAt;
        public final Instant expiresAt;
        public final Long partnerId;
        public final EntryKind kind;
        public final String sourceType;
        public final Long sourceId;
        public final String note;
        public final Instant createdAt;
        long remaining;

        Lot(long id, long amount, Instant activatesAt, Instant expiresAt, Long partnerId, EntryKind kind, String sourceType,
            Long sourceId, String note, Instant createdAt) {
            this.id = id;
            this.amount = amount;
            this.activatesAt = activatesAt;
            this.expiresAt = expiresAt;
            this.partnerId = partnerId;
            this.kind = kind;
            this.sourceType = sourceType;
            this.sourceId = sourceId;
            this.note = note;
            this.createdAt = createdAt;
            this.remaining = amount;
        }

        public long remaining() {
            return remaining;
        }
    }

    /** Points a debit took from a lot. */
    record Allocation(long debitId, long lotId, long amount) {
    }

    private record Replay(List<Lot> lots, List<Allocation> unwritten) {
    }

    @Inject
    EntityManager em;

    /** The wallet's lots in entry order, each with its remaining, as the replay reads them (no lock needed). */
    public List<Lot> lots(long walletId) {
        return replay(walletId).lots();
    }

    /**
     * The same, with the consumption the replay found written as allocations. The caller holds the wallet's lock
     * (LedgerService.lockWallet), so nothing moves the wallet meanwhile.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Lot> settle(long walletId) {
        Replay r = replay(walletId);
        write(walletId, r.unwritten());
        return r.lots();
    }

    /**
     * Allocates a new debit of {@code amount} points over the lots (as {@link #settle} returned them, moved here): the
     * preferred lots first in the order given, then, unless {@code onlyPreferred}, the lots active at {@code now} FIFO,
     * then pending ones FIFO. What no lot covers stays unallocated: debt, which the next lots pay off. Returns the points
     * allocated.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    long allocate(long walletId, long debitId, long amount, List<Lot> lots, List<Long> preferred, boolean onlyPreferred,
                  Instant now) {
        Map<Long, Lot> byId = new HashMap<>();
        lots.forEach(l -> byId.put(l.id, l));
        Set<Lot> order = new LinkedHashSet<>();
        preferred.stream().map(byId::get).filter(java.util.Objects::nonNull).forEach(order::add);
        if (!onlyPreferred) {
            lots.stream().filter(l -> !l.activatesAt.isAfter(now)).sorted(FIFO).forEach(order::add);
            lots.stream().filter(l -> l.activatesAt.isAfter(now)).sorted(FIFO).forEach(order::add);
        }
        List<Allocation> taken = new ArrayList<>();
        long left = amount;
        for (Lot l : order) {
            if (left == 0) {
                break;
            }
            long take = Math.min(l.remaining, left);
            if (take > 0) {
                l.remaining -= take;
                left -= take;
                taken.add(new Allocation(debitId, l.id, take));
            }
        }
        write(walletId, taken);
        return amount - left;
    }

    private Replay replay(long walletId) {
        @SuppressWarnings("unchecked")
        List<Object[]> entries = em.createNativeQuery("select id, amount, kind, activates_at, expires_at, partner_id, source_type,"
                        + " source_id, note, created_at from ledger_entry where wallet_id = :w order by id")
                .setParameter("w", walletId).getResultList();
        @SuppressWarnings("unchecked")
        List<Object[]> allocated = em.createNativeQuery("select debit_entry_id, lot_entry_id, sum(amount) from ledger_allocation"
                        + " where wallet_id = :w group by debit_entry_id, lot_entry_id")
                .setParameter("w", walletId).getResultList();
        List<Lot> lots = new ArrayList<>();
        Map<Long, Lot> byId = new HashMap<>();
        // debits in entry order with how much of them is not allocated yet
        List<long[]> debits = new ArrayList<>();
        Map<Long, long[]> debitById = new HashMap<>();
        for (Object[] e : entries) {
            long id = ((Number) e[0]).longValue();
            long amount = ((Number) e[1]).longValue();
            if (amount > 0) {
                Lot l = new Lot(id, amount, SqlValues.toInstant(e[3]), SqlValues.toInstantOrNull(e[4]), LedgerService.toLong(e[5]),
                        EntryKind.valueOf((String) e[2]), (String) e[6], LedgerService.toLong(e[7]), (String) e[8],
                        SqlValues.toInstant(e[9]));
                lots.add(l);
                byId.put(id, l);
            } else {
                long[] d = {id, -amount};
                debits.add(d);
                debitById.put(id, d);
            }
        }
        for (Object[] a : allocated) {
            long amount = ((Number) a[2]).longValue();
            Lot l = byId.get(((Number) a[1]).longValue());
            long[] d = debitById.get(((Number) a[0]).longValue());
            if (l != null) {
                l.remaining -= amount;
            }
            if (d != null) {
                d[1] -= amount;
            }
        }
        List<Lot> fifo = new ArrayList<>(lots);
        fifo.sort(FIFO);
        List<Allocation> unwritten = new ArrayList<>();
        for (long[] d : debits) {
            for (int i = 0; i < fifo.size() && d[1] > 0; i++) {
                Lot l = fifo.get(i);
                long take = Math.min(l.remaining, d[1]);
                if (take > 0) {
                    l.remaining -= take;
                    d[1] -= take;
                    unwritten.add(new Allocation(d[0], l.id, take));
                }
            }
        }
        return new Replay(lots, unwritten);
    }

    private void write(long walletId, List<Allocation> allocations) {
        if (allocations.isEmpty()) {
            return;
        }
        em.createNativeQuery("insert into ledger_allocation (wallet_id, debit_entry_id, lot_entry_id, amount)"
                        + " select :w, d, l, a from unnest(cast(:ds as bigint[]), cast(:ls as bigint[]), cast(:as as bigint[])) as x(d, l, a)")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("w", walletId)
                .setParameter("ds", allocations.stream().map(Allocation::debitId).toArray(Long[]::new), Long[].class)
                .setParameter("ls", allocations.stream().map(Allocation::lotId).toArray(Long[]::new), Long[].class)
                .setParameter("as", allocations.stream().map(Allocation::amount).toArray(Long[]::new), Long[].class)
                .executeUpdate();
    }
}
