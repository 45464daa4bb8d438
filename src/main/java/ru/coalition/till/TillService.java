package ru.coalition.till;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.WalletScope;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RateLimiter;
import ru.coalition.programs.Money;
import ru.coalition.rewards.OfferService;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What the till and the cashier screen show about a member: only what concerns this partner. */
@ApplicationScoped
public class TillService {

    /** When the next points become spendable, in the partner's zone; {@code date} as people read it. */
    @Schema(name = "TillNextActivation")
    public record NextActivation(long points, OffsetDateTime at, String date) {
    }

    public record Balance(String wallet, long active, long pending, NextActivation nextActivation) {
    }

    public record WalletView(String wallet, long active, long pending, NextActivation nextActivation, Balance coalition) {
    }

    @Schema(name = "OfferGiftCard")
    public record GiftCardReward(String nominal) {
    }

    @Schema(name = "OfferReward")
    public record Reward(GiftCardReward giftCard) {
    }

    public record OfferView(UUID offerId, String rule, Reward reward, long cost, OffsetDateTime expiresAt) {
    }

    @Inject
    CoalitionConfig config;

    @Inject
    MemberService members;

    @Inject
    PartnerService partners;

    @Inject
    LedgerService ledger;

    @Inject
    OfferService offers;

    @Inject
    RateLimiter limiter;

    @Inject
    PartnerScope scope;


    /**
     * A cashier's search by card or phone, counted per partner: a till cannot walk the member base by phone
     * numbers. Over the limit it answers 429 with Retry-After.
     */
    public Optional<Member> lookUp(Partner partner, String cardOrPhone) {
        RateLimiter.Hit hit = limiter.hit("till-lookup:" + partner.id, config.till().lookupsPerMinute(), Duration.ofMinutes(1));
        if (!hit.allowed()) {
            throw new ProblemException(ErrorCode.TILL_LOOKUPS_THROTTLED).retryAfter(hit.retryAfterSeconds());
        }
        return members.find(cardOrPhone);
    }

    public Member member(String cardNumber) {
        return members.byCard(cardNumber).orElseThrow(() -> new ProblemException(ErrorCode.MEMBER_NOT_FOUND));
    }

    /** The wallet this partner's program credits; a coalition partner's view is the coalition wallet. */
    @Transactional
    public WalletView wallet(Partner partner, Member m) {
        scope.enter(partner);
        boolean coalition = partner.walletScope == WalletScope.COALITION;
        LedgerService.Balance own = ledger.balanceOf(m.id, partner.walletPartnerId());
        NextActivation next = own.nextActivation() == null ? null : next(own.nextActivation(), ZoneId.of(partner.timeZone));
        Balance coalitionBalance = coalition ? new Balance(WalletScope.COALITION_WALLET, own.active(), own.pending(), next) : null;
        return new WalletView(partner.walletName(), own.active(), own.pending(), next, coalitionBalance);
    }

    private static NextActivation next(LedgerService.NextActivation n, ZoneId zone) {
        var at = n.at().atZone(zone);
        return new NextActivation(n.points(), at.toOffsetDateTime(),
                at.format(DateTimeFormatter.ofPattern("dd.MM.yyyy")));
    }

    @Transactional
    public List<OfferView> offers(Partner partner, Member m) {
        scope.enter(partner);
        ZoneId zone = ZoneId.of(partner.timeZone);
        return offers.openAt(partner.id, m.id).stream().map(o -> new OfferView(o.publicId, o.ruleId,
                new Reward(new GiftCardReward(Money.format(o.nominal))), o.cost,
                o.expiresAt.atZone(zone).toOffsetDateTime())).toList();
    }
}
