package ru.coalition.purchases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.partners.ProgramVersion;
import ru.coalition.platform.SqlValues;
import ru.coalition.programs.Money;
import ru.coalition.programs.ProgramEngine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Why a receipt earned what it earned (issue 13 §5): the receipt's stored lines run again through {@link ProgramEngine}
 * under the program version it was posted under, with the member's tier multiplier of that moment (kept on the
 * purchase), line by line: what each line earned, which lines earned nothing and why (promo, an excluded category such
 * as a gift card bought), the part a gift card paid, the rounding once per receipt, the bonuses, when the points
 * activate, and the refunds that took points back since. The figures are the ones stored with the purchase; the
 * recomputation only splits them into their parts, and says so if it ever disagrees.
 */
@ApplicationScoped
@Transactional
public class AccrualExplanations {

    /** One line of the receipt and what it earned. */
    @TemplateData
    @Schema(name = "AccrualLine")
    public record Line(int lineNo, String sku, String name, String category, boolean promo,
                       @Schema(description = "Roubles, e.g. 1000.00") String amount,
                       boolean earns,
                       @Schema(description = "Why it earns nothing: promo or category", nullable = true, enumeration = {"promo", "category"}) String excludedBecause,
                       @Schema(description = "Points this line earns before the gift-card part and the rounding, two decimals") BigDecimal points) {
    }

    /** The earning rule of the version the receipt was posted under. */
    @TemplateData
    @Schema(name = "AccrualRule")
    public record Rule(@Schema(description = "The version's first day") LocalDate version, String programName, long points,
                       @Schema(description = "Roubles per that many points") String perRubles, String rounding,
                       List<String> excludedCategories, boolean excludePromo,
                       @Schema(description = "Days after the purchase day before the points can be spent", nullable = true) Integer activationDelayDays,
                       boolean purchaseDayCounts) {
    }

    /** A refund of the receipt and the points it took back. */
    @TemplateData
    @Schema(name = "AccrualRefund")
    public record Refund(String refundId, @Schema(description = "Roubles refunded") String amount, long pointsReversed,
                         long bonusesReversed, Instant at) {
    }

    /** A receipt's accrual, in its parts. */
    @TemplateData
    @Schema(name = "AccrualExplanation")
    public record Explanation(String receiptId, String partner, String wallet, OffsetDateTime occurredAt, Rule rule, List<Line> lines,
                              @Schema(description = "Roubles: the receipt") String total,
                              @Schema(description = "Roubles of lines that earn points") String eligible,
                              @Schema(description = "Roubles paid with gift cards: that part earns no points") String giftCardPaid,
                              @Schema(description = "Roubles that earn points: eligible less the gift-card part") String base,
                              @Schema(description = "The tier multiplier at the time of the purchase") BigDecimal multiplier,
                              @Schema(description = "Points before the rounding, two decimals") BigDecimal beforeRounding,
                              long accrual, long giftCardBonus, long welcomeBonus,
                              @Schema(description = "All the receipt earned: accrual and bonuses") long points,
                              OffsetDateTime activatesAt, @Schema(description = "Whether the points are still waiting to activate") boolean pending,
                              List<Refund> refunds,
                              @Schema(description = "False only if running the rule again gives other figures than those stored (then the stored ones count)") boolean consistent) {
    }

    @Inject
    EntityManager em;

    @Inject
    PartnerService partners;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** The purchase behind a refund row (the source of a reversal entry). */
    public Optional<Long> purchaseOfRefund(long refundRowId) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select purchase_id from refund where id = :r").setParameter("r", refundRowId).getResultList();
        return ids.stream().findFirst().map(Number::longValue);
    }

    /** The explanation of a purchase of this member; empty for another member's. */
    public Optional<Explanation> ofMemberPurchase(long memberId, long purchaseId) {
        Purchase p = Purchase.findById(purchaseId);
        return p == null || p.memberId != memberId ? Optional.empty() : Optional.of(explain(p));
    }

    /** The explanation of a purchase the caller may see (the till: one of its partner's latest receipts). */
    public Explanation explain(Purchase p) {
        Partner partner = partners.cachedById(p.partnerId).orElseThrow();
        ZoneId zone = ZoneId.of(partner.timeZone);
        ProgramVersion version = partners.versionById(p.programVersionId);
        ProgramDefinition program = partners.definitionOf(version);
        ProgramDefinition.Earn earn = program.earn();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select line_no, sku, name, category, promo, amount from purchase_line"
                + " where purchase_id = :p order by line_no").setParameter("p", p.id).getResultList();
        BigDecimal perKopeck = BigDecimal.valueOf(earn.points()).multiply(p.multiplier)
                .divide(earn.perRubles().movePointRight(2), 10, RoundingMode.HALF_EVEN);
        List<Line> lines = new ArrayList<>();
        List<ProgramEngine.Line> engineLines = new ArrayList<>();
        for (Object[] r : rows) {
            String category = (String) r[3];
            boolean promo = Boolean.TRUE.equals(r[4]);
            long amount = ((Number) r[5]).longValue();
            ProgramEngine.Line line = new ProgramEngine.Line(category, promo, amount);
            engineLines.add(line);
            boolean earns = ProgramEngine.eligible(earn, line);
            String because = earns ? null : earn.excludePromo() && promo ? "promo" : "category";
            BigDecimal points = earns ? perKopeck.multiply(BigDecimal.valueOf(amount)).setScale(2, RoundingMode.HALF_EVEN) : BigDecimal.ZERO.setScale(2);
            lines.add(new Line(((Number) r[0]).intValue() + 1, (String) r[1], (String) r[2], category, promo, Money.format(amount), earns,
                    because, points));
        }
        ProgramEngine.Evaluation eval = ProgramEngine.evaluate(program, engineLines, p.giftCardPaid, p.giftCardBonus > 0, p.multiplier);
        BigDecimal beforeRounding = perKopeck.multiply(BigDecimal.valueOf(eval.base())).setScale(2, RoundingMode.HALF_EVEN);
        long welcome = welcomeBonus(p.response);
        boolean consistent = eval.points() == p.points && eval.giftCardBonus() == p.giftCardBonus;
        ProgramDefinition.Activation activation = program.activation();
        Rule rule = new Rule(version.effectiveFrom, program.name(), earn.points(), earn.perRubles().setScale(2, RoundingMode.HALF_UP).toPlainString(),
                (earn.rounding() == null ? ProgramDefinition.Rounding.floor : earn.rounding()).name(),
                earn.excludedCategories() == null ? List.of() : earn.excludedCategories(), earn.excludePromo(),
                activation == null ? null : activation.delayDays(), activation != null && activation.purchaseDayCounts());
        return new Explanation(p.receiptId, partner.name, partner.walletName(), p.occurredAt.atZone(zone).toOffsetDateTime(), rule, lines,
                Money.format(p.total), Money.format(eval.eligible()), Money.format(p.giftCardPaid), Money.format(eval.base()),
                p.multiplier.stripTrailingZeros(), beforeRounding,
                p.points - p.giftCardBonus, p.giftCardBonus, welcome, p.points + welcome, p.activatesAt.atZone(zone).toOffsetDateTime(),
                p.activatesAt.isAfter(clock.instant()), refunds(p.id), consistent);
    }

    private List<Refund> refunds(long purchaseId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select refund_id, amount, points_reversed, bonuses_reversed, created_at from refund"
                + " where purchase_id = :p order by id").setParameter("p", purchaseId).getResultList();
        return rows.stream().map(r -> new Refund((String) r[0], Money.format(((Number) r[1]).longValue()), ((Number) r[2]).longValue(),
                ((Number) r[3]).longValue(), SqlValues.toInstant(r[4]))).toList();
    }

    /** The welcome bonus the receipt brought, as its answer to the till recorded it (the purchase row keeps no column for it). */
    private long welcomeBonus(String response) {
        if (response == null) {
            return 0;
        }
        try {
            return json.readTree(response).path("breakdown").path("welcomeBonus").asLong(0);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
