package ru.coalition.purchases;

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
import ru.coalition.partners.PartnerScope;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.partners.ProgramVersion;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Hashes;
import ru.coalition.platform.Idempotency;
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
import java.util.Comparator;
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

    @Inject
    PartnerScope scope;

    @Transactional
    public Idempotency.Answer post(Partner partner, PurchaseRequest r) {
        scope.enter(partner);
        Instant occurredAt = r.occurredAt().toInstant();
        List<Long> amounts = r.lines().stream().map(l -> Money.parse(l.amount())).toList();
        long total = amounts.stream().mapToLong(Long::longValue).sum();
        Member member = members.resolve(r.member());
        String fingerprint = fingerprint(r, member);

        // a replay gets the first answer even after the back-dating window has passed
        Optional<Idempotency.Answer> replay = replayOf(partner, r.receiptId(), fingerprint);
        if (replay.isPresent()) {
            return replay.get();
        }
        // a different body under a used receipt id is a conflict (above) before it is anything else
        long giftCardPaid = checkPayments(r, total);
        checkTime(occurredAt);
        ProgramVersion version = partners.programAt(partner, occurredAt)
                .orElseThrow(() -> new ProblemException(ErrorCode.PURCHASE_NO_PROGRAM, partner.name));
        ProgramDefinition program = partners.definitionOf(version);
        ProgramDefinition.Limits limits = program.limitsOrDefault();
        if (total > Money.of(limits.maxReceiptAmount())) {
            throw new ProblemException(ErrorCode.PURCHASE_OVER_AMOUNT_LIMIT, List.of(new Problem.FieldError("lines", null)),
                    Money.format(total), limits.maxReceiptAmount().toPlainString());
        }

        List<GiftCardService.Payable> cards = new ArrayList<>();
        // one lock order for gift cards (by code), so two receipts paying with the same cards cannot deadlock
        List<PurchaseRequest.Payment> cardPayments = r.paymentsOrEmpty().stream().filter(PurchaseRequest.Payment::isGiftCard)
                .sorted(Comparator.comparing(p -> GiftCardService.normalize(p.giftCardCode()))).toList();
        for (PurchaseRequest.Payment p : cardPayments) {
            Optional<GiftCardService.Payable> card = giftCards.lockForPayment(partner.id, p.giftCardCode(), Money.parse(p.amount()));
            if (card.isEmpty()) {
                // a parallel replay of this very receipt may have used the card a moment ago
                replay = replayOf(partner, r.receiptId(), fingerprint);
                if (replay.isPresent()) {
                    return replay.get();
                }
                throw new ProblemException(ErrorCode.GIFTCARD_UNKNOWN, List.of(new Problem.FieldError(
                        "payments[" + r.paymentsOrEmpty().indexOf(p) + "].giftCardCode", null)), p.giftCardCode());
            }
            cards.add(card.get());
        }

        Long walletPartner = partner.walletPartnerId();
        long walletId = ledger.walletId(member.id, walletPartner);
        BigDecimal multiplier = tiers.multiplierFor(partner.id, member.id, program);
        List<ProgramEngine.Line> lines = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            PurchaseRequest.Line l = r.lines().get(i);
            lines.add(new ProgramEngine.Line(l.category(), l.isPromo(), amounts.get(i)));
        }
        ProgramEngine.Evaluation eval = ProgramEngine.evaluate(program, lines, giftCardPaid, !cards.isEmpty(), multiplier);
        if (eval.points() > limits.maxReceiptPoints()) {
            throw new ProblemException(ErrorCode.PURCHASE_OVER_POINTS_LIMIT, List.of(new Problem.FieldError("lines", null)),
                    eval.points(), limits.maxReceiptPoints());
        }
        ZoneId zone = ZoneId.of(partner.timeZone);
        Instant activatesAt = ProgramEngine.activatesAt(program, occurredAt, zone);
        // a receipt with nothing that earns points (only a gift card bought, only promo lines) triggers no bonus
        boolean earns = eval.eligible() > 0;

        UUID publicId = UUID.randomUUID();
        long welcome = earns && program.welcome() != null && bonuses.grantOnce(partner.id, member.id, BonusService.WELCOME, "")
                ? program.welcome().bonus() : 0;
        Instant now = clock.instant();
        PurchaseAnswer answer = new PurchaseAnswer(publicId, r.receiptId(), partner.walletName(),
                eval.points() + welcome, activatesAt.isAfter(now) ? "PENDING" : "ACTIVE",
                activatesAt.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                new Breakdown(eval.accrual(), eval.giftCardBonus(), welcome));
        String response = Idempotency.write(json, answer);

        Long purchaseId = insertPurchase(publicId, partner.id, r.receiptId(), member.id, walletId, version.id, occurredAt,
                fingerprint, total, giftCardPaid, eval.giftCardBonus(), multiplier, eval.points(), activatesAt, response, now);
        if (purchaseId == null) {
            // lost a race with a parallel post of the same receipt: roll back and answer with the winner's body
            Idempotency.Answer other = replayOf(partner, r.receiptId(), fingerprint).orElseThrow();
            throw new ReplayRace(other);
        }
        insertLines(purchaseId, r.lines(), amounts);
        for (GiftCardService.Payable card : cards) {
            giftCards.markRedeemed(card.id(), purchaseId);
        }
        ledger.post(walletId, member.id, List.of(
                new LedgerService.Entry(EntryKind.ACCRUAL, eval.accrual(), activatesAt, partner.id, SOURCE_PURCHASE, purchaseId, r.receiptId()),
                new LedgerService.Entry(EntryKind.BONUS, eval.giftCardBonus(), activatesAt, partner.id, SOURCE_PURCHASE, purchaseId, GIFT_CARD_USE),
                new LedgerService.Entry(EntryKind.BONUS, welcome, activatesAt, partner.id, SOURCE_PURCHASE, purchaseId, "welcome")));
        if (earns) {
            payReferral(partner, program, member, walletPartner, purchaseId, activatesAt);
        }
        if (program.tiers() != null) {
            tiers.recalculate(partner, member.id, program, earns ? new TierService.Trigger(purchaseId, activatesAt) : null);
        }
        return new Idempotency.Answer(response, false);
    }

    /** Thrown inside the transaction so it rolls back; the resource answers with the winner's replay. */
    public static final class ReplayRace extends RuntimeException {
        public final Idempotency.Answer winner;

        ReplayRace(Idempotency.Answer winner) {
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
            throw new ProblemException(ErrorCode.PURCHASE_IN_FUTURE, List.of(new Problem.FieldError("occurredAt", null)));
        }
        if (occurredAt.isBefore(now.minus(MAX_BACKDATING))) {
            throw new ProblemException(ErrorCode.PURCHASE_TOO_OLD, List.of(new Problem.FieldError("occurredAt", null)));
        }
    }

    /**
     * Gift-card payments need a code, each card once (codes compared as the card service reads them), and when
     * payments are given they add up to the receipt. Returns the kopecks paid by gift cards.
     */
    private static long checkPayments(PurchaseRequest r, long total) {
        long byCards = 0;
        long paid = 0;
        List<Problem.FieldError> errors = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < r.paymentsOrEmpty().size(); i++) {
            PurchaseRequest.Payment p = r.paymentsOrEmpty().get(i);
            paid += Money.parse(p.amount());
            if (p.isGiftCard()) {
                String code = GiftCardService.normalize(p.giftCardCode());
                if (code.isEmpty() || codes.contains(code)) {
                    errors.add(new Problem.FieldError("payments[" + i + "].giftCardCode", null));
                }
                codes.add(code);
                byCards += Money.parse(p.amount());
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.PURCHASE_GIFT_CARD_CODE, errors);
        }
        if (byCards > total) {
            throw new ProblemException(ErrorCode.PURCHASE_GIFT_CARD_EXCEEDS, List.of(new Problem.FieldError("payments", null)));
        }
        if (!r.paymentsOrEmpty().isEmpty() && paid != total) {
            throw new ProblemException(ErrorCode.PURCHASE_PAYMENTS_MISMATCH, List.of(new Problem.FieldError("payments", null)),
                    Money.format(paid), Money.format(total));
        }
        return byCards;
    }

    private Optional<Idempotency.Answer> replayOf(Partner partner, String receiptId, String fingerprint) {
        return Idempotency.replay(byReceipt(partner.id, receiptId).map(p -> new Idempotency.Stored(p.fingerprint, p.response)),
                fingerprint, ErrorCode.PURCHASE_RECEIPT_CONFLICT, receiptId);
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

    /** The receipt in a normal form: amounts as kopecks, the member as resolved, the time as an instant. */
    static String fingerprint(PurchaseRequest r, Member member) {
        StringBuilder s = new StringBuilder().append(r.receiptId()).append('|').append(r.occurredAt().toInstant())
                .append('|').append(member.id);
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
