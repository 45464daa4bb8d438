package ru.coalition.purchases;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.query.NativeQuery;
import ru.coalition.bonuses.BonusService;
import ru.coalition.giftcards.GiftCardService;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.partners.ProgramVersion;
import ru.coalition.platform.Hashes;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.programs.Money;
import ru.coalition.programs.ProgramEngine;
import ru.coalition.tiers.TierService;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Purchases and refunds from the till: accrued once per (partner, receiptId), evaluated and refunded under the
 * program version in force when the purchase happened.
 */
@ApplicationScoped
public class PurchaseService {

    public static final Duration MAX_BACKDATING = Duration.ofDays(90);
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    static final String SOURCE_PURCHASE = "purchase";
    static final String SOURCE_REFUND = "refund";

    /** The answer to a post; {@code replay} tells the resource to say 200 instead of 201. */
    public record Posted(String json, boolean replay) {
    }

    public record Breakdown(long accrual, long giftCardBonus, long welcomeBonus) {
    }

    public record PurchaseAnswer(UUID purchaseId, String receiptId, String wallet, long points, String status,
                                 String activatesAt, Breakdown breakdown) {
    }

    public record RefundAnswer(String refundId, String receiptId, long pointsReversed, String amount) {
    }

    /** A receipt line with what is still counted after refunds. */
    record StoredLine(int lineNo, String sku, String category, boolean promo, long amount, long refunded) {
        ProgramEngine.Line remaining() {
            return new ProgramEngine.Line(category, promo, amount - refunded);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

    @Inject
    MemberService members;

    @Inject
    PartnerService partners;

    @Inject
    LedgerService ledger;

    @Inject
    GiftCardService giftCards;

    @Inject
    BonusService bonuses;

    @Inject
    TierService tiers;

    @Transactional
    public Posted post(Partner partner, PurchaseRequest r) {
        Instant occurredAt = r.occurredAt().toInstant();
        List<Long> amounts = r.lines().stream().map(l -> Money.parse(l.amount())).toList();
        long total = amounts.stream().mapToLong(Long::longValue).sum();
        long giftCardPaid = checkPayments(r, total);
        Member member = members.resolve(r.member());
        String fingerprint = fingerprint(r, member);

        // a replay gets the first answer even after the back-dating window has passed
        Optional<Posted> replay = replayOf(partner, r.receiptId(), fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        checkTime(occurredAt);
        ProgramVersion version = partners.programAt(partner, occurredAt)
                .orElseThrow(() -> new ProblemException(422, "purchase.no-program", partner.name));
        ProgramDefinition program = partners.definitionOf(version);

        List<GiftCardService.Payable> cards = new ArrayList<>();
        for (PurchaseRequest.Payment p : r.paymentsOrEmpty()) {
            if (p.isGiftCard()) {
                Optional<GiftCardService.Payable> card = giftCards.lockForPayment(partner.id, p.giftCardCode(), Money.parse(p.amount()));
                if (card.isEmpty()) {
                    // a parallel replay of this very receipt may have used the card a moment ago
                    replay = replayOf(partner, r.receiptId(), fingerprint);
                    if (replay.isPresent()) {
                        return replay.get();
                    }
                    throw new ProblemException(422, "giftcard.unknown", List.of(new Problem.FieldError(
                            "payments[" + r.paymentsOrEmpty().indexOf(p) + "].giftCardCode", null)), p.giftCardCode());
                }
                cards.add(card.get());
            }
        }

        Long walletPartner = program.walletPartnerOf(partner.id);
        long walletId = ledger.walletId(member.id, walletPartner);
        BigDecimal multiplier = tiers.multiplierFor(partner.id, member.id, program);
        List<ProgramEngine.Line> lines = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            PurchaseRequest.Line l = r.lines().get(i);
            lines.add(new ProgramEngine.Line(l.category(), l.isPromo(), amounts.get(i)));
        }
        ProgramEngine.Evaluation eval = ProgramEngine.evaluate(program, lines, giftCardPaid, !cards.isEmpty(), multiplier);
        ZoneId zone = ZoneId.of(partner.timeZone);
        Instant activatesAt = ProgramEngine.activatesAt(program, occurredAt, zone);

        UUID publicId = UUID.randomUUID();
        long welcome = program.welcome() != null && bonuses.grantOnce(partner.id, member.id, BonusService.WELCOME, "")
                ? program.welcome().bonus() : 0;
        Instant now = clock.instant();
        PurchaseAnswer answer = new PurchaseAnswer(publicId, r.receiptId(), walletPartner == null ? "coalition" : partner.slug,
                eval.points() + welcome, activatesAt.isAfter(now) ? "PENDING" : "ACTIVE",
                activatesAt.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                new Breakdown(eval.accrual(), eval.giftCardBonus(), welcome));
        String response = write(answer);

        Long purchaseId = insertPurchase(publicId, partner.id, r.receiptId(), member.id, walletId, version.id, occurredAt,
                fingerprint, total, giftCardPaid, eval.giftCardBonus(), multiplier, eval.points(), activatesAt, response, now);
        if (purchaseId == null) {
            // lost a race with a parallel post of the same receipt: roll back and answer with the winner's body
            Posted other = replayOf(partner, r.receiptId(), fingerprint).orElseThrow();
            throw new ReplayRace(other);
        }
        insertLines(purchaseId, r.lines(), amounts);
        for (GiftCardService.Payable card : cards) {
            giftCards.markRedeemed(card.id(), purchaseId);
        }
        ledger.post(walletId, member.id, List.of(
                new LedgerService.Entry(EntryKind.ACCRUAL, eval.accrual(), activatesAt, partner.id, SOURCE_PURCHASE, purchaseId, r.receiptId()),
                new LedgerService.Entry(EntryKind.BONUS, eval.giftCardBonus(), activatesAt, partner.id, SOURCE_PURCHASE, purchaseId, "gift-card-use"),
                new LedgerService.Entry(EntryKind.BONUS, welcome, activatesAt, partner.id, SOURCE_PURCHASE, purchaseId, "welcome")));
        payReferral(partner, program, member, walletPartner, purchaseId, activatesAt);
        if (program.tiers() != null) {
            tiers.recalculate(partner, member.id, program);
        }
        return new Posted(response, false);
    }

    /** Thrown inside the transaction so it rolls back; the resource answers with the winner's replay. */
    public static final class ReplayRace extends RuntimeException {
        public final Posted winner;

        ReplayRace(Posted winner) {
            super(null, null, false, false);
            this.winner = winner;
        }
    }

    private void payReferral(Partner partner, ProgramDefinition program, Member member, Long walletPartner, long purchaseId,
                             Instant activatesAt) {
        if (program.referral() == null || member.referredBy == null
                || !bonuses.grantOnce(partner.id, member.id, BonusService.REFERRAL, "")) {
            return;
        }
        long referrerWallet = ledger.walletId(member.referredBy, walletPartner);
        ledger.post(referrerWallet, member.referredBy, List.of(new LedgerService.Entry(EntryKind.BONUS, program.referral().bonus(),
                activatesAt, partner.id, SOURCE_PURCHASE, purchaseId, "referral")));
    }

    @Transactional
    public Posted refund(Partner partner, String receiptId, RefundRequest r) {
        List<Long> amounts = r.lines().stream().map(l -> Money.parse(l.amount())).toList();
        String fingerprint = refundFingerprint(receiptId, r, amounts);
        Purchase purchase = Purchase.<Purchase>find("partnerId = ?1 and receiptId = ?2", partner.id, receiptId).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("purchase.not-found", receiptId));
        Optional<Posted> replay = refundReplayOf(partner, r.refundId(), fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        // refunds of one purchase queue up here, so each sees what the previous one took back
        em.createNativeQuery("select id from purchase where id = :id for update").setParameter("id", purchase.id).getResultList();
        replay = refundReplayOf(partner, r.refundId(), fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        List<StoredLine> lines = linesOf(purchase.id);
        List<ProgramEngine.Line> before = lines.stream().map(StoredLine::remaining).toList();
        long[] refunded = lines.stream().mapToLong(StoredLine::refunded).toArray();
        List<Problem.FieldError> errors = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            long left = allocate(lines, refunded, r.lines().get(i).sku(), amounts.get(i));
            if (left > 0) {
                errors.add(new Problem.FieldError("lines[" + i + "]", null));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(422, "refund.exceeds", errors, receiptId);
        }
        List<ProgramEngine.Line> after = new ArrayList<>();
        boolean anythingLeft = false;
        for (int i = 0; i < lines.size(); i++) {
            StoredLine l = lines.get(i);
            after.add(new ProgramEngine.Line(l.category(), l.promo(), l.amount() - refunded[i]));
            anythingLeft |= l.amount() - refunded[i] > 0;
        }
        ProgramDefinition program = partners.definitionOf(ProgramVersion.findById(purchase.programVersionId));
        boolean usedCard = purchase.giftCardBonus > 0;
        long pointsBefore = ProgramEngine.evaluate(program, before, purchase.giftCardPaid, usedCard, purchase.multiplier).points();
        // the gift-card bonus goes back only with the whole receipt
        long pointsAfter = ProgramEngine.evaluate(program, after, purchase.giftCardPaid, usedCard && anythingLeft, purchase.multiplier).points();
        long reversed = Math.max(0, pointsBefore - pointsAfter);
        long amount = amounts.stream().mapToLong(Long::longValue).sum();

        for (int i = 0; i < lines.size(); i++) {
            if (refunded[i] != lines.get(i).refunded()) {
                em.createNativeQuery("update purchase_line set refunded = :r where purchase_id = :p and line_no = :n")
                        .setParameter("r", refunded[i]).setParameter("p", purchase.id).setParameter("n", lines.get(i).lineNo())
                        .executeUpdate();
            }
        }
        String response = write(new RefundAnswer(r.refundId(), receiptId, reversed, Money.format(amount)));
        Instant now = clock.instant();
        Number refundRowId = (Number) em.createNativeQuery("insert into refund (partner_id, refund_id, purchase_id, fingerprint,"
                        + " amount, points_reversed, response, created_at) values (:pa, :rid, :pu, :f, :a, :pr, cast(:resp as jsonb), :now)"
                        + " returning id")
                .setParameter("pa", partner.id).setParameter("rid", r.refundId()).setParameter("pu", purchase.id)
                .setParameter("f", fingerprint).setParameter("a", amount).setParameter("pr", reversed)
                .setParameter("resp", response).setParameter("now", now).getSingleResult();
        // points still pending are taken back from pending; once active, from the active balance (a wallet may go into debt)
        Instant reversalAt = purchase.activatesAt.isAfter(now) ? purchase.activatesAt : now;
        ledger.post(purchase.walletId, purchase.memberId, List.of(new LedgerService.Entry(EntryKind.REVERSAL, -reversed,
                reversalAt, partner.id, SOURCE_REFUND, refundRowId.longValue(), r.refundId())));
        return new Posted(response, false);
    }

    /** Takes {@code amount} off the not yet refunded part of the lines with this sku; returns what did not fit. */
    private static long allocate(List<StoredLine> lines, long[] refunded, String sku, long amount) {
        long left = amount;
        for (int i = 0; i < lines.size() && left > 0; i++) {
            if (lines.get(i).sku().equals(sku)) {
                long room = lines.get(i).amount() - refunded[i];
                long take = Math.min(room, left);
                refunded[i] += take;
                left -= take;
            }
        }
        return left;
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

    private void checkTime(Instant occurredAt) {
        Instant now = clock.instant();
        if (occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            throw ProblemException.invalid("purchase.in-future", List.of(new Problem.FieldError("occurredAt", null)));
        }
        if (occurredAt.isBefore(now.minus(MAX_BACKDATING))) {
            throw ProblemException.invalid("purchase.too-old", List.of(new Problem.FieldError("occurredAt", null)));
        }
    }

    /** Gift-card payments need a code and may not exceed the receipt; returns the kopecks paid by gift cards. */
    private static long checkPayments(PurchaseRequest r, long total) {
        long byCards = 0;
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < r.paymentsOrEmpty().size(); i++) {
            PurchaseRequest.Payment p = r.paymentsOrEmpty().get(i);
            if (p.isGiftCard()) {
                if (p.giftCardCode() == null || p.giftCardCode().isBlank()) {
                    errors.add(new Problem.FieldError("payments[" + i + "].giftCardCode", null));
                } else if (codes.contains(p.giftCardCode())) {
                    errors.add(new Problem.FieldError("payments[" + i + "].giftCardCode", null));
                }
                codes.add(p.giftCardCode());
                byCards += Money.parse(p.amount());
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("purchase.gift-card-code", errors);
        }
        if (byCards > total) {
            throw ProblemException.invalid("purchase.gift-card-exceeds", List.of(new Problem.FieldError("payments", null)));
        }
        return byCards;
    }

    private Optional<Posted> replayOf(Partner partner, String receiptId, String fingerprint) {
        return byReceipt(partner.id, receiptId).map(p -> {
            if (!p.fingerprint.equals(fingerprint)) {
                throw ProblemException.conflict("purchase.receipt-conflict", receiptId);
            }
            return new Posted(p.response, true);
        });
    }

    private Optional<Posted> refundReplayOf(Partner partner, String refundId, String fingerprint) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select fingerprint, cast(response as text) from refund where partner_id = :p and refund_id = :r")
                .setParameter("p", partner.id).setParameter("r", refundId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        if (!rows.get(0)[0].equals(fingerprint)) {
            throw ProblemException.conflict("refund.conflict", refundId);
        }
        return Optional.of(new Posted((String) rows.get(0)[1], true));
    }

    private Long insertPurchase(UUID publicId, long partnerId, String receiptId, long memberId, long walletId, long versionId,
                                Instant occurredAt, String fingerprint, long total, long giftCardPaid, long giftCardBonus,
                                BigDecimal multiplier, long points, Instant activatesAt, String response, Instant now) {
        List<?> ids = em.createNativeQuery("insert into purchase (public_id, partner_id, receipt_id, member_id, wallet_id,"
                        + " program_version_id, occurred_at, fingerprint, total, gift_card_paid, gift_card_bonus, multiplier, points,"
                        + " activates_at, response, created_at) values (:pub, :pa, :r, :m, :w, :v, :o, :f, :t, :gp, :gb, :mu, :pts,"
                        + " :act, cast(:resp as jsonb), :now) on conflict on constraint purchase_receipt_unique do nothing returning id")
                .setParameter("pub", publicId).setParameter("pa", partnerId).setParameter("r", receiptId)
                .setParameter("m", memberId).setParameter("w", walletId).setParameter("v", versionId)
                .setParameter("o", occurredAt).setParameter("f", fingerprint).setParameter("t", total)
                .setParameter("gp", giftCardPaid).setParameter("gb", giftCardBonus).setParameter("mu", multiplier)
                .setParameter("pts", points).setParameter("act", activatesAt).setParameter("resp", response)
                .setParameter("now", now).getResultList();
        return ids.isEmpty() ? null : ((Number) ids.get(0)).longValue();
    }

    private void insertLines(long purchaseId, List<PurchaseRequest.Line> lines, List<Long> amounts) {
        StringBuilder sql = new StringBuilder("insert into purchase_line (purchase_id, line_no, sku, name, category, promo, amount) values ");
        for (int i = 0; i < lines.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:p, ").append(i).append(", :s").append(i).append(", :n").append(i)
                    .append(", :c").append(i).append(", :pr").append(i).append(", :a").append(i).append(")");
        }
        NativeQuery<?> q = em.createNativeQuery(sql.toString()).unwrap(NativeQuery.class);
        q.setParameter("p", purchaseId);
        for (int i = 0; i < lines.size(); i++) {
            PurchaseRequest.Line l = lines.get(i);
            q.setParameter("s" + i, l.sku()).setParameter("n" + i, l.name(), String.class)
                    .setParameter("c" + i, l.category(), String.class).setParameter("pr" + i, l.isPromo())
                    .setParameter("a" + i, amounts.get(i));
        }
        q.executeUpdate();
    }

    private String write(Object answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The receipt in a normal form: amounts as kopecks, the member as resolved, the time as an instant. */
    static String fingerprint(PurchaseRequest r, Member member) {
        StringBuilder s = new StringBuilder().append(r.receiptId()).append('|').append(r.occurredAt().toInstant())
                .append('|').append(member.id);
        for (PurchaseRequest.Line l : r.lines()) {
            s.append("|L:").append(l.sku()).append(';').append(l.name()).append(';').append(Money.parse(l.amount()))
                    .append(';').append(l.category()).append(';').append(l.isPromo());
        }
        for (PurchaseRequest.Payment p : r.paymentsOrEmpty()) {
            s.append("|P:").append(p.method()).append(';').append(Money.parse(p.amount())).append(';').append(p.giftCardCode());
        }
        return Hashes.sha256(s.toString());
    }

    static String refundFingerprint(String receiptId, RefundRequest r, List<Long> amounts) {
        StringBuilder s = new StringBuilder(receiptId).append('|').append(r.refundId());
        for (int i = 0; i < r.lines().size(); i++) {
            s.append("|L:").append(r.lines().get(i).sku()).append(';').append(amounts.get(i));
        }
        return Hashes.sha256(s.toString());
    }

}
