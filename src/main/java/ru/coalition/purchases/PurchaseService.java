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
import java.util.List;
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
