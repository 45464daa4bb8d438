package ru.coalition.clearing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import ru.coalition.platform.ClearingMsg;
import ru.coalition.platform.Formats;
import ru.coalition.platform.Messages;
import ru.coalition.platform.PdfFonts;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;

/**
 * A statement as the partner's accountant files it: CSV that Excel in a Russian locale opens as written (semicolons, a
 * BOM, one row per line and the totals), and a one-page PDF with the same figures and words as the page.
 */
@ApplicationScoped
public class StatementExport {

    public static final String CSV = "text/csv";
    public static final String PDF = "application/pdf";

    public Response csv(List<Statement> statements, String fileName, Locale locale) {
        ClearingMsg msg = Messages.clearing(locale);
        StreamingOutput body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\ufeff');
            try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setDelimiter(';')
                    .setHeader(msg.csvPeriod(), msg.csvPartner(), msg.csvSide(), msg.csvCategory(), msg.csvCorrection(), msg.csvPoints(), msg.csvAmount())
                    .get().print(w)) {
                for (Statement s : statements) {
                    for (Statement.Line l : s.lines()) {
                        csv.printRecord(s.period(), s.partnerName(), msg.side(l.side().name()), msg.category(l.category().name()),
                                l.correction() ? Messages.of(locale).yes() : "", l.points(), decimal(l.amount(), locale));
                    }
                    csv.printRecord(s.period(), s.partnerName(), msg.csvNet(), "", "", s.redeemed() - s.issued(), decimal(s.net(), locale));
                }
            }
        };
        return Response.ok(body, CSV + "; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + ".csv\"").build();
    }

    /** A decimal string of the API ("-5000.00") as the locale writes numbers for a spreadsheet ("-5000,00"). */
    private static String decimal(String amount, Locale locale) {
        return "ru".equals(locale.getLanguage()) ? amount.replace('.', ',') : amount;
    }

    public Response pdf(Statement s, String fileName, Locale locale) {
        ClearingMsg msg = Messages.clearing(locale);
        StreamingOutput body = out -> {
            try (PDDocument doc = new PDDocument()) {
                PDType0Font regular = PdfFonts.load(doc, PdfFonts.REGULAR);
                PDType0Font bold = PdfFonts.load(doc, PdfFonts.BOLD);
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                float left = 56;
                float y = PDRectangle.A4.getHeight() - 64;
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    y = text(cs, bold, 16, left, y, msg.pdfTitle(s.partnerName(), Formats.month(YearMonth.parse(s.period()), locale)), 26);
                    y = text(cs, regular, 10, left, y, s.closed() ? msg.closed() : msg.open(), 22);
                    y = row(cs, regular, left, y, msg.issued(), Formats.points(s.issued(), locale));
                    y = row(cs, regular, left, y, msg.redeemed(), Formats.points(s.redeemed(), locale));
                    y = row(cs, regular, left, y, msg.expired(), Formats.points(s.expired(), locale));
                    y = row(cs, regular, left, y, msg.outstanding(), Formats.points(s.outstanding(), locale));
                    y = row(cs, regular, left, y, msg.rate(), Formats.rub(new BigDecimal(s.ratePerPoint()), locale));
                    y = row(cs, bold, left, y, netLabel(msg, s), Formats.rub(new BigDecimal(s.net()).abs(), locale));
                    y -= 14;
                    y = text(cs, bold, 11, left, y, msg.linesTitle(), 18);
                    for (Statement.Line l : s.lines()) {
                        String what = msg.side(l.side().name()) + " · " + msg.category(l.category().name()) + (l.correction() ? " · " + msg.correction() : "");
                        y = row(cs, regular, left, y, what, Formats.points(l.points(), locale) + "   " + Formats.rub(new BigDecimal(l.amount()), locale));
                        if (y < 80) {
                            break;
                        }
                    }
                    text(cs, regular, 8, left, 48, msg.pdfFoot(), 0);
                }
                doc.getDocumentInformation().setTitle(msg.pdfTitle(s.partnerName(), s.period()));
                doc.save(out);
            }
        };
        return Response.ok(body, PDF).header("Content-Disposition", "attachment; filename=\"" + fileName + ".pdf\"").build();
    }

    static String netLabel(ClearingMsg msg, Statement s) {
        return s.netKopecks() > 0 ? msg.netOwedToPartner() : s.netKopecks() < 0 ? msg.netPartnerOwes() : msg.netNone();
    }

    private static float text(PDPageContentStream cs, PDType0Font font, float size, float x, float y, String s, float advance) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
        return y - advance;
    }

    private static float row(PDPageContentStream cs, PDType0Font font, float x, float y, String label, String value) throws IOException {
        text(cs, font, 10, x, y, label, 0);
        float width = font.getStringWidth(value) / 1000 * 10;
        text(cs, font, 10, PDRectangle.A4.getWidth() - 56 - width, y, value, 0);
        return y - 16;
    }

}
