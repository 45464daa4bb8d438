package ru.coalition.catalog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import ru.coalition.audit.AuditLog;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Vouchers of catalog rewards: the member's list, redemption at the honouring partner (once, before expiry), and the
 * return of an unredeemed voucher's points when it expires.
 */
@ApplicationScoped
@Transactional
public class Vouchers {

    private static final Logger LOG = Logger.getLogger(Vouchers.class);

    /** Vouchers one expiry transaction claims: short transactions, so a redemption never waits long behind one. */
    static final int EXPIRY_BATCH = 100;
    /** The note of a returned voucher's REVERSAL entry (the reason), followed by the code. */
    public static final String EXPIRED_NOTE = "voucher-expired:";

    public enum State { ISSUED, REDEEMED, EXPIRED }

    /** A voucher as its member sees it; state EXPIRED also for one past its expiry the job has not reached yet. */
    @Schema(name = "Voucher")
    public record View(String voucherCode, UUID orderId, UUID rewardId, String title, @Schema(description = "Slug of the honouring partner") String partner,
                       String partnerName, long cost, State state, OffsetDateTime issuedAt, OffsetDateTime expiresAt,
                       OffsetDateTime redeemedAt) {
    }

    @Schema(name = "VoucherRedeemed")
    public record Redeemed(String voucherCode, UUID rewardId, State state, @Schema(description = "The reward, in the request's language") String title) {
    }

    @Inject
    ru.coalition.webhooks.WebhookEvents webhooks;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CatalogService catalog;

    @Inject
    LedgerService ledger;

    @Inject
    PartnerScope scope;

    @Inject
    AuditLog audit;

    /** The member's vouchers, newest first (at most 200: a member holds a few). */
    public List<View> ofMember(long memberId, Locale locale) {
        Map<Long, Partner> partners = catalog.partnersById();
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select v.code, o.public_id, r.public_id, r.title_ru, r.title_en, v.partner_id,"
                        + " o.cost, v.state, v.issued_at, v.expires_at, v.redeemed_at from voucher v join reward_order o on o.id = v.order_id"
                        + " join catalog_reward r on r.id = v.reward_id where v.member_id = :m order by v.id desc limit 200")
                .setParameter("m", memberId).getResultList();
        boolean english = locale != null && "en".equals(locale.getLanguage());
        return rows.stream().map(r -> {
            Partner p = partners.get(((Number) r[5]).longValue());
            ZoneId zone = ZoneId.of(p.timeZone);
            State state = State.valueOf((String) r[7]);
            Instant expires = SqlValues.toInstant(r[9]);
            if (state == State.ISSUED && expires.isBefore(now)) {
                state = State.EXPIRED;
            }
            Instant redeemed = r[10] == null ? null : SqlValues.toInstant(r[10]);
            return new View((String) r[0], (UUID) r[1], (UUID) r[2], (String) (english ? r[4] : r[3]), p.slug, p.name,
                    ((Number) r[6]).longValue(), state, SqlValues.toInstant(r[8]).atZone(zone).toOffsetDateTime(),
                    expires.atZone(zone).toOffsetDateTime(), redeemed == null ? null : redeemed.atZone(zone).toOffsetDateTime());
        }).toList();
    }

    /**
     * Redemption at the honouring partner: inside the partner's row-level scope, so another partner's voucher is not
     * even read and answers 404 like a code that does not exist. Locked as it is read: of two tills redeeming at once,
     * the second finds it redeemed. A voucher past its expiry is refused even before the job has returned its points.
     */
    public Redeemed redeem(Partner partner, String typedCode, Locale locale) {
        scope.enter(partner);
        String code = VoucherCodes.normalise(typedCode).orElseThrow(() -> new ProblemException(ErrorCode.VOUCHER_NOT_FOUND));
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select v.id, v.state, v.expires_at, v.redeemed_at, v.reward_id, v.member_id from voucher v"
                        + " where v.code = :c and v.partner_id = :p for update")
                .setParameter("c", code).setParameter("p", partner.id).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(ErrorCode.VOUCHER_NOT_FOUND);
        }
        Object[] v = rows.get(0);
        long id = ((Number) v[0]).longValue();
        State state = State.valueOf((String) v[1]);
        Instant now = clock.instant();
        ZoneId zone = ZoneId.of(partner.timeZone);
        if (state == State.REDEEMED) {
            throw new ProblemException(ErrorCode.VOUCHER_ALREADY_REDEEMED, LocalDate.ofInstant(SqlValues.toInstant(v[3]), zone).toString());
        }
        Instant expires = SqlValues.toInstant(v[2]);
        if (state == State.EXPIRED || expires.isBefore(now)) {
            throw new ProblemException(ErrorCode.VOUCHER_EXPIRED, LocalDate.ofInstant(expires, zone).toString());
        }
        em.createNativeQuery("update voucher set state = 'REDEEMED', redeemed_at = :now where id = :id")
                .setParameter("now", now).setParameter("id", id).executeUpdate();
        CatalogReward reward = CatalogReward.findById(((Number) v[4]).longValue());
        audit.record("voucher.redeem", partner.id, "voucher", masked(code), Map.of("name", reward.titleRu, "cost", reward.cost));
        webhooks.emit(partner.id, ru.coalition.webhooks.WebhookTypes.VOUCHER_REDEEMED, ((Number) v[5]).longValue(),
                Map.of("voucher", masked(code), "rewardId", reward.publicId.toString(), "reward", reward.titleRu, "cost", reward.cost));
        return new Redeemed(code, reward.publicId, State.REDEEMED, reward.title(locale));
    }

    /** The audit log is read by all operator staff: a voucher is a bearer instrument, so only its last group is kept. */
    static String masked(String code) {
        return "••••-••••-" + code.substring(code.length() - 4);
    }

    /**
     * Returns the points of vouchers past their expiry, up to {@link #EXPIRY_BATCH} in this transaction: claimed with
     * FOR UPDATE SKIP LOCKED (replicas take different vouchers; one being redeemed right now is skipped and looked at
     * next time), each one's state change and its REVERSAL in this one transaction. A voucher no longer ISSUED is never
     * claimed, so a rerun does nothing twice. The points come back as they were taken ({@link #returned}).
     */
    public int expireBatch() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<Object[]> due = em.createNativeQuery("select v.id, v.code, v.member_id, v.partner_id, v.reward_id, o.id, o.wallet_id, o.cost"
                        + " from voucher v join reward_order o on o.id = v.order_id where v.state = 'ISSUED' and v.expires_at < :now"
                        + " order by v.expires_at limit :n for update of v skip locked")
                .setParameter("now", now).setParameter("n", EXPIRY_BATCH).getResultList();
        for (Object[] v : due) {
            long walletId = ((Number) v[6]).longValue();
            long memberId = ((Number) v[2]).longValue();
            ledger.lockWallet(walletId);
            em.createNativeQuery("update voucher set state = 'EXPIRED', expired_at = :now where id = :id and state = 'ISSUED'")
                    .setParameter("now", now).setParameter("id", ((Number) v[0]).longValue()).executeUpdate();
            ledger.post(walletId, memberId, returned(((Number) v[7]).longValue(), ledger.consumedBy(walletId, CatalogOrders.SOURCE,
                    ((Number) v[5]).longValue()), now, ((Number) v[3]).longValue(), ((Number) v[5]).longValue(), EXPIRED_NOTE + v[1]));
            // the reward was not used: it goes back on the shelf
            em.createNativeQuery("update catalog_reward set stock_left = stock_left + 1 where id = :id and stock_left is not null")
                    .setParameter("id", ((Number) v[4]).longValue()).executeUpdate();
        }
        if (!due.isEmpty()) {
            LOG.infof("vouchers: %d expired, their points returned", due.size());
        }
        return due.size();
    }

    /**
     * The points of an order going back as they were taken: one credit per lot the order consumed, with that lot's
     * activation (so FIFO takes them in their old place) and expiry (so they lapse when they would have). What no lot
     * covered (an order paid from points that were owed) comes back without an expiry. Each names the partner that
     * issued its lot, as the lot did, so its points stay that partner's outstanding (and its breakage, should they
     * lapse); what no lot covered names the honouring partner. Clearing counts the return against the honouring
     * partner's redeemed points all the same: a credit of kind REVERSAL counts for the partner of the debit of its
     * source it gives back (LedgerService.coalitionMovements).
     */
    static List<LedgerService.Entry> returned(long cost, List<LedgerService.Consumed> consumed, Instant now, long partnerId,
                                              long orderId, String note) {
        List<LedgerService.Entry> entries = new java.util.ArrayList<>();
        long left = cost;
        for (LedgerService.Consumed c : consumed) {
            long points = Math.min(c.amount(), left);
            if (points > 0) {
                entries.add(new LedgerService.Entry(EntryKind.REVERSAL, points, c.activatesAt().isAfter(now) ? now : c.activatesAt(),
                        c.partnerId() != null ? c.partnerId() : partnerId, CatalogOrders.SOURCE, orderId, note, c.expiresAt()));
                left -= points;
            }
        }
        if (left > 0) {
            entries.add(new LedgerService.Entry(EntryKind.REVERSAL, left, now, partnerId, CatalogOrders.SOURCE, orderId, note));
        }
        return entries;
    }

    /** Open vouchers of a partner, for its cashier screen's count. */
    public long openAt(Partner partner) {
        return ((Number) em.createNativeQuery("select count(*) from voucher where partner_id = :p and state = 'ISSUED' and expires_at >= :now")
                .setParameter("p", partner.id).setParameter("now", clock.instant()).getSingleResult()).longValue();
    }
}
