package ru.coalition.clearing;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/**
 * One partner's clearing statement for a month: coalition points it issued, points redeemed with it (at its till or on
 * catalog rewards it honours), points of its issue that expired, each priced at its rate, and the net amount between it
 * and the operator (positive: the operator pays the partner).
 */
@Schema(name = "ClearingStatement")
public record Statement(
        @Schema(description = "The month, yyyy-MM", examples = "2026-12") String period,
        @Schema(description = "The partner's slug") String partner,
        @Schema(description = "The partner's name") String partnerName,
        @Schema(description = "Coalition points issued, net of refunds") long issued,
        @Schema(description = "Coalition points redeemed with the partner, net of returned vouchers") long redeemed,
        @Schema(description = "Coalition points of the partner's issue that expired (breakage)") long expired,
        @Schema(description = "Coalition points of the partner's issue still in members' wallets at the month's end") long outstanding,
        @Schema(description = "RUB per point", examples = "0.50") String ratePerPoint,
        @Schema(description = "RUB; positive: the operator owes the partner, negative: the partner owes the operator",
                examples = "-5000.00") String net,
        @Schema(description = "Whether the month is closed: a closed month's statement never changes") boolean closed,
        List<Line> lines,
        @JsonIgnore @Schema(hidden = true) long netKopecks) {

    public enum Side { ISSUED, REDEEMED, EXPIRED }

    /** Where points came from or went. */
    public enum Category { PURCHASES, BONUSES, SCRATCH_CARDS, REFUNDS, TILL, CATALOG, OFFERS, VOUCHERS_RETURNED, EXPIRED, OTHER }

    /**
     * One line: points of a category in the direction of its side (a refund's line is negative issued points), the
     * amount at the partner's rate (nothing for expired points: they were paid for when issued), and whether it corrects
     * an earlier month (posted this month for an earlier time, or after that month closed).
     */
    @Schema(name = "ClearingLine")
    public record Line(Side side, Category category, boolean correction, long points,
                       @Schema(description = "RUB at the partner's rate", examples = "5000.00") String amount) {

        @JsonIgnore
        public BigDecimal amountValue() {
            return new BigDecimal(amount);
        }
    }

    /** The rate as a number (0 when the operator has not set one). */
    @JsonIgnore
    public BigDecimal rate() {
        return new BigDecimal(ratePerPoint);
    }

    /** The net as a number, for pages. */
    @JsonIgnore
    public BigDecimal netValue() {
        return new BigDecimal(net);
    }

    /** How much, whichever way it is owed (the page says which way in words). */
    @JsonIgnore
    public BigDecimal netAbs() {
        return netValue().abs();
    }
}
