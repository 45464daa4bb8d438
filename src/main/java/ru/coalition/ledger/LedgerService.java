package ru.coalition.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.SqlValues;
import ru.coalition.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * Wallets and their append-only entries. Balances are read live: an entry is spendable ("active") once its
 * activatesAt has passed, pending before. Every write goes through {@link #post} or {@link #spend}, which keep the
 * wallet's running total in the same statement as the entries.
 */
@ApplicationScoped
public class LedgerService {

    public static final int HISTORY_PAGE_LIMIT = 100;
    /** Ids bound to one "in (...)" list at most. */
    private static final int ID_CHUNK = 1000;
    /** Source types of entries that purchases and refunds post (the audit follows them back). */
    public static final String SOURCE_PURCHASE = "purchase";
    public static final String SOURCE_REFUND = "refund";

    /**
     * @param expiresAt when a credit's remaining lapses. Left null on an earned credit (accrual, bonus, scratch card), it
     *                  follows the program of its partner of origin; on a returned credit (a positive reversal) null means
     *                  never, so it is given there.
     */
    public record Entry(EntryKind kind, long amount, Instant activatesAt, Long partnerId, String sourceType,
                        Long sourceId, String note, Instant expiresAt) {
        public Entry(EntryKind kind, long amount, Instant activatesAt, Long partnerId, String sourceType, Long sourceId, String note) {
            this(kind, amount, activatesAt, partnerId, sourceType, sourceId, note, null);
        }
    }

    /** Points a debit took from one lot, with the lot's dates (for giving them back as they were). */
    public record Consumed(long lotId, long amount, Instant activatesAt, Instant expiresAt, Long partnerId) {
    }

    /** Source type of EXPIRY entries; source_id is the lot that lapsed. */
    public static final String SOURCE_EXPIRY = "expiry";

    /** An entry as posted, for those that take it back later. */
    public record Posted(long walletId, long memberId, long amount, Instant activatesAt, String note) {
    }

    /** What the entries of one source (e.g. a purchase) add up to in one wallet, by kind and note. */
    public record SourceSum(long sourceId, long walletId, EntryKind kind, String note, long amount) {
    }

    /** A wallet whose active balance reached a threshold: that balance, and the moment its latest credit activated. */
    public record Reached(long walletId, long memberId, long active, Instant lastActivation) {
    }

    public record NextActivation(long points, Instant at) {
    }

    public record Balance(long active, long pending, NextActivation nextActivation) {
    }

    /** One wallet as its owner sees it; partnerId null is the coalition wallet. */
    public record WalletBalance(long walletId, Long partnerId, Balance balance) {
    }

    public record HistoryItem(long id, Long walletPartnerId, Long partnerId, EntryKind kind, long amount,
                              Instant activatesAt, Instant createdAt, String sourceType, Long sourceId, String note) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    Lots lots;

    @Inject
    ru.coalition.partners.PartnerService partners;

    /** The member's wallet for a partner (null: the coalition wallet), created on first use. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long walletId(long memberId, Long walletPartnerId) {
        Long found = findWallet(memberId, walletPartnerId);
        if (found != null) {
            return found;
        }
        em.createNativeQuery("insert into wallet (member_id, partner_id, created_at) values (:m, :p, :t)"
                        + " on conflict on constraint wallet_unique do nothing")
                .unwrap(NativeQuery.class)
                .setParameter("m", memberId).setParameter("p", walletPartnerId, Long.class)
                .setParameter("t", clock.instant())
                .executeUpdate();
        // a concurrent creator may have won; either way the row is there now and visible to a new statement
        return findWallet(memberId, walletPartnerId);
    }

    /** The members' wallets for a partner (null: the coalition wallet), the missing ones created, in two statements. */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Map<Long, Long> walletIds(java.util.Collection<Long> memberIds, Long walletPartnerId) {
        Long[] members = memberIds.stream().distinct().toArray(Long[]::new);
        em.createNativeQuery("insert into wallet (member_id, partner_id, created_at) select m, :p, :t from unnest(cast(:ms as bigint[])) m"
                        + " on conflict on constraint wallet_unique do nothing")
                .unwrap(NativeQuery.class)
                .setParameter("ms", members, Long[].class)
                .setParameter("p", walletPartnerId, Long.class).setParameter("t", clock.instant())
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select member_id, id from wallet where member_id = any(cast(:ms as bigint[]))"
                        + " and partner_id is not distinct from cast(:p as bigint)")
                .unwrap(NativeQuery.class)
                .setParameter("ms", members, Long[].class).setParameter("p", walletPartnerId, Long.class).getResultList();
        java.util.Map<Long, Long> ids = new java.util.HashMap<>();
        rows.forEach(r -> ids.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        return ids;
    }

    /** The wallet if it exists, without creating it. */
    public Long findWallet(long memberId, Long walletPartnerId) {
        String sql = walletPartnerId == null
                ? "select id from wallet where member_id = :m and partner_id is null"
                : "select id from wallet where member_id = :m and partner_id = :p";
        var q = em.createNativeQuery(sql, Long.class).setParameter("m", memberId);
        if (walletPartnerId != null) {
            q.setParameter("p", walletPartnerId);
        }
        List<?> ids = q.getResultList();
        return ids.isEmpty() ? null : ((Number) ids.get(0)).longValue();
    }

    /**
     * Appends entries to a wallet and moves its running total, in one statement. A debit among them (a refund's
     * reversal) is allocated FIFO over the wallet's lots under the wallet's lock.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void post(long walletId, long memberId, List<Entry> entries) {
        post(walletId, memberId, entries, clock.instant(), List.of());
    }

    /**
     * A refund's reversal: takes the points from the lots of the source that earned them first (the same note first,
     * e.g. the accrual rather than the welcome bonus of one receipt), then FIFO. It never gives anything back, so
     * points of a lot that expired stay expired: what the lot no longer holds comes from other lots, or is debt.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reverse(long walletId, long memberId, Entry reversal, String lotSourceType, long lotSourceId) {
        if (reversal.amount() >= 0) {
            throw new IllegalArgumentException("a reversal takes points back");
        }
        post(walletId, memberId, List.of(reversal), clock.instant(), List.of(new Preference(lotSourceType, lotSourceId, reversal.note())));
    }

    /** Credits a source posted to a wallet under one note, and how much of them lapsed. */
    public record Lapsed(long credited, long lapsed) {
    }

    /**
     * Of the credits a source posted to the wallet under a note (e.g. a purchase's accrual): their sum and what of it
     * lapsed. A refund takes back no more than the rest, so points that expired are not taken a second time.
     */
    public Lapsed lapsedOf(long walletId, String sourceType, long sourceId, String note) {
        Object[] r = (Object[]) em.createNativeQuery("select coalesce(sum(l.amount), 0), coalesce(sum((select sum(a.amount)"
                        + " from ledger_allocation a join ledger_entry d on d.id = a.debit_entry_id where a.lot_entry_id = l.id"
                        + " and d.kind = 'EXPIRY')), 0) from ledger_entry l where l.wallet_id = :w and l.source_type = :st"
                        + " and l.source_id = :si and l.amount > 0 and l.note is not distinct from cast(:n as varchar)")
                .unwrap(NativeQuery.class)
                .setParameter("w", walletId).setParameter("st", sourceType).setParameter("si", sourceId)
                .setParameter("n", note, String.class).getSingleResult();
        return new Lapsed(((Number) r[0]).longValue(), ((Number) r[1]).longValue());
    }

    /** What entries of the given sources took from the wallet under a note (a purchase's earlier refunds). */
    public long takenBy(long walletId, String sourceType, List<Long> sourceIds, String note) {
        if (sourceIds.isEmpty()) {
            return 0;
        }
        return ((Number) em.createNativeQuery("select coalesce(-sum(amount), 0) from ledger_entry where wallet_id = :w"
                        + " and source_type = :st and source_id in (:ids) and amount < 0 and note is not distinct from cast(:n as varchar)")
                .unwrap(NativeQuery.class)
                .setParameter("w", walletId).setParameter("st", sourceType).setParameter("ids", sourceIds)
                .setParameter("n", note, String.class).getSingleResult()).longValue();
    }

    private record Preference(String sourceType, long sourceId, String note) {
        List<Long> lotIds(List<Lots.Lot> lots) {
            List<Lots.Lot> own = lots.stream().filter(l -> sourceType.equals(l.sourceType) && l.sourceId != null
                    && l.sourceId == sourceId).toList();
            List<Long> ids = new ArrayList<>();
            own.stream().filter(l -> java.util.Objects.equals(note, l.note)).forEach(l -> ids.add(l.id));
            own.stream().filter(l -> !java.util.Objects.equals(note, l.note)).forEach(l -> ids.add(l.id));
            return ids;
        }
    }

    private void post(long walletId, long memberId, List<Entry> entries, Instant now, List<Preference> preferences) {
        List<Entry> nonZero = entries.stream().filter(e -> e.amount() != 0).map(e -> withExpiry(e, now)).toList();
        if (nonZero.isEmpty()) {
            return;
        }
        boolean debits = nonZero.stream().anyMatch(e -> e.amount() < 0);
        List<Lots.Lot> before = null;
        if (debits) {
            lockWallet(walletId);
            before = lots.settle(walletId);
        }
        StringBuilder sql = new StringBuilder("with e as (insert into ledger_entry (wallet_id, member_id, partner_id,"
                + " kind, amount, activates_at, created_at, source_type, source_id, note, expires_at) values ");
        for (int i = 0; i < nonZero.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:w, :m, :p").append(i).append(", :k").append(i).append(", :a").append(i)
                    .append(", :at").append(i).append(", :now, :st").append(i).append(", :si").append(i).append(", :n").append(i)
                    .append(", :x").append(i).append(")");
        }
        sql.append(" returning id, amount), u as (update wallet set balance = balance + (select sum(amount) from e) where id = :w)"
                + " select id, amount from e order by id");
        NativeQuery<?> q = em.createNativeQuery(sql.toString()).unwrap(NativeQuery.class);
        q.setParameter("w", walletId).setParameter("m", memberId).setParameter("now", now);
        for (int i = 0; i < nonZero.size(); i++) {
            Entry e = nonZero.get(i);
            q.setParameter("p" + i, e.partnerId(), Long.class)
                    .setParameter("k" + i, e.kind().name())
                    .setParameter("a" + i, e.amount())
                    .setParameter("at" + i, e.activatesAt())
                    .setParameter("st" + i, e.sourceType())
                    .setParameter("si" + i, e.sourceId(), Long.class)
                    .setParameter("n" + i, e.note(), String.class)
                    .setParameter("x" + i, e.expiresAt(), Instant.class);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> posted = (List<Object[]>) q.getResultList();
        if (debits) {
            List<Long> preferred = new ArrayList<>();
            for (Preference p : preferences) {
                preferred.addAll(p.lotIds(before));
            }
            for (Object[] row : posted) {
                long amount = ((Number) row[1]).longValue();
                if (amount < 0) {
                    lots.allocate(walletId, ((Number) row[0]).longValue(), -amount, before, preferred, false, now);
                }
            }
        }
    }

    /** Kinds of credit a program earns; their lapse follows the program of the partner of origin. */
    private static final java.util.Set<EntryKind> EARNED = java.util.EnumSet.of(EntryKind.ACCRUAL, EntryKind.BONUS, EntryKind.SCRATCH);

    private Entry withExpiry(Entry e, Instant now) {
        if (e.amount() <= 0 || e.expiresAt() != null || e.partnerId() == null || !EARNED.contains(e.kind())) {
            return e;
        }
        Instant expires = expiresAt(e.partnerId(), e.activatesAt(), now);
        return expires == null ? e : new Entry(e.kind(), e.amount(), e.activatesAt(), e.partnerId(), e.sourceType(), e.sourceId(),
                e.note(), expires);
    }

    /**
     * When points a partner's program earns, spendable from {@code activatesAt}, lapse under the version in force at
     * {@code now}; null if they never do.
     */
    public Instant expiresAt(long partnerId, Instant activatesAt, Instant now) {
        return partners.cachedById(partnerId).flatMap(p -> partners.programAt(p, now)
                .map(v -> v.definition().expiresAt(activatesAt, java.time.ZoneId.of(p.timeZone)))).orElse(null);
    }

    /**
     * Takes points that are spendable now (a redemption, a reward's cost, a negative adjustment). The wallet row is
     * locked first, so concurrent spends queue up and none can take the spendable balance below zero. The debit is
     * dated with the same "now" the check used.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long spend(long walletId, long memberId, Entry debit, ErrorCode insufficientCode) {
        if (debit.amount() >= 0) {
            throw new IllegalArgumentException("a spend is negative");
        }
        lockWallet(walletId);
        Instant now = clock.instant();
        long spendable = spendable(walletId, now);
        if (spendable + debit.amount() < 0) {
            throw new ProblemException(insufficientCode, -debit.amount(), Math.max(spendable, 0));
        }
        post(walletId, memberId, List.of(new Entry(debit.kind(), debit.amount(), now, debit.partnerId(), debit.sourceType(),
                debit.sourceId(), debit.note())), now, List.of());
        return spendable + debit.amount();
    }

    /**
     * The lots the debits of a source (e.g. a catalog order) consumed, in the wallet, for giving the points back as they
     * were. The caller holds the wallet's lock: a debit of before V12 gets its allocations written first.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Consumed> consumedBy(long walletId, String sourceType, long sourceId) {
        lots.settle(walletId);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select l.id, sum(a.amount), l.activates_at, l.expires_at, l.partner_id"
                        + " from ledger_entry d join ledger_allocation a on a.debit_entry_id = d.id join ledger_entry l on l.id = a.lot_entry_id"
                        + " where d.wallet_id = :w and d.source_type = :st and d.source_id = :si and d.amount < 0"
                        + " group by l.id, l.activates_at, l.expires_at, l.partner_id order by l.activates_at, l.id")
                .setParameter("w", walletId).setParameter("st", sourceType).setParameter("si", sourceId).getResultList();
        return rows.stream().map(r -> new Consumed(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                SqlValues.toInstant(r[2]), SqlValues.toInstantOrNull(r[3]), toLong(r[4]))).toList();
    }

    /**
     * Posts the lapse of every lot of the wallet that {@code due} (given all the wallet's lots) selects and still holds points, one EXPIRY entry per
     * lot attributed to the lot's partner of origin (clearing counts it as that partner's breakage). Locks the wallet
     * and reads the lots under the lock, so a rerun or a second replica finds nothing left. Never takes the spendable
     * balance below zero. Returns the points expired.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public long expire(long walletId, java.util.function.Function<List<Lots.Lot>, java.util.function.Predicate<Lots.Lot>> due) {
        lockWallet(walletId);
        Instant now = clock.instant();
        List<Lots.Lot> all = lots.settle(walletId);
        long spendable = spendable(walletId, now);
        Long memberId = ((Number) em.createNativeQuery("select member_id from wallet where id = :w").setParameter("w", walletId)
                .getSingleResult()).longValue();
        long expired = 0;
        // decided on the lots as they are under the lock: an accrual that just arrived keeps an inactive member's points
        java.util.function.Predicate<Lots.Lot> lapsed = due.apply(all);
        for (Lots.Lot lot : all.stream().filter(l -> l.remaining() > 0 && !l.activatesAt.isAfter(now) && lapsed.test(l))
                .sorted(Lots.FIFO).toList()) {
            long points = Math.min(lot.remaining(), spendable);
            if (points <= 0) {
                break;
            }
            @SuppressWarnings("unchecked")
            List<Number> ids = em.createNativeQuery("with e as (insert into ledger_entry (wallet_id, member_id, partner_id, kind, amount,"
                            + " activates_at, created_at, source_type, source_id, note) values (:w, :m, :p, 'EXPIRY', :a, :now, :now,"
                            + " :st, :lot, :n) returning id, amount), u as (update wallet set balance = balance + (select sum(amount) from e)"
                            + " where id = :w) select id from e")
                    .unwrap(NativeQuery.class)
                    .setParameter("w", walletId).setParameter("m", memberId).setParameter("p", lot.partnerId, Long.class)
                    .setParameter("a", -points).setParameter("now", now).setParameter("st", SOURCE_EXPIRY)
                    .setParameter("lot", lot.id).setParameter("n", "lot:" + lot.id).getResultList();
            lots.allocate(walletId, ids.get(0).longValue(), points, all, List.of(lot.id), true, now);
            spendable -= points;
            expired += points;
        }
        return expired;
    }

    /** Whose wallet it is: the member, and the partner of a closed-loop wallet (null: the coalition wallet). */
    public record Owner(long memberId, Long partnerId) {
    }

    public Owner ownerOf(long walletId) {
        Object[] r = (Object[]) em.createNativeQuery("select member_id, partner_id from wallet where id = :w").setParameter("w", walletId)
                .getSingleResult();
        return new Owner(((Number) r[0]).longValue(), toLong(r[1]));
    }

    /** The lots of the wallet with what is left of each (read without a lock: for pages and notices). */
    public List<Lots.Lot> lotsOf(long walletId) {
        return lots.lots(walletId);
    }

    /**
     * Wallets holding a lot whose expiry passed at {@code now} and that the allocations show as not used up: the
     * candidates of the expiry job, read through the partial index on expires_at. A wallet whose old debits were never
     * replayed may be a candidate with nothing left; locking it settles it, so it is not one again.
     */
    public List<Long> walletsWithLapsedLots(Instant now, long afterWallet, int limit) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select distinct e.wallet_id from ledger_entry e where e.amount > 0"
                        + " and e.expires_at is not null and e.expires_at <= :now and e.wallet_id > :after and e.amount > coalesce("
                        + "(select sum(a.amount) from ledger_allocation a where a.lot_entry_id = e.id), 0) order by 1 limit :n")
                .setParameter("now", now).setParameter("after", afterWallet).setParameter("n", limit).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Wallets with a lot lapsing in {@code (from, to]} that the allocations show as not used up (for the notices). */
    public List<Long> walletsWithLotsLapsingIn(Instant from, Instant to, long afterWallet, int limit) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select distinct e.wallet_id from ledger_entry e where e.amount > 0"
                        + " and e.expires_at is not null and e.expires_at > :from and e.expires_at <= :to and e.wallet_id > :after"
                        + " and e.amount > coalesce((select sum(a.amount) from ledger_allocation a where a.lot_entry_id = e.id), 0)"
                        + " order by 1 limit :n")
                .setParameter("from", from).setParameter("to", to).setParameter("after", afterWallet).setParameter("n", limit)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** The partners whose points the member ever held (the partners the member is a customer of). */
    public List<Long> partnersOf(long memberId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select distinct partner_id from ledger_entry where member_id = :m and partner_id is not null")
                .setParameter("m", memberId).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Points of a partner that became spendable for a member at one moment (they were pending until then). */
    public record Activation(long partnerId, long memberId, Instant at, long points) {
    }

    /**
     * The credits of these partners that turned from pending to active in (from, to], summed per member and moment, in
     * the order they did; at most {@code limit} (the caller goes on from the last one's moment).
     */
    public List<Activation> activationsBetween(java.util.Collection<Long> partnerIds, Instant from, Instant to, int limit) {
        if (partnerIds.isEmpty()) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select partner_id, member_id, activates_at, sum(amount) from ledger_entry"
                        + " where activates_at > :from and activates_at <= :to and activates_at > created_at and amount > 0"
                        + " and partner_id = any(cast(:p as bigint[])) group by activates_at, partner_id, member_id"
                        + " order by activates_at, partner_id, member_id limit :n")
                .setParameter("from", from).setParameter("to", to)
                .setParameter("p", "{" + partnerIds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",")) + "}")
                .setParameter("n", limit).getResultList();
        return rows.stream().map(r -> new Activation(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                ru.coalition.platform.SqlValues.toInstant(r[2]), ((Number) r[3]).longValue())).toList();
    }

    /**
     * Wallets holding points of a partner (its closed-loop wallets, or coalition wallets with points it issued) whose
     * last accrual or scratch card there was posted before {@code cutoff}, and that still hold points of it.
     */
    public List<Long> walletsInactiveAt(long partnerId, Instant cutoff, long afterWallet, int limit) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select e.wallet_id from ledger_entry e where e.partner_id = :p and e.amount > 0"
                        + " and e.wallet_id > :after"
                        + " group by e.wallet_id having coalesce(max(e.created_at) filter (where e.kind in ('ACCRUAL', 'SCRATCH')),"
                        + " max(e.created_at) filter (where e.kind <> 'REVERSAL'), max(e.created_at)) < :cutoff"
                        + " and sum(e.amount) > coalesce((select sum(a.amount) from ledger_allocation a join ledger_entry l"
                        + " on l.id = a.lot_entry_id where a.wallet_id = e.wallet_id and l.partner_id = :p), 0) order by 1 limit :n")
                .setParameter("p", partnerId).setParameter("cutoff", cutoff).setParameter("after", afterWallet).setParameter("n", limit)
                .getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /**
     * Locks the wallet row for this transaction. Everything that locks a wallet and a member's tier takes the
     * wallet first, so purchases and the tier job cannot deadlock. The lock is FOR NO KEY UPDATE, the one the
     * balance update takes itself: FOR UPDATE would also wait for the key-share locks that inserting a purchase,
     * redemption or entry (foreign keys to the wallet) holds, and two such transactions would wait for each other.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lockWallet(long walletId) {
        em.createNativeQuery("select id from wallet where id = :w for no key update").setParameter("w", walletId).getResultList();
    }

    /**
     * What may be spent at {@code now}: credits and reversals once active, and every other debit (spends, expiry)
     * whatever its date. A spend posted by a replica whose clock runs ahead therefore counts at once everywhere, so
     * two replicas cannot both spend the same points; a reversal follows the points it takes back (pending from
     * pending).
     */
    long spendable(long walletId, Instant now) {
        return ((Number) em.createNativeQuery("select coalesce(sum(amount), 0) from ledger_entry where wallet_id = :w"
                        + " and (activates_at <= :now or (amount < 0 and kind <> 'REVERSAL'))")
                .setParameter("w", walletId).setParameter("now", now).getSingleResult()).longValue();
    }

    /**
     * Wallets of a scope (null: coalition wallets) whose balance active at {@code now} is at least {@code balance}. Reads
     * every wallet of the scope: for a job's first run; later runs ask {@link #walletsActivated} first.
     */
    public List<Reached> walletsReaching(Long walletPartnerId, long balance, Instant now) {
        var q = em.createNativeQuery("select w.id, w.member_id, sum(e.amount), max(e.activates_at) filter (where e.amount > 0)"
                        + " from wallet w join ledger_entry e on e.wallet_id = w.id and e.activates_at <= :now"
                        + " where " + (walletPartnerId == null ? "w.partner_id is null" : "w.partner_id = :wp")
                        + " group by w.id, w.member_id having sum(e.amount) >= :balance")
                .setParameter("now", now).setParameter("balance", balance);
        if (walletPartnerId != null) {
            q.setParameter("wp", walletPartnerId);
        }
        return reached(q);
    }

    /** Of the given wallets, those whose balance active at {@code now} is at least {@code balance}. */
    public List<Reached> walletsReaching(Collection<Long> walletIds, long balance, Instant now) {
        List<Long> ids = List.copyOf(walletIds);
        List<Reached> reached = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += ID_CHUNK) {
            reached.addAll(reached(em.createNativeQuery("select w.id, w.member_id, sum(e.amount), max(e.activates_at) filter"
                            + " (where e.amount > 0) from wallet w join ledger_entry e on e.wallet_id = w.id and e.activates_at <= :now"
                            + " where w.id in (:ids) group by w.id, w.member_id having sum(e.amount) >= :balance")
                    .setParameter("now", now).setParameter("balance", balance)
                    .setParameter("ids", ids.subList(from, Math.min(ids.size(), from + ID_CHUNK)))));
        }
        return reached;
    }

    /**
     * Wallets of a scope (null: coalition wallets) with a credit that became spendable in {@code (from, to]}: one whose
     * activation falls in it, or one posted in it already active (posted late, or active at once). The moment is the
     * later of the two, which an index keeps; so the answer costs what the window holds, not what the ledger holds. An
     * entry posted after {@code to} by a replica whose clock is behind falls in the next window.
     */
    public List<Long> walletsActivated(Long walletPartnerId, Instant from, Instant to) {
        var q = em.createNativeQuery("with c as (select distinct e.wallet_id from ledger_entry e where e.amount > 0"
                        + " and greatest(e.activates_at, e.created_at) > :from and greatest(e.activates_at, e.created_at) <= :to)"
                        + " select w.id from c join wallet w on w.id = c.wallet_id where "
                        + (walletPartnerId == null ? "w.partner_id is null" : "w.partner_id = :wp"))
                .setParameter("from", from).setParameter("to", to);
        if (walletPartnerId != null) {
            q.setParameter("wp", walletPartnerId);
        }
        @SuppressWarnings("unchecked")
        List<Number> ids = q.getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    private static List<Reached> reached(jakarta.persistence.Query q) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        return rows.stream().map(r -> new Reached(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(), SqlValues.toInstant(r[3]))).toList();
    }

    /** The entries of every source of a type, summed by source, wallet, kind and note, read through the audit's snapshot. */
    public List<SourceSum> sourceSums(EntityManager em, String sourceType) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select source_id, wallet_id, kind, note, sum(amount) from ledger_entry"
                        + " where source_type = :st and source_id is not null group by source_id, wallet_id, kind, note")
                .setParameter("st", sourceType).getResultList();
        return rows.stream().map(r -> new SourceSum(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                EntryKind.valueOf((String) r[2]), (String) r[3], ((Number) r[4]).longValue())).toList();
    }

    /** The bonuses a source (e.g. a purchase) triggered, in every wallet they went to. */
    public List<Posted> bonusesOf(String sourceType, long sourceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select wallet_id, member_id, amount, activates_at, note from ledger_entry"
                        + " where source_type = :st and source_id = :si and kind = 'BONUS' order by id")
                .setParameter("st", sourceType).setParameter("si", sourceId).getResultList();
        return rows.stream().map(r -> new Posted(((Number) r[0]).longValue(), ((Number) r[1]).longValue(),
                ((Number) r[2]).longValue(), SqlValues.toInstant(r[3]), (String) r[4])).toList();
    }

    public Balance balance(long walletId) {
        Instant now = clock.instant();
        Object[] sums = (Object[]) em.createNativeQuery("select coalesce(sum(amount) filter (where activates_at <= :now), 0),"
                        + " coalesce(sum(amount) filter (where activates_at > :now), 0),"
                        + " (select min(activates_at) from ledger_entry where wallet_id = :w and activates_at > :now)"
                        + " from ledger_entry where wallet_id = :w")
                .setParameter("w", walletId).setParameter("now", now).getSingleResult();
        NextActivation next = null;
        if (sums[2] != null) {
            // the first moment something becomes spendable: a receipt refunded in full nets to nothing and is skipped
            @SuppressWarnings("unchecked")
            List<Object[]> first = em.createNativeQuery("select activates_at, sum(amount) from ledger_entry"
                            + " where wallet_id = :w and activates_at > :now group by activates_at having sum(amount) > 0"
                            + " order by activates_at limit 1")
                    .setParameter("w", walletId).setParameter("now", now).getResultList();
            if (!first.isEmpty()) {
                next = new NextActivation(((Number) first.get(0)[1]).longValue(), SqlValues.toInstant(first.get(0)[0]));
            }
        }
        return new Balance(((Number) sums[0]).longValue(), ((Number) sums[1]).longValue(), next);
    }

    /** The balance of the member's wallet for a partner (null: coalition); zeros if the wallet does not exist yet. */
    public Balance balanceOf(long memberId, Long walletPartnerId) {
        Long walletId = findWallet(memberId, walletPartnerId);
        return walletId == null ? new Balance(0, 0, null) : balance(walletId);
    }

    /** Every wallet of the member, the coalition wallet first (listed even while empty). */
    public List<WalletBalance> walletsOf(long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, partner_id from wallet where member_id = :m"
                        + " order by partner_id nulls first, id")
                .setParameter("m", memberId).getResultList();
        List<WalletBalance> wallets = new ArrayList<>();
        if (rows.isEmpty() || rows.get(0)[1] != null) {
            wallets.add(new WalletBalance(0, null, new Balance(0, 0, null)));
        }
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            wallets.add(new WalletBalance(id, r[1] == null ? null : ((Number) r[1]).longValue(), balance(id)));
        }
        return wallets;
    }

    /** The member's entries over all wallets, newest first. */
    public List<HistoryItem> history(long memberId, int page, int size) {
        int limit = Math.max(1, Math.min(size, HISTORY_PAGE_LIMIT));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select e.id, w.partner_id, e.partner_id, e.kind, e.amount, e.activates_at,"
                        + " e.created_at, e.source_type, e.source_id, e.note from ledger_entry e join wallet w on w.id = e.wallet_id"
                        + " where e.member_id = :m order by e.id desc limit :l offset :o")
                .setParameter("m", memberId).setParameter("l", limit).setParameter("o", (long) Math.max(0, page) * limit)
                .getResultList();
        return rows.stream().map(r -> new HistoryItem(((Number) r[0]).longValue(), toLong(r[1]), toLong(r[2]),
                EntryKind.valueOf((String) r[3]), ((Number) r[4]).longValue(), SqlValues.toInstant(r[5]), SqlValues.toInstant(r[6]),
                (String) r[7], toLong(r[8]), (String) r[9])).toList();
    }

    /** One entry of the member's; empty for another member's. */
    public Optional<HistoryItem> entry(long memberId, long entryId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select e.id, w.partner_id, e.partner_id, e.kind, e.amount, e.activates_at,"
                        + " e.created_at, e.source_type, e.source_id, e.note from ledger_entry e join wallet w on w.id = e.wallet_id"
                        + " where e.member_id = :m and e.id = :id")
                .setParameter("m", memberId).setParameter("id", entryId).getResultList();
        return rows.stream().findFirst().map(r -> new HistoryItem(((Number) r[0]).longValue(), toLong(r[1]), toLong(r[2]),
                EntryKind.valueOf((String) r[3]), ((Number) r[4]).longValue(), SqlValues.toInstant(r[5]), SqlValues.toInstant(r[6]),
                (String) r[7], toLong(r[8]), (String) r[9]));
    }

    public long historyCount(long memberId) {
        return ((Number) em.createNativeQuery("select count(*) from ledger_entry where member_id = :m")
                .setParameter("m", memberId).getSingleResult()).longValue();
    }

    /**
     * Coalition points that moved, by partner, kind and source: what clearing prices. An entry counts in the window of
     * its posting ({@code from} ≤ created_at &lt; {@code until}); entries posted earlier but after the entry
     * {@code lateAfterId} (the last one a closed month saw; -1: none) count too, as corrections, and so do entries whose
     * points count from before the window (a back-dated receipt). Only entries up to {@code upToId} are read, so a
     * month's close sees a fixed set. Operator adjustments (no partner) never enter clearing.
     *
     * <p>A credit of kind REVERSAL gives back what a debit of the same source took (a returned voucher: the points of
     * its order). It names the partner that issued the lot it restores, for the lots' sake (outstanding, expiry), but
     * moves the points of the partner the debit was for, so it counts for that one here; and it keeps its lot's old
     * activation, so only its posting time can make it a correction.
     */
    public List<Movement> coalitionMovements(Instant from, Instant until, long lateAfterId, long upToId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select case when " + GIVEN_BACK + " then coalesce((select d.partner_id"
                        + " from ledger_entry d where d.source_type = e.source_type and d.source_id = e.source_id and d.wallet_id = e.wallet_id"
                        + " and d.amount < 0 and d.kind <> 'REVERSAL' order by d.id limit 1), e.partner_id) else e.partner_id end,"
                        + " e.kind, e.source_type, (e.created_at < :from or (e.activates_at < :from and not " + GIVEN_BACK + ")),"
                        + " sum(e.amount), count(*)"
                        + " from ledger_entry e join wallet w on w.id = e.wallet_id"
                        + " where w.partner_id is null and e.partner_id is not null and e.id <= :upTo"
                        + " and ((e.created_at >= :from and e.created_at < :until) or (e.created_at < :from and e.id > :late))"
                        + " group by 1, 2, 3, 4")
                .setParameter("from", from).setParameter("until", until).setParameter("late", lateAfterId)
                .setParameter("upTo", upToId).getResultList();
        return rows.stream().map(r -> new Movement(((Number) r[0]).longValue(), EntryKind.valueOf((String) r[1]), (String) r[2],
                (Boolean) r[3], ((Number) r[4]).longValue(), ((Number) r[5]).longValue())).toList();
    }

    private static final String GIVEN_BACK = "(e.kind = 'REVERSAL' and e.amount > 0)";

    /** Coalition points of one partner, kind and source moved in a window; correction: posted for an earlier time. */
    public record Movement(long partnerId, EntryKind kind, String sourceType, boolean correction, long points, long entries) {
    }

    /**
     * Coalition points each partner issued that are still in members' wallets at {@code until}: its credits (lots) less
     * what debits posted before then took from them (spends, refunds, expiry, through the allocations). Reads up to the
     * entry {@code upToId}, as a month's close does. Points a returned voucher gave back count for the partner that
     * issued them, as before the order (the lots it makes name that partner).
     */
    public Map<Long, Long> coalitionOutstanding(Instant until, long upToId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("with lots as (select e.id, e.partner_id, e.amount from ledger_entry e"
                        + " join wallet w on w.id = e.wallet_id where w.partner_id is null and e.partner_id is not null"
                        + " and e.amount > 0 and e.created_at < :until and e.id <= :upTo),"
                        + " used as (select a.lot_entry_id, sum(a.amount) amount from ledger_allocation a"
                        + " join ledger_entry d on d.id = a.debit_entry_id where d.created_at < :until and d.id <= :upTo"
                        + " group by a.lot_entry_id)"
                        + " select lots.partner_id, sum(lots.amount - coalesce(used.amount, 0)) from lots"
                        + " left join used on used.lot_entry_id = lots.id group by lots.partner_id")
                .setParameter("until", until).setParameter("upTo", upToId).getResultList();
        Map<Long, Long> outstanding = new java.util.HashMap<>();
        rows.forEach(r -> outstanding.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        return outstanding;
    }

    /**
     * How {@link #coalitionOutstanding} at {@code until} (up to {@code upToId}) differs from its value at
     * {@code closedUntil} up to {@code closedUpToId}, a closed month's, per partner: the lots posted since (or posted late,
     * above the close's last entry) less what was taken from lots by debits posted since, and from lots posted since by
     * debits the close had read. A month's statement adds this to the last close instead of reading the whole ledger.
     */
    public Map<Long, Long> coalitionOutstandingChange(Instant closedUntil, long closedUpToId, Instant until, long upToId) {
        String since = " and (%1$s.id > :closedUpTo or %1$s.created_at >= :closedUntil)";
        String lot = " w.partner_id is null and l.partner_id is not null and l.amount > 0 and l.created_at < :until and l.id <= :upTo";
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select x.partner_id, sum(x.amount) from ("
                        + " select l.partner_id, l.amount from ledger_entry l join wallet w on w.id = l.wallet_id where" + lot + since.formatted("l")
                        + " union all select l.partner_id, -a.amount from ledger_entry d join ledger_allocation a on a.debit_entry_id = d.id"
                        + " join ledger_entry l on l.id = a.lot_entry_id join wallet w on w.id = l.wallet_id"
                        + " where d.created_at < :until and d.id <= :upTo" + since.formatted("d") + " and" + lot
                        + " union all select l.partner_id, -a.amount from ledger_entry l join ledger_allocation a on a.lot_entry_id = l.id"
                        + " join ledger_entry d on d.id = a.debit_entry_id join wallet w on w.id = l.wallet_id"
                        + " where" + lot + since.formatted("l") + " and d.id <= :closedUpTo and d.created_at < :closedUntil"
                        + ") x group by x.partner_id")
                .setParameter("closedUntil", closedUntil).setParameter("closedUpTo", closedUpToId)
                .setParameter("until", until).setParameter("upTo", upToId).getResultList();
        Map<Long, Long> change = new java.util.HashMap<>();
        rows.forEach(r -> change.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        return change;
    }

    /** The newest entry's id (0 when the ledger is empty): what a month's close reads up to. */
    public long lastEntryId() {
        return ((Number) em.createNativeQuery("select coalesce(max(id), 0) from ledger_entry").getSingleResult()).longValue();
    }

    static Long toLong(Object o) {
        return o == null ? null : ((Number) o).longValue();
    }
}
