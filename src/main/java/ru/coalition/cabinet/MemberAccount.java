package ru.coalition.cabinet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.catalog.CatalogOrders;
import ru.coalition.catalog.Vouchers;
import ru.coalition.expiry.ExpiryService;
import ru.coalition.giftcards.GiftCard;
import ru.coalition.giftcards.GiftCardService;
import ru.coalition.support.Casework;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.partners.WalletScope;
import ru.coalition.platform.CatalogMsg;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.Messages;
import ru.coalition.platform.Msg;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.programs.Money;
import ru.coalition.purchases.AccrualExplanations;
import ru.coalition.rewards.Offer;
import ru.coalition.rewards.OfferService;
import ru.coalition.tiers.TierService;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The member's own view of their points, offers and gift cards: the cabinet and the app read the same figures. */
@ApplicationScoped
public class MemberAccount {

    public static final String COALITION = WalletScope.COALITION_WALLET;

    @Schema(name = "NextActivation")
    public record NextActivation(long points, OffsetDateTime at) {
    }

    /**
     * The points of the wallet that lapse first, and the moment they do: by date, or, under an inactivity rule, if the
     * member does not accrue at that program again before then.
     */
    @Schema(name = "NextExpiry")
    public record NextExpiry(long points, OffsetDateTime at) {
    }

    /** The member's level in a partner's tiered program, with what it gives and what the next one needs. */
    @Schema(name = "MemberTier")
    public record Tier(String code, String name, java.math.BigDecimal multiplier, List<String> privileges, String spend,
                       String nextName, String nextMinSpend) {
    }

    public record Wallet(String wallet, String name, long active, long pending, NextActivation nextActivation, Tier tier,
                         NextExpiry nextExpiry) {
        /** Share of the bar drawn as spendable (debt draws nothing). */
        public long barActive() {
            return Math.max(active, 0);
        }

        public long barPending() {
            return Math.max(pending, 0);
        }

        public boolean hasPoints() {
            return barActive() + barPending() > 0;
        }
    }

    /**
     * reference: what the entry refers to, for programs (a receipt id, a bonus code such as "referral"; an adjustment's
     * internal reason never); description: the same in the member's words, for pages («чек 123», «за приглашённого друга»).
     */
    public record HistoryItem(long id, String wallet, String partner, String kind, long points, OffsetDateTime at,
                              OffsetDateTime activatesAt, boolean pending, String reference, String description,
                              @Schema(description = "Whether GET /api/v1/me/history/{entryId} explains it by its receipt") boolean explained) {
    }

    /**
     * One entry of the history, opened: the entry as the history lists it and, when a receipt earned it (an accrual,
     * its bonuses) or a refund took it back, that receipt's accrual in its parts.
     */
    @Schema(name = "HistoryEntryExplained")
    public record EntryExplained(HistoryItem entry,
                                 @Schema(nullable = true,
                                         description = "The receipt behind the entry; null for entries no receipt made (scratch cards, rewards, birthday …)")
                                 AccrualExplanations.Explanation purchase) {
    }

    public record History(int page, int size, long total, List<HistoryItem> items) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }

        public boolean hasNext() {
            // long: a page number near Integer.MAX_VALUE must not wrap around
            return (long) page + 1 < pages();
        }

        public int next() {
            return page + 1;
        }

        public int previous() {
            return Math.max(0, page - 1);
        }
    }

    public record OfferItem(UUID offerId, String partner, String status, long cost, String nominal,
                            OffsetDateTime noticedAt, OffsetDateTime expiresAt) {
    }

    public record GiftCardItem(String code, String partner, String nominal, String status, OffsetDateTime issuedAt,
                               OffsetDateTime redeemedAt) {
    }

    @Inject
    CoalitionConfig config;

    @Inject
    LedgerService ledger;

    @Inject
    PartnerService partners;

    @Inject
    OfferService offers;

    @Inject
    GiftCardService giftCards;

    @Inject
    Clock clock;

    @Inject
    TierService tiers;

    @Inject
    ExpiryService expiry;

    @Inject
    RequestLocale requestLocale;

    @Inject
    AccrualExplanations explanations;

    public List<Wallet> wallets(Member m) {
        Map<Long, Partner> byId = partnersById();
        return ledger.walletsOf(m.id).stream().map(w -> {
            Partner p = w.partnerId() == null ? null : byId.get(w.partnerId());
            LedgerService.NextActivation n = w.balance().nextActivation();
            // a wallet not created yet (the coalition one listed while empty) has nothing to lapse
            ExpiryService.NextExpiry x = w.walletId() == 0 ? null : expiry.nextExpiry(w.walletId());
            return new Wallet(p == null ? COALITION : p.slug, p == null ? null : p.name, w.balance().active(), w.balance().pending(),
                    n == null ? null : new NextActivation(n.points(), at(n.at(), p)), p == null ? null : tierAt(p, m),
                    x == null ? null : new NextExpiry(x.points(), at(x.at(), p)));
        }).toList();
    }

    public History history(Member m, int page, int size) {
        Map<Long, Partner> byId = partnersById();
        Instant now = clock.instant();
        int limit = Math.max(1, Math.min(size, LedgerService.HISTORY_PAGE_LIMIT));
        List<HistoryItem> items = ledger.history(m.id, page, limit).stream().map(e -> item(e, byId, now)).toList();
        return new History(Math.max(0, page), limit, ledger.historyCount(m.id), items);
    }

    /** One entry of the member's, with the receipt behind it explained; another member's entry is not found (404). */
    public EntryExplained entry(Member m, long entryId) {
        LedgerService.HistoryItem e = ledger.entry(m.id, entryId).orElseThrow(() -> new ProblemException(ErrorCode.HISTORY_ENTRY_NOT_FOUND));
        Optional<Long> purchase = e.sourceId() == null || !explained(e) ? Optional.empty()
                : LedgerService.SOURCE_PURCHASE.equals(e.sourceType()) ? Optional.of(e.sourceId())
                : LedgerService.SOURCE_REFUND.equals(e.sourceType()) ? explanations.purchaseOfRefund(e.sourceId())
                : Optional.empty();
        return new EntryExplained(item(e, partnersById(), clock.instant()),
                purchase.flatMap(id -> explanations.ofMemberPurchase(m.id, id)).orElse(null));
    }

    private HistoryItem item(LedgerService.HistoryItem e, Map<Long, Partner> byId, Instant now) {
        Partner wallet = e.walletPartnerId() == null ? null : byId.get(e.walletPartnerId());
        Partner origin = e.partnerId() == null ? null : byId.get(e.partnerId());
        return new HistoryItem(e.id(), wallet == null ? COALITION : wallet.slug, origin == null ? null : origin.name,
                e.kind().name(), e.amount(), at(e.createdAt(), origin), at(e.activatesAt(), origin),
                e.activatesAt().isAfter(now), publicReference(e), description(e), explained(e));
    }

    /**
     * Whether the entry can be opened for its receipt (the history links those): a receipt's own entries and their
     * reversals. Not a referral bonus: the receipt behind it is the invited friend's, not the member's to read.
     */
    static boolean explained(LedgerService.HistoryItem e) {
        return (LedgerService.SOURCE_PURCHASE.equals(e.sourceType()) || LedgerService.SOURCE_REFUND.equals(e.sourceType()))
                && !REFERRAL.equals(e.note());
    }

    private static final String REFERRAL = "referral";

    /** The notes of bonus entries (and of their reversals): a name, or name:detail (tier:gold, birthday:2026). */
    private static final java.util.Set<String> BONUS_NOTES = java.util.Set.of("welcome", "referral", "gift-card-use", "tier", "birthday");

    /**
     * An adjustment's note is the operator's internal reason (it may name a complaint, a fraud check, a colleague), so
     * it stays in the operator's console and audit log; everything else the entry refers to is the member's own.
     */
    private String publicReference(LedgerService.HistoryItem e) {
        if (e.kind() == EntryKind.ADJUSTMENT) {
            String ticket = ticketOf(e);
            return ticket != null ? ticket : requestLocale.messages().historyAdjustmentPublic();
        }
        return e.note();
    }

    /** An adjustment support made for the member's ticket names the ticket (its note starts with the number). */
    private static String ticketOf(LedgerService.HistoryItem e) {
        String note = e.note();
        if (!Casework.LEDGER_SOURCE.equals(e.sourceType()) || note == null || note.indexOf(':') < 0) {
            return null;
        }
        return note.substring(0, note.indexOf(':'));
    }

    /**
     * What the member reads beside an entry, in words: the receipt an accrual, a payment or a refund belongs to, the
     * kind of a bonus; a reward's note is the gift card, listed above, and an adjustment says only that it is one.
     */
    private String description(LedgerService.HistoryItem e) {
        Msg msg = requestLocale.messages();
        String note = e.note();
        if (e.kind() == EntryKind.ADJUSTMENT) {
            String ticket = ticketOf(e);
            return ticket != null ? Messages.support(requestLocale.get()).historyForTicket(ticket) : msg.historyAdjustmentPublic();
        }
        if (CatalogOrders.SOURCE.equals(e.sourceType()) && note != null) {
            // the debit's note is the voucher code; its return's note is the reason, then the code
            CatalogMsg catalog = Messages.catalog(requestLocale.get());
            return note.startsWith(Vouchers.EXPIRED_NOTE) ? catalog.historyVoucherReturned(note.substring(Vouchers.EXPIRED_NOTE.length()))
                    : catalog.historyVoucher(note);
        }
        if (note == null || note.isBlank() || e.kind() == EntryKind.REWARD || e.kind() == EntryKind.EXPIRY) {
            return null;
        }
        if (e.kind() == EntryKind.SCRATCH) {
            return msg.historyScratchCard(note);
        }
        String bonus = note.contains(":") ? note.substring(0, note.indexOf(':')) : note;
        if (BONUS_NOTES.contains(bonus)) {
            return msg.historyBonus(bonus);
        }
        return msg.historyReceipt(note);
    }

    public List<OfferItem> offers(Member m) {
        Map<Long, Partner> byId = partnersById();
        return offers.ofMember(m.id).stream().map((Offer o) -> {
            Partner p = byId.get(o.partnerId);
            return new OfferItem(o.publicId, p.name, o.status.name(), o.cost, Money.format(o.nominal), at(o.noticedAt, p),
                    at(o.expiresAt, p));
        }).toList();
    }

    public List<GiftCardItem> giftCards(Member m) {
        Map<Long, Partner> byId = partnersById();
        return giftCards.ofMember(m.id).stream().map((GiftCard g) -> {
            Partner p = byId.get(g.partnerId);
            return new GiftCardItem(g.code, p.name, Money.format(g.nominal), g.status.name(), at(g.issuedAt, p),
                    g.redeemedAt == null ? null : at(g.redeemedAt, p));
        }).toList();
    }

    private Tier tierAt(Partner p, Member m) {
        var program = partners.currentProgram(p).orElse(null);
        if (program == null || program.tiers() == null) {
            return null;
        }
        var held = tiers.current(p.id, m.id);
        var level = TierService.levelOf(program, held.map(TierService.MemberTier::code).orElse(null)).orElseThrow();
        List<ProgramDefinition.Tier> levels = program.tiers().levels();
        int i = levels.indexOf(level);
        ProgramDefinition.Tier next = i + 1 < levels.size() ? levels.get(i + 1) : null;
        return new Tier(level.code(), level.name(), level.multiplier(), level.privileges() == null ? List.of() : level.privileges(),
                Money.format(held.map(TierService.MemberTier::spend).orElse(0L)), next == null ? null : next.name(),
                next == null ? null : next.minSpend().toPlainString());
    }

    private Map<Long, Partner> partnersById() {
        Map<Long, Partner> byId = new HashMap<>();
        partners.list().forEach(p -> byId.put(p.id, p));
        return byId;
    }

    /** Times are shown in the partner's zone (the operator's for the coalition wallet). */
    private OffsetDateTime at(Instant i, Partner p) {
        return i.atZone(ZoneId.of(p == null ? config.operatorZone() : p.timeZone)).toOffsetDateTime();
    }
}
