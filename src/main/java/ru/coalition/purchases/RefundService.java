package ru.coalition.purchases;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.giftcards.GiftCardService;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Hashes;
import ru.coalition.platform.Idempotency;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.programs.Money;
import ru.coalition.programs.ProgramEngine;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Refunds of receipts: each takes back exactly what the refunded lines had earned under the purchase's own version
 * and multiplier, and the bonuses the purchase triggered (welcome, referral, tier welcome points, gift-card use) in
 * proportion to the eligible amount refunded — all of them once nothing eligible is left (docs/refunds.md).
 */
@ApplicationScoped
public class RefundService {

    static final String SOURCE_REFUND = LedgerService.SOURCE_REFUND;

    /**
     * @param pointsReversed  what the purchase itself had earned and is taken back (accrual and gift-card-use bonus)
     * @param bonusesReversed welcome, tier and referral bonuses the purchase had triggered, taken back
     */
    public record RefundAnswer(String refundId, String receiptId, long pointsReversed, long bonusesReversed, String amount) {
    }

    @Inject
    ru.coalition.webhooks.WebhookEvents webhooks;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    PurchaseService purchases;

    @Inject
    PartnerService partners;

    @Inject
    LedgerService ledger;

    @Inject
    GiftCardService giftCards;

    @Inject
    PartnerScope scope;

    @Transactional
    public Idempotency.Answer refund(Partner partner, String receiptId, RefundRequest r) {
        scope.enter(partner);
        List<Long> amounts = r.lines().stream().map(l -> Money.parse(l.amount())).toList();
        checkLines(r);
        String fingerprint = fingerprint(receiptId, r, amounts);
        Purchase purchase = purchases.byReceipt(partner.id, receiptId)
                .orElseThrow(() -> new ProblemException(ErrorCode.PURCHASE_NOT_FOUND, receiptId));
        Optional<Idempotency.Answer> replay = replayOf(purchase, r.refundId(), fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        // refunds of one purchase queue up here, so each sees what the previous one took back
        em.createNativeQuery("select id from purchase where id = :id for update").setParameter("id", purchase.id).getResultList();
        replay = replayOf(purchase, r.refundId(), fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        List<PurchaseService.StoredLine> lines = purchases.linesOf(purchase.id);
        long[] refunded = lines.stream().mapToLong(PurchaseService.StoredLine::refunded).toArray();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            RefundRequest.Line line = r.lines().get(i);
            if (allocate(lines, refunded, line, amounts.get(i)) > 0) {
                errors.add(new Problem.FieldError("lines[" + i + "]", null));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.REFUND_EXCEEDS, errors, receiptId);
        }
        List<ProgramEngine.Line> original = lines.stream().map(PurchaseService.StoredLine::original).toList();
        List<ProgramEngine.Line> before = lines.stream().map(PurchaseService.StoredLine::remaining).toList();
        List<ProgramEngine.Line> after = new ArrayList<>();
        boolean anythingLeft = false;
        for (int i = 0; i < lines.size(); i++) {
            PurchaseService.StoredLine l = lines.get(i);
            after.add(new ProgramEngine.Line(l.category(), l.promo(), l.amount() - refunded[i]));
            anythingLeft |= l.amount() - refunded[i] > 0;
        }
        ProgramDefinition program = partners.definitionOf(partners.versionById(purchase.programVersionId));
        Share share = eligible(program, original) > 0
                ? new Share(eligible(program, original), eligible(program, before), eligible(program, after))
                // a purchase of before the rule "no eligible amount, no bonus": its bonuses follow the whole amount
                : new Share(sum(original), sum(before), sum(after));
        long accrualReversed = Math.max(0, accrual(program, before, purchase) - accrual(program, after, purchase));
        long amount = amounts.stream().mapToLong(Long::longValue).sum();

        for (int i = 0; i < lines.size(); i++) {
            if (refunded[i] != lines.get(i).refunded()) {
                em.createNativeQuery("update purchase_line set refunded = :r where purchase_id = :p and line_no = :n")
                        .setParameter("r", refunded[i]).setParameter("p", purchase.id).setParameter("n", lines.get(i).lineNo())
                        .executeUpdate();
            }
        }
        Instant now = clock.instant();
        List<Reversal> reversals = new ArrayList<>();
        // points still pending are taken back from pending; once active, from the active balance (a wallet may go into debt)
        // noted with the receipt, as the accrual is: the member reads "refund · receipt 123", not the till's refund id
        reversals.add(new Reversal(purchase.walletId, purchase.memberId, accrualReversed, purchase.activatesAt, receiptId, true));
        for (LedgerService.Posted bonus : ledger.bonusesOf(LedgerService.SOURCE_PURCHASE, purchase.id)) {
            long back = share.kept(bonus.amount(), true) - share.kept(bonus.amount(), false);
            reversals.add(new Reversal(bonus.walletId(), bonus.memberId(), back, bonus.activatesAt(), bonus.note(),
                    PurchaseService.GIFT_CARD_USE.equals(bonus.note())));
        }
        reversals = withoutLapsed(purchase, reversals);
        long pointsReversed = reversals.stream().filter(Reversal::earnedByPurchase).mapToLong(Reversal::points).sum();
        long bonusesReversed = reversals.stream().filter(x -> !x.earnedByPurchase()).mapToLong(Reversal::points).sum();
        String response = Idempotency.write(json, new RefundAnswer(r.refundId(), receiptId, pointsReversed, bonusesReversed,
                Money.format(amount)));
        Number refundRowId = (Number) em.createNativeQuery("insert into refund (partner_id, refund_id, purchase_id, fingerprint,"
                        + " amount, points_reversed, bonuses_reversed, response, created_at) values (:pa, :rid, :pu, :f, :a, :pr,"
                        + " :br, cast(:resp as jsonb), :now) returning id")
                .setParameter("pa", partner.id).setParameter("rid", r.refundId()).setParameter("pu", purchase.id)
                .setParameter("f", fingerprint).setParameter("a", amount).setParameter("pr", pointsReversed)
                .setParameter("br", bonusesReversed).setParameter("resp", response).setParameter("now", now).getSingleResult();
        for (int i = 0; i < lines.size(); i++) {
            long taken = refunded[i] - lines.get(i).refunded();
            if (taken > 0) {
                // the split is kept with the refund (the line's running total alone cannot say which refund took what)
                em.createNativeQuery("insert into refund_line (refund_id, purchase_id, line_no, amount) values (:r, :p, :n, :a)")
                        .setParameter("r", refundRowId.longValue()).setParameter("p", purchase.id).setParameter("n", lines.get(i).lineNo())
                        .setParameter("a", taken).executeUpdate();
            }
        }
        for (Reversal x : reversals) {
            if (x.points() != 0) {
                // from the purchase's own lots first; points of them that already expired are not given back
                ledger.reverse(x.walletId(), x.memberId(), new LedgerService.Entry(EntryKind.REVERSAL, -x.points(),
                        x.activatesAt().isAfter(now) ? x.activatesAt() : now, partner.id, SOURCE_REFUND, refundRowId.longValue(),
                        x.note()), LedgerService.SOURCE_PURCHASE, purchase.id);
            }
        }
        if (!anythingLeft) {
            giftCards.restoreRedeemedBy(purchase.id);
        }
        java.util.Map<String, Object> told = new java.util.LinkedHashMap<>();
        told.put("refundId", r.refundId());
        told.put("receiptId", receiptId);
        told.put("amount", ru.coalition.programs.Money.format(amount));
        told.put("pointsReversed", pointsReversed);
        told.put("bonusesReversed", bonusesReversed);
        webhooks.emit(partner.id, ru.coalition.webhooks.WebhookTypes.PURCHASE_REFUNDED, purchase.memberId, told);
        return new Idempotency.Answer(response, false);
    }

    /**
     * Points that lapsed are gone already: a refund takes back at most what the purchase's credits hold beyond what
     * expired of them and what earlier refunds took, so expired points are neither resurrected nor taken twice (and
     * clearing does not count them as breakage and as reversed).
     */
    private List<Reversal> withoutLapsed(Purchase purchase, List<Reversal> reversals) {
        @SuppressWarnings("unchecked")
        List<Number> earlier = em.createNativeQuery("select id from refund where purchase_id = :p").setParameter("p", purchase.id)
                .getResultList();
        List<Long> earlierIds = earlier.stream().map(Number::longValue).toList();
        List<Reversal> capped = new ArrayList<>();
        for (Reversal x : reversals) {
            LedgerService.Lapsed l = ledger.lapsedOf(x.walletId(), LedgerService.SOURCE_PURCHASE, purchase.id, x.note());
            if (l.lapsed() == 0) {
                capped.add(x);
                continue;
            }
            long left = Math.max(0, l.credited() - l.lapsed() - ledger.takenBy(x.walletId(), SOURCE_REFUND, earlierIds, x.note()));
            capped.add(new Reversal(x.walletId(), x.memberId(), Math.min(x.points(), left), x.activatesAt(), x.note(), x.earnedByPurchase()));
        }
        return capped;
    }

    /** Points going back to one wallet; {@code earnedByPurchase} for what the purchase row itself records. */
    private record Reversal(long walletId, long memberId, long points, Instant activatesAt, String note, boolean earnedByPurchase) {
    }

    /**
     * The eligible amount of the purchase at first, before this refund and after it. A bonus of B points is kept as
     * floor(B × eligible left / eligible at first): each refund takes back the difference, so any sequence of
     * partial refunds takes back the same total, and all of B once nothing eligible is left.
     */
    private record Share(long original, long before, long after) {
        long kept(long bonus, boolean beforeRefund) {
            long left = beforeRefund ? before : after;
            return BigInteger.valueOf(bonus).multiply(BigInteger.valueOf(left)).divide(BigInteger.valueOf(original)).longValueExact();
        }
    }

    private static long sum(List<ProgramEngine.Line> lines) {
        return lines.stream().mapToLong(ProgramEngine.Line::amount).sum();
    }

    private static long eligible(ProgramDefinition program, List<ProgramEngine.Line> lines) {
        return ProgramEngine.evaluate(program, lines, 0, false, java.math.BigDecimal.ONE).eligible();
    }

    /** The per-rouble points of the lines left, under the purchase's multiplier; the gift-card bonus is a bonus above. */
    private static long accrual(ProgramDefinition program, List<ProgramEngine.Line> lines, Purchase purchase) {
        return ProgramEngine.evaluate(program, lines, purchase.giftCardPaid, false, purchase.multiplier).accrual();
    }

    /** A line is named by sku or by position; both given must agree. */
    private static void checkLines(RefundRequest r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            RefundRequest.Line l = r.lines().get(i);
            if (l.sku() == null && l.line() == null) {
                errors.add(new Problem.FieldError("lines[" + i + "].sku", null));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.REFUND_LINE_REQUIRED, errors);
        }
    }

    /** Takes {@code amount} off the not yet refunded part of the named line(s); returns what did not fit. */
    private static long allocate(List<PurchaseService.StoredLine> lines, long[] refunded, RefundRequest.Line line, long amount) {
        long left = amount;
        for (int i = 0; i < lines.size() && left > 0; i++) {
            PurchaseService.StoredLine l = lines.get(i);
            boolean named = (line.line() == null || line.line() == l.lineNo()) && (line.sku() == null || line.sku().equals(l.sku()));
            if (named) {
                long take = Math.min(l.amount() - refunded[i], left);
                refunded[i] += take;
                left -= take;
            }
        }
        return left;
    }

    private Optional<Idempotency.Answer> replayOf(Purchase purchase, String refundId, String fingerprint) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select fingerprint, cast(response as text) from refund"
                        + " where purchase_id = :p and refund_id = :r")
                .setParameter("p", purchase.id).setParameter("r", refundId).getResultList();
        return Idempotency.replay(rows.stream().findFirst().map(x -> new Idempotency.Stored((String) x[0], (String) x[1])),
                fingerprint, ErrorCode.REFUND_CONFLICT, refundId);
    }

    static String fingerprint(String receiptId, RefundRequest r, List<Long> amounts) {
        StringBuilder s = new StringBuilder(receiptId).append('|').append(r.refundId());
        for (int i = 0; i < r.lines().size(); i++) {
            RefundRequest.Line l = r.lines().get(i);
            s.append("|L:").append(l.sku()).append(';').append(l.line()).append(';').append(amounts.get(i));
        }
        return Hashes.sha256(s.toString());
    }
}
