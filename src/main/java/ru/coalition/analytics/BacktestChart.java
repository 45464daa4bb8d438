package ru.coalition.analytics;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import ru.coalition.platform.BacktestMsg;
import ru.coalition.platform.Charts;
import ru.coalition.platform.Messages;

import java.awt.Color;
import java.awt.Font;
import java.text.NumberFormat;
import java.util.Locale;

/** The back-test's points as they were beside the draft's, two bars drawn on the server as an SVG (the table says the same). */
public final class BacktestChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 200;

    private BacktestChart() {
    }

    /** {@code {result.pointsSvg}} in a template. */
    @TemplateExtension(matchName = "pointsSvg")
    static RawString pointsSvgOf(RuleBacktests.Result result, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return new RawString(svg(result, Charts.locale(locale)));
    }

    public static String svg(RuleBacktests.Result result, Locale locale) {
        BacktestMsg bt = Messages.backtest(locale);
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(result.pointsInForce(), bt.btPoints(), bt.btInForce());
        data.addValue(result.pointsDraft(), bt.btPoints(), bt.btDraft());
        JFreeChart chart = ChartFactory.createBarChart(null, null, null, data, PlotOrientation.HORIZONTAL, false, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        CategoryPlot plot = chart.getCategoryPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        BarRenderer bars = (BarRenderer) plot.getRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setSeriesPaint(0, new Color(0x0F, 0x76, 0x6E));
        Font ticks = new Font(Font.SANS_SERIF, Font.PLAIN, 18);
        plot.getDomainAxis().setTickLabelFont(ticks);
        plot.getRangeAxis().setTickLabelFont(ticks);
        ((NumberAxis) plot.getRangeAxis()).setNumberFormatOverride(NumberFormat.getIntegerInstance(locale));
        return Charts.svg(chart, WIDTH, HEIGHT);
    }
}
