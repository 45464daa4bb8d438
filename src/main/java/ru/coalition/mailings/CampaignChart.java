package ru.coalition.mailings;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.time.FixedMillisecond;
import org.jfree.data.time.TimeSeries;
import org.jfree.data.time.TimeSeriesCollection;
import ru.coalition.platform.Charts;
import ru.coalition.platform.Formats;
import ru.coalition.platform.Messages;
import ru.coalition.platform.SendingMsg;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.Locale;
import java.util.TimeZone;

/**
 * A campaign's sent, opened and clicked messages per interval as an SVG drawn on the server (JFreeChart + JFreeSVG):
 * the page needs no script, and the SVG scales to the width of a phone.
 */
public final class CampaignChart {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 260;

    private CampaignChart() {
    }

    /** {@code {stats.chartSvg}} in a template: the chart in the template's language. */
    @TemplateExtension(matchName = "chartSvg")
    static RawString chartSvgOf(CampaignStats.Stats stats, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Locale l = Charts.locale(locale);
        return new RawString(svg(stats, l));
    }

    /** The chart's SVG element, or an empty string while there is nothing to draw. */
    public static String svg(CampaignStats.Stats stats, Locale locale) {
        if (stats.series().isEmpty()) {
            return "";
        }
        SendingMsg msg = Messages.sending(locale);
        TimeSeries sent = new TimeSeries(msg.sendingSent());
        TimeSeries opened = new TimeSeries(msg.sendingOpened());
        TimeSeries clicked = new TimeSeries(msg.sendingClicked());
        for (CampaignStats.Point p : stats.series()) {
            FixedMillisecond t = new FixedMillisecond(Date.from(p.at()));
            sent.add(t, p.sent());
            opened.add(t, p.opened());
            clicked.add(t, p.clicked());
        }
        TimeSeriesCollection data = new TimeSeriesCollection();
        data.addSeries(sent);
        data.addSeries(opened);
        data.addSeries(clicked);
        JFreeChart chart = ChartFactory.createTimeSeriesChart(null, null, null, data, true, false, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDD, 0xDD, 0xDD));
        plot.setDomainGridlinesVisible(false);
        DateAxis time = (DateAxis) plot.getDomainAxis();
        SimpleDateFormat format = new SimpleDateFormat(stats.intervalMinutes() < 60 ? "HH:mm" : "dd.MM HH:mm", locale);
        format.setTimeZone(TimeZone.getTimeZone(Formats.DEFAULT_ZONE));
        time.setDateFormatOverride(format);
        NumberAxis count = (NumberAxis) plot.getRangeAxis();
        count.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        XYLineAndShapeRenderer lines = (XYLineAndShapeRenderer) plot.getRenderer();
        Color[] colours = {new Color(0x1F, 0x6F, 0xB2), new Color(0x2E, 0x8B, 0x57), new Color(0xC0, 0x6A, 0x00)};
        for (int i = 0; i < colours.length; i++) {
            lines.setSeriesPaint(i, colours[i]);
            lines.setSeriesStroke(i, new BasicStroke(2f));
            lines.setSeriesShapesVisible(i, stats.series().size() < 30);
        }
        return Charts.svg(chart, WIDTH, HEIGHT);
    }
}
