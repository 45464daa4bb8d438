package ru.coalition.purchases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import ru.coalition.giftcards.GiftCardService;
import ru.coalition.ledger.LedgerService;
import ru.coalition.partners.Partner;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Hashes;
import ru.coalition.platform.Idempotency;
import ru.coalition.platform.ProblemException;
import ru.coalition.programs.Money;
import ru.coalition.programs.ProgramEngine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Purchases from the till: accrued once per (partner, receiptId), evaluated under the program version in force when
 * the purchase happened. Refunds are {@link RefundService}'s.
 */
@ApplicationScoped
public class PurchaseService {

    public static final Duration MAX_BACKDATING = Duration.ofDays(90);
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final String SOURCE_PURCHASE = LedgerService.SOURCE_PURCHASE;
    /** The note of the flat bonus for paying with a reward gift card: refunds and the audit find it by it. */
    static final String GIFT_CARD_USE = "gift-card-use";

    public record Breakdown(long accrual, long giftCardBonus, long welcomeBonus) {
    }

    public record PurchaseAnswer(UUID purchaseId, String receiptId, String wallet, long points, String status,
                                 String activatesAt, Breakdown breakdown) {
    }

    /** A receipt line with what is still counted after refunds. */
    record StoredLine(int lineNo, String sku, String category, boolean promo, long amount, long refunded) {
        ProgramEngine.Line remaining() {
            return new ProgramEngine.Line(category, promo, amount - refunded);
        }

        ProgramEngine.Line original() {
            return new ProgramEngine.Line(category, promo, amount);
        }
    }

    @Inject
    EntityManager em;

    /** What became of one receipt: its answer, or the problem that refused it. */
    public record Outcome(Idempotency.Answer answer, ProblemException problem) {
    }

    /** One receipt to post, with the index it had in what the till sent. */
    record Item(int index, PurchaseRequest request) {
    }

    /** Thrown inside the transaction so it rolls back: a parallel first purchase took the welcome bonus meanwhile. */
    static final class WelcomeRace extends RuntimeException {
        WelcomeRace() {
            super(null, null, false, false);
        }
    }

    /** How often a receipt (or batch) is tried again after losing a welcome race: the loser sees the grant next time. */
    static final int ATTEMPTS = 3;

    @Inject
    PurchasePosting posting;

    /** One receipt: 201 first, 200 with the first answer on a replay, or the problem. */
    public Idempotency.Answer post(Partner partner, PurchaseRequest r) {
        Outcome o = postAll(partner, List.of(r)).get(0);
        if (o.problem() != null) {
            throw o.problem();
        }
        return o.answer();
    }

    /** Receipts in one transaction, each answered as if posted alone, in the order given. */
    public List<Outcome> postAll(Partner partner, List<PurchaseRequest> receipts) {
        for (int attempt = 1; ; attempt++) {
            try {
                return posting.postAll(partner, receipts);
            } catch (WelcomeRace race) {
                if (attempt == ATTEMPTS) {
                    throw new ProblemException(ErrorCode.PURCHASE_RETRY).retryAfter(1);
                }
            }
        }
    }

    public Optional<Purchase> byReceipt(long partnerId, String receiptId) {
        return Purchase.find("partnerId = ?1 and receiptId = ?2", partnerId, receiptId).firstResultOptional();
    }

    /** The member's latest purchases at a partner (the cashier screen shows them for refunds). */
    public List<Purchase> latestOf(long partnerId, long memberId, int limit) {
        return Purchase.find("partnerId = ?1 and memberId = ?2 order by occurredAt desc", partnerId, memberId)
                .page(0, Math.min(limit, 50)).list();
    }

    /** One calendar month of a partner's sales, in the partner's time zone. */
    public record Month(java.time.YearMonth month, long receipts, long total, long points, long customers) {
        public java.math.BigDecimal totalRub() {
            return java.math.BigDecimal.valueOf(total, 2);
        }
    }

    /**
     * The partner's sales by month, the last {@code months} months up to this one, months without sales included as
     * zeros so a chart has no holes. Reads purchase_partner_time (partner_id, occurred_at).
     */
    public List<Month> monthly(long partnerId, java.time.ZoneId zone, int months, java.time.Instant now) {
        java.time.YearMonth last = java.time.YearMonth.from(now.atZone(zone));
        java.time.YearMonth first = last.minusMonths(months - 1L);
        java.time.Instant since = first.atDay(1).atStartOfDay(zone).toInstant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select to_char(occurred_at at time zone :tz, 'YYYY-MM'), count(*), sum(total),"
                        + " sum(points), count(distinct member_id) from purchase where partner_id = :p and occurred_at >= :since"
                        + " group by 1").setParameter("tz", zone.getId()).setParameter("p", partnerId).setParameter("since", since)
                .getResultList();
        Map<java.time.YearMonth, Month> byMonth = new java.util.HashMap<>();
        for (Object[] r : rows) {
            java.time.YearMonth m = java.time.YearMonth.parse((String) r[0]);
            byMonth.put(m, new Month(m, ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue()));
        }
        List<Month> out = new ArrayList<>();
        for (java.time.YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            out.add(byMonth.getOrDefault(m, new Month(m, 0, 0, 0, 0)));
        }
        return out;
    }

    /** A receipt's line as the cashier's screen shows it: what was bought, for how much, and how much of it came back. */
    public record ReceiptLine(int lineNo, String sku, String name, long amount, long refunded) {
        public long left() {
            return amount - refunded;
        }

        public java.math.BigDecimal amountRub() {
            return java.math.BigDecimal.valueOf(amount, 2);
        }

        public java.math.BigDecimal refundedRub() {
            return java.math.BigDecimal.valueOf(refunded, 2);
        }

        /** What may still come back, as the refund form's default ("1234.56"). */
        public String leftText() {
            return Money.format(left());
        }
    }

    /** The lines of several receipts in one read, by purchase id, in receipt order. */
    public Map<Long, List<ReceiptLine>> receiptLines(List<Long> purchaseIds) {
        if (purchaseIds.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select purchase_id, line_no, sku, name, amount, refunded from purchase_line"
                + " where purchase_id in (:ids) order by purchase_id, line_no").setParameter("ids", purchaseIds).getResultList();
        Map<Long, List<ReceiptLine>> out = new java.util.LinkedHashMap<>();
        for (Object[] x : rows) {
            out.computeIfAbsent(((Number) x[0]).longValue(), k -> new ArrayList<>()).add(new ReceiptLine(((Number) x[1]).intValue(),
                    (String) x[2], (String) x[3], ((Number) x[4]).longValue(), ((Number) x[5]).longValue()));
        }
        return out;
    }

    List<StoredLine> linesOf(long purchaseId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select line_no, sku, category, promo, amount, refunded from purchase_line"
                + " where purchase_id = :p order by line_no").setParameter("p", purchaseId).getResultList();
        return rows.stream().map(x -> new StoredLine(((Number) x[0]).intValue(), (String) x[1], (String) x[2], (Boolean) x[3],
                ((Number) x[4]).longValue(), ((Number) x[5]).longValue())).toList();
    }

    /** The receipt in a normal form: amounts as kopecks, the member as resolved, the time as an instant. */
    static String fingerprint(PurchaseRequest r, long memberId) {
        StringBuilder s = new StringBuilder().append(r.receiptId()).append('|').append(r.occurredAt().toInstant())
                .append('|').append(memberId);
        for (PurchaseRequest.Line l : r.lines()) {
            s.append("|L:").append(l.sku()).append(';').append(l.name()).append(';').append(Money.parse(l.amount()))
                    .append(';').append(l.category()).append(';').append(l.isPromo());
        }
        for (PurchaseRequest.Payment p : r.paymentsOrEmpty()) {
            s.append("|P:").append(p.method()).append(';').append(Money.parse(p.amount())).append(';')
                    .append(p.isGiftCard() ? GiftCardService.normalize(p.giftCardCode()) : p.giftCardCode());
        }
        return Hashes.sha256(s.toString());
    }
}
