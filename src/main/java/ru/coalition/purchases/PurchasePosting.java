package ru.coalition.purchases;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import ru.coalition.bonuses.BonusService;
import ru.coalition.giftcards.GiftCardService;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerCache;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Hashes;
import ru.coalition.platform.Idempotency;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.programs.Money;
import ru.coalition.programs.ProgramEngine;
import ru.coalition.tiers.TierService;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Posts receipts in one transaction: accrued once per (partner, receiptId), each evaluated under the program version in
 * force when it happened. The common receipt costs two statements plus the commit ({@link PurchaseStatements}); gift
 * cards, a member's first wallet, referrals and tiers add theirs only when a receipt has them.
 */
@ApplicationScoped
@Transactional
public class PurchasePosting {

    @Inject
    ru.coalition.webhooks.WebhookEvents webhooks;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    ObjectMapper json;

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

    /** A receipt that passed every check, ready to write, with what follows its write. */
    private record Plan(int index, PurchaseStatements.Row row, PurchaseService.PurchaseAnswer answer, ProgramDefinition program,
                        long memberId, Long referredBy, boolean earns, boolean welcome, boolean referral,
                        List<GiftCardService.Payable> cards) {
    }

    /**
     * Per receipt, in order: an answer or a problem. A problem of one receipt never stops the others.
     *
     * <p>At a program with tiers a purchase moves its member up at once, and the member's next receipt earns with the new
     * multiplier. So a member's second receipt in a batch waits for a second round (read, write, tiers) after the first
     * one's; at other programs the whole batch is one round.
     */
    public List<PurchaseService.Outcome> postAll(Partner partner, List<PurchaseRequest> all) {
        Instant now = clock.instant();
        PurchaseService.Outcome[] outcomes = new PurchaseService.Outcome[all.size()];
        List<Integer> todo = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            todo.add(i);
        }
        while (!todo.isEmpty()) {
            List<PurchaseRequest> receipts = todo.stream().map(all::get).toList();
            List<Integer> deferred = new ArrayList<>();
            PurchaseService.Outcome[] round = round(partner, receipts, now, deferred);
            for (int k = 0; k < receipts.size(); k++) {
                if (round[k] != null) {
                    outcomes[todo.get(k)] = round[k];
                }
            }
            todo = deferred.stream().map(todo::get).toList();
        }
        return List.of(outcomes);
    }

    /** One round: its receipts' outcomes by position; those left for the next round are null and listed in deferred. */
    private PurchaseService.Outcome[] round(Partner partner, List<PurchaseRequest> receipts, Instant now, List<Integer> deferred) {
        PurchaseService.Outcome[] outcomes = new PurchaseService.Outcome[receipts.size()];
        Set<Long> tiered = new HashSet<>();
        PurchaseStatements.Found found = sql(c -> PurchaseStatements.read(c, partner.id, partner.walletPartnerId(),
                receipts.stream().map(r -> new PurchaseStatements.Lookup(r.member() == null ? null : r.member().cardNumber(),
                        r.member() == null ? null : r.member().phone(), r.member() == null ? null : r.member().memberId(),
                        r.receiptId())).toList()));
        List<Plan> plans = new ArrayList<>();
        Map<String, Integer> firstOfReceipt = new HashMap<>();
        Map<String, String> fingerprints = new HashMap<>();
        Set<Long> welcomed = new HashSet<>();
        Set<Long> referred = new HashSet<>();
        PurchaseStatements.Match[] members = new PurchaseStatements.Match[receipts.size()];
        for (int i = 0; i < receipts.size(); i++) {
            try {
                members[i] = resolve(receipts.get(i).member(), found.matches().get(i));
            } catch (ProblemException e) {
                outcomes[i] = new PurchaseService.Outcome(null, e);
            }
        }
        for (int i = 0; i < receipts.size(); i++) {
            PurchaseRequest r = receipts.get(i);
            PurchaseStatements.Match member = members[i];
            if (member == null) {
                continue;
            }
            try {
                String fingerprint = PurchaseService.fingerprint(r, member.memberId());
                // a receipt id used before, in an earlier post or earlier in this batch: the first answer, or a conflict
                PurchaseStatements.Stored stored = found.stored().get(i);
                if (stored != null) {
                    outcomes[i] = replayOf(stored.fingerprint(), stored.response(), fingerprint, r.receiptId());
                    continue;
                }
                if (firstOfReceipt.containsKey(r.receiptId())) {
                    fingerprints.put(r.receiptId() + "#" + i, fingerprint);
                    continue; // answered after the first is written
                }
                Optional<PartnerCache.Program> version = partners.programAt(partner, r.occurredAt().toInstant());
                boolean tiers = version.map(v -> v.definition().tiers() != null).orElse(false);
                if (tiers && !tiered.add(member.memberId())) {
                    deferred.add(i);
                    continue; // earns with the level this round's receipt of the member leads to
                }
                // a member's first wallet at this scope is made below, once the receipt passed every check
                long wallet = member.walletId() != null ? member.walletId() : NO_WALLET_YET;
                plans.add(plan(partner, i, r, member, version, wallet, fingerprint, now, welcomed, referred));
                // a receipt refused above is not stored, so a later one under its id is taken on its own
                firstOfReceipt.put(r.receiptId(), i);
                fingerprints.put(r.receiptId(), fingerprint);
            } catch (ProblemException e) {
                boolean paysWithCards = r.paymentsOrEmpty().stream().anyMatch(PurchaseRequest.Payment::isGiftCard);
                // a parallel post of this very receipt may have used its gift cards a moment ago: then its answer
                outcomes[i] = (paysWithCards ? storedAnswer(partner, r.receiptId(), PurchaseService.fingerprint(r, member.memberId()))
                        : Optional.<PurchaseService.Outcome>empty()).orElse(new PurchaseService.Outcome(null, e));
            }
        }
        plans = withFirstWallets(partner, plans);
        Map<String, Long> written = write(partner, plans, now);
        for (Plan plan : plans) {
            Long id = written.get(plan.row().receiptId());
            if (id == null) {
                // a parallel post of this very receipt was stored first: its answer, or a conflict
                outcomes[plan.index()] = storedAnswer(partner, plan.row().receiptId(), plan.row().fingerprint()).orElseThrow();
                continue;
            }
            follow(partner, plan, id);
            if (webhooks.wanted(partner.id, ru.coalition.webhooks.WebhookTypes.PURCHASE_ACCRUED)) {
                webhooks.emit(partner.id, ru.coalition.webhooks.WebhookTypes.PURCHASE_ACCRUED, plan.memberId(), accrued(plan));
            }
            outcomes[plan.index()] = new PurchaseService.Outcome(new Idempotency.Answer(plan.row().response(), false), null);
        }
        // repeats of a receipt id inside this round: the first one's answer, or a conflict
        for (int i = 0; i < receipts.size(); i++) {
            if (outcomes[i] == null && !deferred.contains(i)) {
                String receiptId = receipts.get(i).receiptId();
                PurchaseService.Outcome first = outcomes[firstOfReceipt.get(receiptId)];
                if (first.answer() == null) {
                    outcomes[i] = first;
                } else if (fingerprints.get(receiptId + "#" + i).equals(fingerprints.get(receiptId))) {
                    outcomes[i] = answer(new Idempotency.Answer(first.answer().json(), true));
                } else {
                    outcomes[i] = new PurchaseService.Outcome(null, new ProblemException(ErrorCode.PURCHASE_RECEIPT_CONFLICT, receiptId));
                }
            }
        }
        return outcomes;
    }

    private static final long NO_WALLET_YET = -1;

    /** What a partner's system hears of a receipt posted (docs/webhooks.md "purchase.accrued"). */
    private static Map<String, Object> accrued(Plan plan) {
        Map<String, Object> data = new java.util.LinkedHashMap<>();
        data.put("purchaseId", plan.answer().purchaseId().toString());
        data.put("receiptId", plan.row().receiptId());
        data.put("amount", ru.coalition.programs.Money.format(plan.row().total()));
        data.put("occurredAt", plan.row().occurredAt().toString());
        data.put("wallet", plan.answer().wallet());
        data.put("points", plan.answer().points());
        data.put("status", plan.answer().status());
        data.put("activatesAt", plan.answer().activatesAt());
        return data;
    }

    /** The wallets the batch's new members need at this scope, all created in two statements. */
    private List<Plan> withFirstWallets(Partner partner, List<Plan> plans) {
        Set<Long> walletless = new HashSet<>();
        plans.stream().filter(p -> p.row().walletId() == NO_WALLET_YET).forEach(p -> walletless.add(p.memberId()));
        if (walletless.isEmpty()) {
            return plans;
        }
        Map<Long, Long> created = ledger.walletIds(walletless, partner.walletPartnerId());
        return plans.stream().map(p -> p.row().walletId() != NO_WALLET_YET ? p
                : new Plan(p.index(), p.row().withWallet(created.get(p.memberId())), p.answer(), p.program(), p.memberId(),
                        p.referredBy(), p.earns(), p.welcome(), p.referral(), p.cards())).toList();
    }

    private static PurchaseService.Outcome answer(Idempotency.Answer a) {
        return new PurchaseService.Outcome(a, null);
    }

    /** The answer to a receipt id stored meanwhile by another transaction, if one was. */
    private Optional<PurchaseService.Outcome> storedAnswer(Partner partner, String receiptId, String fingerprint) {
        return Purchase.<Purchase>find("partnerId = ?1 and receiptId = ?2", partner.id, receiptId).firstResultOptional()
                .map(p -> replayOf(p.fingerprint, p.response, fingerprint, receiptId));
    }

    /** A receipt id used before: the first answer when the bodies agree, a conflict when they do not. */
    private static PurchaseService.Outcome replayOf(String storedFingerprint, String storedResponse, String fingerprint,
                                                    String receiptId) {
        try {
            return answer(Idempotency.replay(Optional.of(new Idempotency.Stored(storedFingerprint, storedResponse)), fingerprint,
                    ErrorCode.PURCHASE_RECEIPT_CONFLICT, receiptId).orElseThrow());
        } catch (ProblemException e) {
            return new PurchaseService.Outcome(null, e);
        }
    }

    /**
     * The member the till named. Several identifiers must all name the same member (422 otherwise): a card and a
     * phone that disagree are a mistake at the till, not a choice between them.
     */
    private static PurchaseStatements.Match resolve(ru.coalition.members.MemberService.MemberRef ref,
                                                    List<PurchaseStatements.Match> matches) {
        if (ref == null) {
            throw new ProblemException(ErrorCode.MEMBER_NOT_FOUND);
        }
        List<PurchaseStatements.Match> named = new ArrayList<>();
        if (ref.cardNumber() != null) {
            named.add(matches.stream().filter(PurchaseStatements.Match::byCard).findFirst().orElse(null));
        }
        if (ref.phone() != null) {
            named.add(matches.stream().filter(PurchaseStatements.Match::byPhone).findFirst().orElse(null));
        }
        if (ref.memberId() != null) {
            named.add(matches.stream().filter(PurchaseStatements.Match::byId).findFirst().orElse(null));
        }
        if (named.stream().map(m -> m == null ? null : m.memberId()).distinct().count() > 1) {
            throw new ProblemException(ErrorCode.MEMBER_REF_MISMATCH, List.of(new Problem.FieldError("member", null)));
        }
        if (named.isEmpty() || named.get(0) == null) {
            throw new ProblemException(ErrorCode.MEMBER_NOT_FOUND);
        }
        return named.get(0);
    }

    private Plan plan(Partner partner, int index, PurchaseRequest r, PurchaseStatements.Match member,
                      Optional<PartnerCache.Program> inForce, long walletId, String fingerprint, Instant now, Set<Long> welcomed,
                      Set<Long> referred) {
        Instant occurredAt = r.occurredAt().toInstant();
        List<Long> amounts = r.lines().stream().map(l -> Money.parse(l.amount())).toList();
        long total = amounts.stream().mapToLong(Long::longValue).sum();
        long giftCardPaid = checkPayments(r, total);
        checkTime(occurredAt, now);
        PartnerCache.Program version = inForce.orElseThrow(() -> new ProblemException(ErrorCode.PURCHASE_NO_PROGRAM, partner.name));
        ProgramDefinition program = version.definition();
        ProgramDefinition.Limits limits = program.limitsOrDefault();
        if (total > Money.of(limits.maxReceiptAmount())) {
            throw new ProblemException(ErrorCode.PURCHASE_OVER_AMOUNT_LIMIT, List.of(new Problem.FieldError("lines", null)),
                    Money.format(total), limits.maxReceiptAmount().toPlainString());
        }
        List<GiftCardService.Payable> cards = lockCards(partner, r);
        BigDecimal multiplier = TierService.multiplierOf(program, member.tierCode());
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
        boolean welcome = earns && program.welcome() != null && !member.welcomeTaken() && welcomed.add(member.memberId());
        boolean referral = earns && program.referral() != null && member.referredBy() != null && !member.referralTaken()
                && referred.add(member.memberId());
        long welcomeBonus = welcome ? program.welcome().bonus() : 0;

        UUID publicId = UUID.randomUUID();
        PurchaseService.PurchaseAnswer answer = new PurchaseService.PurchaseAnswer(publicId, r.receiptId(), partner.walletName(),
                eval.points() + welcomeBonus, activatesAt.isAfter(now) ? "PENDING" : "ACTIVE",
                activatesAt.atZone(zone).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                new PurchaseService.Breakdown(eval.accrual(), eval.giftCardBonus(), welcomeBonus));
        List<PurchaseStatements.LineRow> lineRows = new ArrayList<>();
        for (int i = 0; i < r.lines().size(); i++) {
            PurchaseRequest.Line l = r.lines().get(i);
            lineRows.add(new PurchaseStatements.LineRow(i, l.sku(), l.name(), l.category(), l.isPromo(), amounts.get(i)));
        }
        List<PurchaseStatements.EntryRow> entries = new ArrayList<>();
        // the lapse follows the version the receipt is evaluated under, computed here so the write stays one statement
        Instant expiresAt = program.expiresAt(activatesAt, zone);
        addEntry(entries, EntryKind.ACCRUAL, eval.accrual(), activatesAt, r.receiptId(), expiresAt);
        addEntry(entries, EntryKind.BONUS, eval.giftCardBonus(), activatesAt, PurchaseService.GIFT_CARD_USE, expiresAt);
        addEntry(entries, EntryKind.BONUS, welcomeBonus, activatesAt, "welcome", expiresAt);
        PurchaseStatements.Row row = new PurchaseStatements.Row(publicId, r.receiptId(), member.memberId(), walletId, version.versionId(),
                occurredAt, fingerprint, total, giftCardPaid, eval.giftCardBonus(), multiplier, eval.points(), activatesAt,
                Idempotency.write(json, answer), lineRows, entries, welcome);
        return new Plan(index, row, answer, program, member.memberId(), member.referredBy(), earns, welcome, referral, cards);
    }

    private static void addEntry(List<PurchaseStatements.EntryRow> entries, EntryKind kind, long amount, Instant at, String note,
                                 Instant expiresAt) {
        if (amount != 0) {
            entries.add(new PurchaseStatements.EntryRow(kind.name(), amount, at, note, expiresAt));
        }
    }

    /** The gift cards a receipt pays with, locked in one order (by code) so two receipts cannot deadlock on them. */
    private List<GiftCardService.Payable> lockCards(Partner partner, PurchaseRequest r) {
        List<GiftCardService.Payable> cards = new ArrayList<>();
        List<PurchaseRequest.Payment> cardPayments = r.paymentsOrEmpty().stream().filter(PurchaseRequest.Payment::isGiftCard)
                .sorted(Comparator.comparing(p -> GiftCardService.normalize(p.giftCardCode()))).toList();
        for (PurchaseRequest.Payment p : cardPayments) {
            GiftCardService.Payable card = giftCards.lockForPayment(partner.id, p.giftCardCode(), Money.parse(p.amount()))
                    .orElseThrow(() -> new ProblemException(ErrorCode.GIFTCARD_UNKNOWN, List.of(new Problem.FieldError(
                            "payments[" + r.paymentsOrEmpty().indexOf(p) + "].giftCardCode", null)), p.giftCardCode()));
            cards.add(card);
        }
        return cards;
    }

    private Map<String, Long> write(Partner partner, List<Plan> plans, Instant now) {
        if (plans.isEmpty()) {
            return Map.of();
        }
        // the referrers' wallets too: every wallet this transaction will move, locked in one order up front
        Set<Long> referrers = new HashSet<>();
        plans.stream().filter(Plan::referral).forEach(p -> referrers.add(p.referredBy()));
        Set<Long> moved = new java.util.TreeSet<>();
        plans.forEach(p -> moved.add(p.row().walletId()));
        if (!referrers.isEmpty()) {
            moved.addAll(ledger.walletIds(referrers, partner.walletPartnerId()).values());
        }
        List<Long> wallets = List.copyOf(moved);
        PurchaseStatements.Written written = sql(c -> {
            if (wallets.size() > 1) {
                PurchaseStatements.lockWallets(c, wallets);
            }
            return PurchaseStatements.write(c, partner.id, now, plans.stream().map(Plan::row).toList());
        });
        long welcomesWritten = plans.stream().filter(p -> p.welcome() && written.purchaseIds().containsKey(p.row().receiptId())).count();
        if (written.welcomeGrants() != welcomesWritten) {
            // another transaction paid this member's welcome bonus a moment ago: our answers promised it, so start over
            throw new PurchaseService.WelcomeRace();
        }
        return written.purchaseIds();
    }

    /** What follows a written receipt only when it has it: gift cards, a referral, the tier. */
    private void follow(Partner partner, Plan plan, long purchaseId) {
        for (GiftCardService.Payable card : plan.cards()) {
            giftCards.markRedeemed(card.id(), purchaseId);
        }
        Instant activatesAt = plan.row().activatesAt();
        if (plan.referral() && bonuses.grantOnce(partner.id, plan.memberId(), BonusService.REFERRAL, "")) {
            long referrerWallet = ledger.walletId(plan.referredBy(), partner.walletPartnerId());
            ledger.post(referrerWallet, plan.referredBy(), List.of(new LedgerService.Entry(EntryKind.BONUS,
                    plan.program().referral().bonus(), activatesAt, partner.id, LedgerService.SOURCE_PURCHASE, purchaseId, "referral",
                    plan.program().expiresAt(activatesAt, ZoneId.of(partner.timeZone)))));
        }
        if (plan.program().tiers() != null) {
            // the write moved the wallet's total (so holds its row lock) when the receipt had entries
            tiers.recalculate(partner, plan.memberId(), plan.program(),
                    plan.earns() ? new TierService.Trigger(purchaseId, activatesAt) : null,
                    plan.row().entries().isEmpty() ? null : plan.row().walletId());
        }
    }

    private void checkTime(Instant occurredAt, Instant now) {
        if (occurredAt.isAfter(now.plus(PurchaseService.CLOCK_SKEW))) {
            throw new ProblemException(ErrorCode.PURCHASE_IN_FUTURE, List.of(new Problem.FieldError("occurredAt", null)));
        }
        if (occurredAt.isBefore(now.minus(PurchaseService.MAX_BACKDATING))) {
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
        Set<String> codes = new LinkedHashSet<>();
        for (int i = 0; i < r.paymentsOrEmpty().size(); i++) {
            PurchaseRequest.Payment p = r.paymentsOrEmpty().get(i);
            paid += Money.parse(p.amount());
            if (p.isGiftCard()) {
                String code = GiftCardService.normalize(p.giftCardCode());
                if (code.isEmpty() || !codes.add(code)) {
                    errors.add(new Problem.FieldError("payments[" + i + "].giftCardCode", null));
                }
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

    private interface Work<T> {
        T run(java.sql.Connection c) throws SQLException;
    }

    /** JDBC on the transaction's own connection (the one Hibernate uses), for the array-bound statements. */
    private <T> T sql(Work<T> work) {
        return em.unwrap(Session.class).doReturningWork(work::run);
    }
}
