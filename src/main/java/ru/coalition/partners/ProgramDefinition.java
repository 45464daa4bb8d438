package ru.coalition.partners;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A partner's loyalty program as data (the "program" section of tenants/<slug>.yaml, schema in
 * tenants/tenant.schema.json). Money is a decimal string of roubles; points are whole numbers.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = false)
public record ProgramDefinition(
        String name,
        LocalDate effectiveFrom,
        WalletScope wallet,
        Earn earn,
        Activation activation,
        List<Threshold> thresholds,
        GiftCardUse giftCardUse,
        Referral referral,
        Welcome welcome,
        Birthday birthday,
        Tiers tiers,
        ScratchCards scratchCards,
        Limits limits,
        Expiry expiry) {

    /** The program as it was before expiry existed, for callers that build one in code. */
    public ProgramDefinition(String name, LocalDate effectiveFrom, WalletScope wallet, Earn earn, Activation activation,
                             List<Threshold> thresholds, GiftCardUse giftCardUse, Referral referral, Welcome welcome,
                             Birthday birthday, Tiers tiers, ScratchCards scratchCards, Limits limits) {
        this(name, effectiveFrom, wallet, earn, activation, thresholds, giftCardUse, referral, welcome, birthday, tiers,
                scratchCards, limits, null);
    }

    /** The moment a credit posted under this program lapses; null: never by date (no expiry, or inactivity only). */
    public java.time.Instant expiresAt(java.time.Instant activatesAt, java.time.ZoneId zone) {
        return expiry == null ? null : expiry.expiresAt(activatesAt, zone);
    }

    public enum Rounding { floor, round, ceil }

    /** The caps in force: the program's own, or the defaults. */
    public Limits limitsOrDefault() {
        return limits == null ? Limits.DEFAULT : new Limits(
                limits.maxReceiptAmount() == null ? Limits.DEFAULT.maxReceiptAmount() : limits.maxReceiptAmount(),
                limits.maxReceiptPoints() == null ? Limits.DEFAULT.maxReceiptPoints() : limits.maxReceiptPoints());
    }

    /**
     * Sanity caps per receipt: a receipt above either is refused, so one mistyped amount at a till cannot mint a
     * fortune in points.
     */
    public record Limits(BigDecimal maxReceiptAmount, Long maxReceiptPoints) {
        public static final Limits DEFAULT = new Limits(new BigDecimal("1000000.00"), 1_000_000L);
    }

    /** {@code points} per {@code perRubles} of eligible lines, rounded once per purchase. */
    public record Earn(long points, BigDecimal perRubles, Rounding rounding, List<String> excludedCategories,
                       boolean excludePromo) {
    }

    /** Points become spendable after {@code delayDays} local days; {@code purchaseDayCounts} false = not counting the purchase day. */
    public record Activation(int delayDays, boolean purchaseDayCounts) {
    }

    public record Threshold(String id, long balance, Reward reward, long cost, int claimWindowDays) {
    }

    @Schema(name = "ProgramReward")
    public record Reward(GiftCardReward giftCard) {
    }

    @Schema(name = "ProgramGiftCardReward")
    public record GiftCardReward(BigDecimal nominal) {
    }

    /** A flat bonus for a purchase paid (in part) with a reward gift card; the card-paid part earns nothing. */
    public record GiftCardUse(long bonus) {
    }

    /** Paid to the referrer when the referred friend makes a first purchase at this partner. */
    public record Referral(long bonus) {
    }

    public record Welcome(long bonus) {
    }

    public record Birthday(long bonus, boolean greeting) {
    }

    public record Tiers(int qualificationMonths, List<Tier> levels) {
    }

    @Schema(name = "ProgramTier")
    public record Tier(String code, String name, BigDecimal minSpend, long welcomePoints, BigDecimal multiplier,
                       List<String> privileges) {
    }

    public record ScratchCards(boolean enabled, long defaultPointsPerCard, int defaultValidityDays) {
    }

    /**
     * When points lapse: {@code afterMonths} after they became active (at 00:00 partner-local of the day after), or all
     * of a member's remaining points of the program once {@code inactivityMonths} passed without an accrual there.
     * Exactly one of the two is set.
     */
    @Schema(name = "ProgramExpiry")
    public record Expiry(Integer afterMonths, Integer inactivityMonths) {

        /** +100 active on 2026-01-10 with afterMonths 12 lapse at 2027-01-11 00:00 local. */
        public java.time.Instant expiresAt(java.time.Instant activatesAt, java.time.ZoneId zone) {
            if (afterMonths == null) {
                return null;
            }
            return LocalDate.ofInstant(activatesAt, zone).plusMonths(afterMonths).plusDays(1).atStartOfDay(zone).toInstant();
        }

        /** The moment points lapse after the last accrual at {@code lastAccrual}; null: no inactivity rule. */
        public java.time.Instant lapsesAfterInactivity(java.time.Instant lastAccrual, java.time.ZoneId zone) {
            if (inactivityMonths == null) {
                return null;
            }
            return LocalDate.ofInstant(lastAccrual, zone).plusMonths(inactivityMonths).plusDays(1).atStartOfDay(zone).toInstant();
        }
    }
}
