package ru.coalition.analytics;

import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import ru.coalition.platform.Charts;

import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * Members as horizontal bars, one an answer of a portrait question or a partner of the coalition effect (an SVG drawn on the server like
 * {@link RevenueChart}); the numbers are in the table beside it.
 */
public final class MemberBars {

    private static final int WIDTH = 640;

    private MemberBars() {
    }

    public static String svg(List<PartnerAnalytics.BucketView> buckets, Locale locale) {
        Map<String, Long> bars = new LinkedHashMap<>();
        buckets.forEach(b -> bars.put(b.label(), b.members()));
        return svg(bars, locale);
    }

    /** Bars of members, one a label, in the map's order. */
    public static String svg(Map<String, Long> bars, Locale locale) {
        if (bars.isEmpty()) {
            return "";
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        bars.forEach((label, members) -> data.addValue(members, "members", label));
        JFreeChart chart = ChartFactory.createBarChart(null, null, null, data, PlotOrientation.HORIZONTAL, false, false, false);
        Charts.plain(chart);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, Charts.ACCENT);
        renderer.setMaximumBarWidth(0.6);
        plot.getDomainAxis().setTickLabelFont(Charts.TICKS);
        plot.getDomainAxis().setMaximumCategoryLabelWidthRatio(0.45f);
        NumberAxis count = (NumberAxis) plot.getRangeAxis();
        count.setTickLabelFont(Charts.TICKS);
        count.setNumberFormatOverride(NumberFormat.getIntegerInstance(locale));
        count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return Charts.svg(chart, WIDTH, 70 + 56 * bars.size());
    }
}
