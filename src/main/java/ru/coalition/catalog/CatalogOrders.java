package ru.coalition.catalog;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.messaging.Outbox;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.CatalogMsg;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * A member orders a catalog reward with coalition points: in one transaction the coalition wallet is locked (as
 * everything that touches a wallet locks it first), the member's limit counted under that lock, the cost debited, one
 * piece of stock taken by a conditional update, the order and its voucher written and the voucher sent. Any refusal
 * rolls all of it back.
 */
@ApplicationScoped
@Transactional
public class CatalogOrders {

    private static final Logger LOG = Logger.getLogger(CatalogOrders.class);

    /** The ledger's source_type of a reward's debit and of its return when the voucher expires. */
    public static final String SOURCE = "reward_order";

    @Schema(name = "RewardOrder")
    public record Ordered(UUID orderId, UUID rewardId, long cost, String voucherCode,
                          @Schema(description = "The voucher's last moment, in the honouring partner's zone") OffsetDateTime expiresAt) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CoalitionConfig config;

    @Inject
    CatalogService catalog;

    @Inject
    LedgerService ledger;

    @Inject
    PartnerService partners;

    @Inject
    Outbox outbox;

    @Location("catalog/voucher-email.html")
    Template voucherEmail;

    public Ordered order(Member member, UUID rewardId) {
        CatalogReward reward = catalog.byPublicId(rewardId).orElseThrow(() -> new ProblemException(ErrorCode.CATALOG_REWARD_NOT_FOUND));
        if (!reward.orderableOn(catalog.today())) {
            throw new ProblemException(ErrorCode.CATALOG_UNAVAILABLE);
        }
        Partner partner = partners.findById(reward.partnerId).orElseThrow();
        long walletId = ledger.walletId(member.id, null);
        // the member's orders queue up here, so two at once cannot both pass the limit or spend the same points
        ledger.lockWallet(walletId);
        if (reward.perMemberLimit != null && held(member.id, reward.id) >= reward.perMemberLimit) {
            throw new ProblemException(ErrorCode.CATALOG_LIMIT_REACHED, reward.perMemberLimit);
        }
        if (!reward.inStock()) {
            // read before the debit only to answer plainly; the conditional update below is what guards the stock
            throw new ProblemException(ErrorCode.CATALOG_OUT_OF_STOCK);
        }
        Instant now = clock.instant();
        ZoneId zone = ZoneId.of(partner.timeZone);
        Instant expiresAt = LocalDate.ofInstant(now, zone).plusDays(reward.validityDays).atTime(LocalTime.of(23, 59, 59))
                .atZone(zone).toInstant();
        UUID orderId = UUID.randomUUID();
        long orderRow = ((Number) em.createNativeQuery("insert into reward_order (public_id, partner_id, member_id, reward_id,"
                        + " wallet_id, cost, ordered_at) values (:pub, :p, :m, :r, :w, :cost, :now) returning id")
                .setParameter("pub", orderId).setParameter("p", partner.id).setParameter("m", member.id)
                .setParameter("r", reward.id).setParameter("w", walletId).setParameter("cost", reward.cost)
                .setParameter("now", now).getSingleResult()).longValue();
        String code = issueVoucher(partner.id, orderRow, member.id, reward.id, now, expiresAt);
        // the debit is the honouring partner's: clearing reads partner_id of a spend as the partner the points went to
        ledger.spend(walletId, member.id, new LedgerService.Entry(EntryKind.REWARD, -reward.cost, now, partner.id, SOURCE,
                orderRow, code), ErrorCode.CATALOG_INSUFFICIENT_POINTS);
        int taken = em.createNativeQuery("update catalog_reward set stock_left = stock_left - 1"
                        + " where id = :id and (stock_left is null or stock_left > 0)")
                .setParameter("id", reward.id).executeUpdate();
        if (taken == 0) {
            throw new ProblemException(ErrorCode.CATALOG_OUT_OF_STOCK);
        }
        send(member, reward, partner, code, LocalDate.ofInstant(expiresAt, zone));
        LOG.infof("reward %s ordered by member %d: voucher for %s", reward.publicId, member.id, partner.slug);
        return new Ordered(orderId, reward.publicId, reward.cost, code, expiresAt.atZone(zone).toOffsetDateTime());
    }

    /** Vouchers of the reward that count against the member's limit: an expired one gave its points back. */
    private long held(long memberId, long rewardId) {
        return ((Number) em.createNativeQuery("select count(*) from voucher where member_id = :m and reward_id = :r"
                + " and state <> 'EXPIRED'").setParameter("m", memberId).setParameter("r", rewardId).getSingleResult()).longValue();
    }

    /** A fresh code; a clash with an existing one (about 2^-59 per pair) draws again instead of failing the order. */
    private String issueVoucher(long partnerId, long orderRow, long memberId, long rewardId, Instant now, Instant expiresAt) {
        for (int attempt = 0; attempt < 5; attempt++) {
            String code = VoucherCodes.next();
            List<?> ids = em.createNativeQuery("insert into voucher (partner_id, code, order_id, member_id, reward_id, state,"
                            + " issued_at, expires_at) values (:p, :code, :o, :m, :r, 'ISSUED', :now, :exp)"
                            + " on conflict (code) do nothing returning id")
                    .setParameter("p", partnerId).setParameter("code", code).setParameter("o", orderRow).setParameter("m", memberId)
                    .setParameter("r", rewardId).setParameter("now", now).setParameter("exp", expiresAt).getResultList();
            if (!ids.isEmpty()) {
                return code;
            }
        }
        throw new IllegalStateException("no free voucher code in five draws");
    }

    private void send(Member m, CatalogReward reward, Partner partner, String code, LocalDate until) {
        Locale locale = Locale.of(m.language == null ? "ru" : m.language);
        CatalogMsg msg = Messages.catalog(locale);
        String title = reward.title(locale);
        outbox.toMember(m.preferredChannel, m.phone, m.email, m.id, "voucher.issued",
                msg.smsVoucher(title, partner.name, code, until), msg.mailVoucherSubject(title),
                () -> voucherEmail.instance().setLocale(locale).data("language", locale.getLanguage()).data("member", m)
                        .data("title", title).data("partner", partner.name).data("code", code).data("cost", reward.cost)
                        .data("until", until).data("cabinetUrl", config.publicUrl() + "/cabinet/vouchers").render());
    }
}
