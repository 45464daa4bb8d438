package ru.coalition.programs;

import ru.coalition.partners.ProgramDefinition;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * What a receipt earns under one program version: pure arithmetic, no database, so the portal's preview and the
 * till's purchase give the same figure by construction.
 */
public final class ProgramEngine {

    public static final String GIFT_CARD_CATEGORY = "gift-card";

    /** A receipt line as the engine needs it: the amount still counted (after refunds), in kopecks. */
    public record Line(String category, boolean promo, long amount) {
    }

    /**
     * @param eligible  kopecks of lines that earn points, before the gift-card part is taken off
     * @param base      kopecks that earn per-rouble points (eligible minus what a gift card paid)
     * @param accrual   per-rouble points, after the tier multiplier and the program's rounding
     * @param giftCardBonus the flat bonus for paying with a reward gift card
     */
    public record Evaluation(long eligible, long base, long accrual, long giftCardBonus) {
        public long points() {
            return accrual + giftCardBonus;
        }
    }

    private ProgramEngine() {
    }

    public static boolean eligible(ProgramDefinition.Earn earn, Line line) {
        if (earn.excludePromo() && line.promo()) {
            return false;
        }
        List<String> excluded = earn.excludedCategories() == null ? List.of() : earn.excludedCategories();
        return line.category() == null || !Set.copyOf(excluded).contains(line.category());
    }

    /**
     * @param giftCardPaid kopecks of the bill paid with gift cards: that part earns no per-rouble points
     * @param giftCardUsed whether a reward gift card paid part of the bill (earns the program's flat bonus)
     * @param multiplier   the member's tier multiplier (1 without tiers)
     */
    public static Evaluation evaluate(ProgramDefinition program, List<Line> lines, long giftCardPaid, boolean giftCardUsed,
                                      BigDecimal multiplier) {
        ProgramDefinition.Earn earn = program.earn();
        long eligible = lines.stream().filter(l -> eligible(earn, l)).mapToLong(Line::amount).sum();
        long base = Math.max(0, eligible - giftCardPaid);
        BigDecimal perKopecks = earn.perRubles().movePointRight(2);
        BigDecimal raw = BigDecimal.valueOf(base).multiply(BigDecimal.valueOf(earn.points())).multiply(multiplier)
                .divide(perKopecks, 6, RoundingMode.HALF_EVEN);
        long accrual = raw.setScale(0, rounding(earn.rounding())).longValueExact();
        long bonus = giftCardUsed && program.giftCardUse() != null ? program.giftCardUse().bonus() : 0;
        return new Evaluation(eligible, base, accrual, bonus);
    }

    /**
     * When points earned at a moment become spendable: {@code delayDays} partner-local days after the purchase day,
     * at local midnight. "30 days, not counting the purchase day": a purchase on D is active from 00:00 of D+31.
     */
    public static Instant activatesAt(ProgramDefinition program, Instant occurredAt, ZoneId zone) {
        ProgramDefinition.Activation a = program.activation();
        if (a == null) {
            return occurredAt;
        }
        LocalDate day = LocalDate.ofInstant(occurredAt, zone);
        LocalDate from = day.plusDays(a.delayDays() + (a.purchaseDayCounts() ? 0 : 1));
        Instant at = from.atStartOfDay(zone).toInstant();
        return at.isBefore(occurredAt) ? occurredAt : at;
    }

    private static RoundingMode rounding(ProgramDefinition.Rounding r) {
        return switch (r == null ? ProgramDefinition.Rounding.floor : r) {
            case floor -> RoundingMode.FLOOR;
            case ceil -> RoundingMode.CEILING;
            case round -> RoundingMode.HALF_UP;
        };
    }
}
