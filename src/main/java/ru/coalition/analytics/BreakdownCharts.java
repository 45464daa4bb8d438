package ru.coalition.analytics;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import ru.coalition.platform.Charts;
import ru.coalition.platform.Messages;
import ru.coalition.platform.PortalMsg;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The dashboard breakdown's pictures: members by receipts, sales by category (bars), and the cohort table's shading. */
public final class BreakdownCharts {

    private BreakdownCharts() {
    }

    /** {@code {breakdown.frequencySvg}}: members per band of receipts. */
    @TemplateExtension(matchName = "frequencySvg")
    static RawString frequencySvg(PartnerAnalytics.Breakdown b, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Locale l = Charts.locale(locale);
        PortalMsg msg = Messages.portal(l);
        Map<String, Long> bars = new LinkedHashMap<>();
        b.frequency().forEach(band -> bars.put(msg.analyticsBand(band.band()), band.members()));
        return new RawString(bars.values().stream().allMatch(v -> v == 0) ? "" : MemberBars.svg(bars, l));
    }

    /** {@code {breakdown.rfmSvg}}: members per recency × frequency segment. */
    @TemplateExtension(matchName = "rfmSvg")
    static RawString rfmSvg(PartnerAnalytics.Breakdown b, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Locale l = Charts.locale(locale);
        PortalMsg msg = Messages.portal(l);
        Map<String, Long> bars = new LinkedHashMap<>();
        b.rfm().forEach(r -> bars.put(msg.analyticsRfmShort(r.segment()), r.members()));
        return new RawString(bars.values().stream().allMatch(v -> v == 0) ? "" : MemberBars.svg(bars, l));
    }

    /** {@code {breakdown.categorySvg}}: roubles per category. */
    @TemplateExtension(matchName = "categorySvg")
    static RawString categorySvg(PartnerAnalytics.Breakdown b, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Locale l = Charts.locale(locale);
        PortalMsg msg = Messages.portal(l);
        Map<String, Long> bars = new LinkedHashMap<>();
        b.categories().forEach(c -> bars.put(label(c, msg), new BigDecimal(c.amount()).setScale(0, RoundingMode.HALF_UP).longValueExact()));
        return new RawString(MemberBars.svg(bars, l));
    }

    /** A category in words: its name, "no category", or "the other categories". */
    static String label(PartnerAnalytics.CategoryRow c, PortalMsg msg) {
        return c.category() == null ? msg.analyticsCategoryRest() : c.category().isEmpty() ? msg.analyticsCategoryNone() : c.category();
    }

    /** {@code {c.categoryLabel}} in a template. */
    @TemplateExtension(matchName = "categoryLabel")
    static String categoryLabel(PartnerAnalytics.CategoryRow c, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return label(c, Messages.portal(Charts.locale(locale)));
    }

    /** {@code {percent.heat}}: the shade of a cohort cell, h0 (none) to h5 (more than 80 %). */
    @TemplateExtension(matchName = "heat")
    static String heat(Integer percent) {
        return percent == null || percent <= 0 ? "h0" : "h" + Math.min(5, 1 + (percent - 1) / 20);
    }
}
