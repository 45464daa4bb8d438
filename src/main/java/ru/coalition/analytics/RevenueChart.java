package ru.coalition.analytics;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.data.time.Day;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import ru.coalition.platform.Charts;

import java.math.BigDecimal;
import java.text.SimpleDateFormat;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A partner's revenue per day as bars, an SVG drawn on the server (JFreeChart + JFreeSVG): no script, and it scales to a
 * phone's width. The numbers are also in the table under it.
 */
public final class RevenueChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 240;

    private RevenueChart() {
    }

    /** {@code {dashboard.revenueSvg}} in a template. */
    @TemplateExtension(matchName = "revenueSvg")
    static RawString revenueSvgOf(PartnerAnalytics.Dashboard dashboard, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Locale l = Charts.locale(locale);
        return new RawString(svg(dashboard.days(), dashboard.period(), l));
    }

    /** The bars over the whole period, a day wide each (a period with one day of sales still reads as a period). */
    public static String svg(List<PartnerAnalytics.DayRow> days, PartnerAnalytics.Period period, Locale locale) {
        if (days.isEmpty()) {
            return "";
        }
        TimeSeries revenue = new TimeSeries("revenue");
        for (PartnerAnalytics.DayRow d : days) {
            revenue.add(new Day(d.day().getDayOfMonth(), d.day().getMonthValue(), d.day().getYear()), new BigDecimal(d.revenue()));
        }
        JFreeChart chart = ChartFactory.createXYBarChart(null, null, true, null, new TimeSeriesCollection(revenue));
        Charts.plain(chart);
        XYPlot plot = chart.getXYPlot();
        XYBarRenderer bars = (XYBarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardXYBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, Charts.ACCENT);
        plot.getRangeAxis().setTickLabelFont(Charts.TICKS);
        ((org.jfree.chart.axis.NumberAxis) plot.getRangeAxis()).setNumberFormatOverride(java.text.NumberFormat.getIntegerInstance(locale));
        DateAxis time = (DateAxis) plot.getDomainAxis();
        time.setTickLabelFont(Charts.TICKS);
        SimpleDateFormat format = new SimpleDateFormat("dd.MM", locale);
        format.setTimeZone(TimeZone.getDefault());
        time.setDateFormatOverride(format);
        time.setRange(new Day(period.from().getDayOfMonth(), period.from().getMonthValue(), period.from().getYear()).getFirstMillisecond(),
                new Day(period.to().getDayOfMonth(), period.to().getMonthValue(), period.to().getYear()).getLastMillisecond());
        return Charts.svg(chart, WIDTH, HEIGHT);
    }
}
