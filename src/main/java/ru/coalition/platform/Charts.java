package ru.coalition.platform;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Rectangle2D;
import java.util.Locale;

/** What every server-drawn chart of the pages shares (mailings.CampaignChart, analytics.RevenueChart, analytics.MemberBars). */
public final class Charts {

    private Charts() {
    }

    /** The bars' colour, the pages' accent. */
    public static final Color ACCENT = new Color(0x0F, 0x76, 0x6E);

    /** Tick labels large enough to read when a 640-unit drawing is shrunk to a phone's width. */
    public static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 18);

    /** White, light value gridlines only, no legend: the look every chart of the pages shares. */
    public static void plain(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.removeLegend();
        chart.getPlot().setBackgroundPaint(Color.WHITE);
        chart.getPlot().setOutlineVisible(false);
        Color grid = new Color(0xDD, 0xDD, 0xDD);
        if (chart.getPlot() instanceof XYPlot xy) {
            xy.setRangeGridlinePaint(grid);
            xy.setDomainGridlinesVisible(false);
        } else if (chart.getPlot() instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(grid);
        }
    }

    /** The template's locale attribute as a Locale (Russian when it names none). */
    public static Locale locale(Object attribute) {
        return attribute instanceof Locale x ? x
                : attribute instanceof String s && !s.isBlank() ? Locale.forLanguageTag(s) : Locale.forLanguageTag("ru");
    }

    /** The chart drawn as an SVG element that scales with its box: the fixed width and height become the viewBox only. */
    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle2D.Double(0, 0, width, height));
        return g.getSVGElement(null, true, new ViewBox(0, 0, width, height), null, null)
                .replaceFirst("width=\"" + width + "\" height=\"" + height + "\"", "width=\"100%\"");
    }
}
