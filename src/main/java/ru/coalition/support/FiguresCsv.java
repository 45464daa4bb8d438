package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import ru.coalition.platform.KpiMsg;
import ru.coalition.platform.Messages;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The figures' table as CSV, as the other downloads write it (a BOM, semicolons, decimal commas in Russian, headers in
 * the viewer's language): one line per agent, then the totals.
 */
@ApplicationScoped
public class FiguresCsv {

    public static final String CSV = "text/csv";

    public Response of(SupportFigures.Figures f, Locale locale) {
        KpiMsg kpi = Messages.kpi(locale);
        StreamingOutput body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\ufeff');
            try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setDelimiter(';')
                    .setHeader(kpi.figuresColAgent(), kpi.figuresColHandled(), kpi.figuresCsvFirstResponseMedian(), kpi.figuresCsvFirstResponseP90(),
                            kpi.figuresCsvResolutionMedian(), kpi.figuresCsvResolutionP90(), kpi.figuresCsvSlaMet(), kpi.figuresColCsat(), kpi.figuresColCsatCount(),
                            kpi.figuresCsvReopened())
                    .get().print(w)) {
                for (SupportFigures.Row r : f.agents()) {
                    line(csv, r.agent() == null ? kpi.figuresUnassigned() : r.name(), r, locale);
                }
                line(csv, kpi.figuresTotals(), f.totals(), locale);
            }
        };
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"support-figures-" + f.from() + "-" + f.to() + ".csv\"").build();
    }

    private static void line(CSVPrinter csv, String name, SupportFigures.Row r, Locale l) throws IOException {
        csv.printRecord(name, r.handled(), decimal(r.firstResponseMedianHours(), l), decimal(r.firstResponseP90Hours(), l),
                decimal(r.resolutionMedianHours(), l), decimal(r.resolutionP90Hours(), l), decimal(r.slaMetPercent(), l),
                decimal(r.csatAverage(), l), r.csatCount(), decimal(r.reopenPercent(), l));
    }

    /** A number as the locale writes it for a spreadsheet ("2,50" in Russian); empty when there is none. */
    private static String decimal(BigDecimal n, Locale l) {
        if (n == null) {
            return "";
        }
        String s = n.toPlainString();
        return "ru".equals(l.getLanguage()) ? s.replace('.', ',') : s;
    }
}
