package ru.coalition.analytics;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import ru.coalition.platform.Charts;
import ru.coalition.platform.ConsoleMsg;

import java.awt.Color;
import java.awt.Font;
import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;

/**
 * The operator dashboard's pictures, SVGs drawn on the server like {@link RevenueChart}: the members' growth (registrations
 * by source as stacked bars, members in force as a line), points issued and redeemed per partner, and receipts by
 * weekday and hour as a heat map. Every number is also in the tables beside them.
 */
public final class OperatorCharts {

    private static final int WIDTH = 640;
    static final Color TEAL = new Color(0x0F, 0x76, 0x6E);
    static final Color SAND = new Color(0xD9, 0x8C, 0x2B);
    static final Color GREY = new Color(0x9C, 0xA3, 0xAF);
    static final Color INK = new Color(0x1F, 0x29, 0x37);
    /** Large enough to read when the 640-unit drawing is shrunk to a phone's width. */
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 22);

    private OperatorCharts() {
    }

    /** Registrations per month by source (stacked), members in force at the months' ends (a line on its own axis). */
    public static String growth(List<OperatorAnalytics.MembersMonth> months, ConsoleMsg msg, Locale locale) {
        if (months.isEmpty()) {
            return "";
        }
        DefaultCategoryDataset bars = new DefaultCategoryDataset();
        DefaultCategoryDataset line = new DefaultCategoryDataset();
        for (OperatorAnalytics.MembersMonth m : months) {
            String label = m.monthValue().format(java.time.format.DateTimeFormatter.ofPattern("LLL yy", locale));
            bars.addValue(m.cabinet(), msg.opAnalyticsViaCabinet(), label);
            bars.addValue(m.api(), msg.opAnalyticsViaApi(), label);
            bars.addValue(m.other(), msg.opAnalyticsViaOther(), label);
            line.addValue(m.inForce(), msg.opAnalyticsInForce(), label);
        }
        StackedBarRenderer stacked = new StackedBarRenderer();
        stacked.setBarPainter(new StandardBarPainter());
        stacked.setShadowVisible(false);
        stacked.setSeriesPaint(0, TEAL);
        stacked.setSeriesPaint(1, SAND);
        stacked.setSeriesPaint(2, GREY);
        stacked.setMaximumBarWidth(0.08);
        CategoryAxis axis = new CategoryAxis();
        axis.setTickLabelFont(TICKS);
        axis.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        NumberAxis count = integers(locale);
        CategoryPlot plot = new CategoryPlot(bars, axis, count, stacked);
        NumberAxis force = integers(locale);
        force.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(1, force);
        plot.setDataset(1, line);
        plot.mapDatasetToRangeAxis(1, 1);
        LineAndShapeRenderer lines = new LineAndShapeRenderer(true, true);
        lines.setSeriesPaint(0, INK);
        lines.setSeriesStroke(0, new java.awt.BasicStroke(3f));
        plot.setRenderer(1, lines);
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        return Charts.svg(chart(plot, true), WIDTH, 400);
    }

    /** Points issued and redeemed per partner in the month, side by side. */
    public static String points(List<OperatorAnalytics.PartnerRow> partners, ConsoleMsg msg, Locale locale) {
        if (partners.stream().allMatch(p -> p.issued() == 0 && p.redeemed() == 0)) {
            return "";
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (OperatorAnalytics.PartnerRow p : partners) {
            data.addValue(p.issued(), msg.opAnalyticsIssued(), p.name());
            data.addValue(p.redeemed(), msg.opAnalyticsRedeemed(), p.name());
        }
        BarRenderer renderer = new BarRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, TEAL);
        renderer.setSeriesPaint(1, SAND);
        renderer.setItemMargin(0.05);
        CategoryAxis axis = new CategoryAxis();
        axis.setTickLabelFont(TICKS);
        axis.setMaximumCategoryLabelWidthRatio(0.4f);
        CategoryPlot plot = new CategoryPlot(data, axis, integers(locale), renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        return Charts.svg(chart(plot, true), WIDTH, 110 + 70 * partners.size());
    }

    /** Receipts by weekday (rows, Monday on top) and hour (columns) as shaded blocks, darker for more. */
    public static String hours(List<OperatorAnalytics.HourCell> cells, Locale locale) {
        long max = cells.stream().mapToLong(OperatorAnalytics.HourCell::receipts).max().orElse(0);
        if (max == 0) {
            return "";
        }
        double[] x = new double[7 * 24];
        double[] y = new double[7 * 24];
        double[] z = new double[7 * 24];
        for (int d = 0; d < 7; d++) {
            for (int h = 0; h < 24; h++) {
                x[d * 24 + h] = h;
                y[d * 24 + h] = 6 - d;
            }
        }
        for (OperatorAnalytics.HourCell c : cells) {
            z[(c.weekday() - 1) * 24 + c.hour()] = c.receipts();
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("receipts", new double[][]{x, y, z});
        XYBlockRenderer blocks = new XYBlockRenderer();
        LookupPaintScale scale = new LookupPaintScale(0, max + 1.0, Color.WHITE);
        Color[] shades = {new Color(0xF3, 0xF4, 0xF6), new Color(0xE3, 0xF1, 0xEF), new Color(0xC2, 0xE1, 0xDD), new Color(0x8C, 0xC7, 0xC0),
                new Color(0x4F, 0xA6, 0x9C), TEAL};
        scale.add(0, shades[0]);
        for (int i = 1; i < shades.length; i++) {
            // five steps of the busiest cell's count: (0, 20 %], (20, 40 %] …
            scale.add(Math.max(Double.MIN_VALUE, max * (i - 1) / 5.0 + 1e-9), shades[i]);
        }
        blocks.setPaintScale(scale);
        NumberAxis hour = new NumberAxis();
        hour.setRange(-0.5, 23.5);
        hour.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(3));
        hour.setTickLabelFont(TICKS);
        String[] days = new String[7];
        for (int d = 0; d < 7; d++) {
            days[6 - d] = java.time.DayOfWeek.of(d + 1).getDisplayName(java.time.format.TextStyle.SHORT, locale);
        }
        SymbolAxis weekday = new SymbolAxis(null, days);
        weekday.setTickLabelFont(TICKS);
        weekday.setGridBandsVisible(false);
        weekday.setRange(-0.5, 6.5);
        XYPlot plot = new XYPlot(data, hour, weekday, blocks);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        return Charts.svg(chart, WIDTH, 300);
    }

    private static NumberAxis integers(Locale locale) {
        NumberAxis axis = new NumberAxis();
        axis.setTickLabelFont(TICKS);
        axis.setNumberFormatOverride(NumberFormat.getIntegerInstance(locale));
        axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        return axis;
    }

    private static JFreeChart chart(CategoryPlot plot, boolean legend) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        if (legend) {
            LegendTitle l = chart.getLegend();
            l.setItemFont(TICKS);
            l.setFrame(BlockBorder.NONE);
            l.setPosition(RectangleEdge.TOP);
        }
        return chart;
    }
}
