package ru.coalition.platform;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;

import java.awt.geom.Rectangle2D;
import java.util.Locale;

/** What every server-drawn chart of the pages shares (mailings.CampaignChart, analytics.RevenueChart). */
public final class Charts {

    private Charts() {
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
