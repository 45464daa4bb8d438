package ru.coalition.analytics;

import io.quarkus.qute.TemplateData;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.Messages;
import ru.coalition.purchases.CoalitionFigures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * What the coalition brings a partner (issue 13 §2): newcomers who had bought at another partner first, and where; its
 * customers who shop elsewhere in the coalition too; the share of its revenue from members it got through the coalition.
 * These figures tell something of members' shopping at other partners, so they are shown as the portrait is: for whole
 * months, every count rounded to a multiple of 5 by the members' keys and none below 5, the partners of fewer than 5
 * newcomers together as "other partners" (docs/analytics.md "Coalition effect").
 */
@ApplicationScoped
public class CoalitionEffect {

    @Schema(name = "CoalitionSource")
    @TemplateData
    public record SourceView(@Schema(description = "The partner's slug; \"*\" for partners of fewer than 5 newcomers each, together") String partner,
                             @Schema(description = "The partner's name (\"*\": in words)") String name,
                             @Schema(description = "Newcomers who had bought there first, rounded to a multiple of 5") long members) {
    }

    @Schema(name = "CoalitionEffect")
    public record View(@Schema(description = "First day of the first whole month") LocalDate from,
                       @Schema(description = "Last day of the last whole month") LocalDate to,
                       @Schema(description = "Members with a receipt here in those months; null below 5", nullable = true) Long customers,
                       @Schema(description = "Of them, members whose first receipt here falls in those months", nullable = true) Long newCustomers,
                       @Schema(description = "Of the newcomers, members who had bought at another partner first", nullable = true) Long fromOtherPartners,
                       @Schema(description = "Where those had bought first, most first; at least 5 members a row") List<SourceView> sources,
                       @Schema(description = "Partners not shown on their own: fewer than 5 newcomers each") int sourcesSuppressed,
                       @Schema(description = "Of the customers, members with a receipt at another partner in those months too", nullable = true)
                       Long alsoElsewhere,
                       @Schema(description = "alsoElsewhere as a whole percent of customers", nullable = true) Integer alsoElsewhereShare,
                       @Schema(description = "Whole percent of the months' revenue here from members whose first receipt here came after one"
                               + " at another partner (at any time); null when fewer than 5 such members bought", nullable = true) Integer acquiredRevenueShare,
                       int k) {
    }

    @Inject
    CoalitionFigures figures;

    @Inject
    PartnerService partners;

    @Inject
    AnalyticsConfig config;

    @Inject
    ru.coalition.platform.RequestLocale locale;

    public View of(Partner partner, LocalDate from, LocalDate to) {
        LocalDate[] months = Portraits.months(from, to);
        long seed = config.cellKeySeed();
        CoalitionFigures.MemberKey keyOf = new CoalitionFigures.MemberKey(seed);
        CoalitionFigures.Effect e = figures.effect(partner, months[0], months[1], keyOf);
        List<Portraits.Raw> raw = figures.sources(partner, months[0], months[1], keyOf).stream()
                .map(s -> new Portraits.Raw(Long.toString(s.partnerId()), null, null, s.members().members(), 0, 0, 0, s.members().key())).toList();
        List<Portraits.Raw> shown = Portraits.merged(raw, false);
        int suppressed = (int) raw.stream().filter(r -> shown.stream().noneMatch(s -> s.value().equals(r.value()))).count();
        String other = Messages.portal(locale.get()).analyticsOtherPartners();
        List<SourceView> sources = shown.stream().map(r -> {
                    long members = Portraits.shown(r.members(), r.key());
                    if (Portraits.OTHER.equals(r.value())) {
                        return new SourceView(Portraits.OTHER, other, members);
                    }
                    Partner p = partners.cachedById(Long.parseLong(r.value())).orElseThrow();
                    return new SourceView(p.slug, p.name, members);
                })
                .sorted(Comparator.comparing((SourceView s) -> Portraits.OTHER.equals(s.partner())).thenComparing(SourceView::members, Comparator.reverseOrder())
                        .thenComparing(SourceView::name))
                .toList();
        Long customers = shown(e.customers());
        Long elsewhere = shown(e.elsewhere());
        return new View(months[0], months[1], customers, shown(e.fresh()), shown(e.acquired()), sources, suppressed, elsewhere,
                elsewhere == null ? null : percent(e.elsewhere().members(), e.customers().members()),
                e.acquiredEver().members() < Portraits.K ? null : percent(e.acquiredRevenue(), e.revenue()), Portraits.K);
    }

    private static Long shown(CoalitionFigures.Count c) {
        return Portraits.shown(c.members(), c.key());
    }

    private static Integer percent(long part, long whole) {
        return whole <= 0 ? null : BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(whole), 0, RoundingMode.HALF_UP).intValueExact();
    }
}
