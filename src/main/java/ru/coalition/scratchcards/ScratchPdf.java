package ru.coalition.scratchcards;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import ru.coalition.platform.Formats;
import ru.coalition.platform.PdfFonts;
import ru.coalition.platform.ScratchMsg;

import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * The print-ready sheets of a batch: A4 pages of ten card faces (two columns, five rows, cut lines between), each with
 * the partner's name, the points, the serial, the last day, and — in the framed area the printer covers with the
 * scratch layer — the code and a QR code that opens the cabinet's code entry with the code filled in. The QR is drawn
 * as vector squares and the text in an embedded DejaVu subset (Cyrillic), so the sheet prints sharp at any size.
 */
public final class ScratchPdf {

    /** Cards per downloadable PDF part: a part of a million-card batch would not be one file anybody can open. */
    public static final int CARDS_PER_PART = 1000;
    static final int COLUMNS = 2;
    static final int ROWS = 5;
    private static final float MARGIN = 14;
    private static final float QR_SIZE = 70;

    /** One card to print. */
    public record Card(String serial, String code) {
    }

    /** What every card of the batch says. */
    public record Face(String partnerName, long points, LocalDate validUntil, String entryUrl, Locale locale, ScratchMsg msg) {
    }

    private ScratchPdf() {
    }

    public static void write(Face face, Iterator<Card> cards, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument()) {
            Fonts fonts = new Fonts(PdfFonts.load(doc, PdfFonts.REGULAR), PdfFonts.load(doc, PdfFonts.BOLD), PdfFonts.load(doc, PdfFonts.MONO_BOLD));
            PDRectangle a4 = PDRectangle.A4;
            float cellWidth = a4.getWidth() / COLUMNS;
            float cellHeight = a4.getHeight() / ROWS;
            while (cards.hasNext()) {
                PDPage page = new PDPage(a4);
                doc.addPage(page);
                try (PDPageContentStream cs = new PDPageContentStream(doc, page)) {
                    cutLines(cs, a4, cellWidth, cellHeight);
                    for (int i = 0; i < COLUMNS * ROWS && cards.hasNext(); i++) {
                        float x = (i % COLUMNS) * cellWidth;
                        float y = a4.getHeight() - (i / COLUMNS + 1) * cellHeight;
                        card(cs, fonts, face, cards.next(), x, y, cellWidth, cellHeight);
                    }
                }
            }
            doc.getDocumentInformation().setTitle(face.partnerName());
            doc.save(out);
        }
    }

    private record Fonts(PDType0Font regular, PDType0Font bold, PDType0Font mono) {
    }


    private static void cutLines(PDPageContentStream cs, PDRectangle a4, float w, float h) throws IOException {
        cs.setStrokingColor(0.75f, 0.75f, 0.75f);
        cs.setLineWidth(0.4f);
        cs.setLineDashPattern(new float[]{3, 3}, 0);
        for (int c = 1; c < COLUMNS; c++) {
            cs.moveTo(c * w, 0);
            cs.lineTo(c * w, a4.getHeight());
        }
        for (int r = 1; r < ROWS; r++) {
            cs.moveTo(0, r * h);
            cs.lineTo(a4.getWidth(), r * h);
        }
        cs.stroke();
        cs.setLineDashPattern(new float[0], 0);
    }

    private static void card(PDPageContentStream cs, Fonts f, Face face, Card card, float x, float y, float w, float h)
            throws IOException {
        float left = x + MARGIN;
        float top = y + h - MARGIN;
        float width = w - 2 * MARGIN;
        ScratchMsg msg = face.msg();
        cs.setNonStrokingColor(0f, 0f, 0f);
        text(cs, f.bold(), 11, left, top - 11, fit(f.bold(), 11, face.partnerName(), width));
        text(cs, f.bold(), 20, left, top - 36, fit(f.bold(), 20, Formats.points(face.points(), face.locale()), width));
        text(cs, f.regular(), 8, left, top - 51, fit(f.regular(), 8, msg.pdfValidUntil(Formats.date(face.validUntil(), face.locale())), width));
        text(cs, f.regular(), 8, left, top - 63, fit(f.regular(), 8, msg.pdfSerial(card.serial()), width));

        // the secret, code and QR, inside the frame the printer covers with the scratch layer
        float frameBottom = y + MARGIN - 4;
        float frameTop = top - 70;
        cs.setStrokingColor(0.55f, 0.55f, 0.55f);
        cs.setLineWidth(0.6f);
        cs.addRect(left - 4, frameBottom, width + 8, frameTop - frameBottom);
        cs.stroke();
        float qrX = left + width - QR_SIZE;
        float codeWidth = qrX - left - 6;
        text(cs, f.regular(), 7, left, frameTop - 12, fit(f.regular(), 7, msg.pdfCodeLabel(), codeWidth));
        text(cs, f.mono(), 12.5f, left, frameTop - 30, ScratchCode.grouped(card.code()));
        text(cs, f.regular(), 6.5f, left, frameBottom + 16, fit(f.regular(), 6.5f, msg.pdfHowTo(), codeWidth));
        text(cs, f.regular(), 6.5f, left, frameBottom + 7, fit(f.regular(), 6.5f, face.entryUrl().replaceFirst("^https?://", "")
                .replaceFirst("\\?.*$", ""), codeWidth));
        qr(cs, face.entryUrl() + card.code(), qrX, frameBottom + 2);
    }

    private static void text(PDPageContentStream cs, PDType0Font font, float size, float x, float y, String s) throws IOException {
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, y);
        cs.showText(s);
        cs.endText();
    }

    /** The text, cut with an ellipsis where it would run out of its width. */
    static String fit(PDType0Font font, float size, String s, float width) throws IOException {
        if (width(font, size, s) <= width) {
            return s;
        }
        String cut = s;
        while (cut.length() > 1 && width(font, size, cut + "…") > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut.strip() + "…";
    }

    private static float width(PDType0Font font, float size, String s) throws IOException {
        return font.getStringWidth(s) / 1000 * size;
    }

    private static void qr(PDPageContentStream cs, String content, float x, float y) throws IOException {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(content, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2));
        } catch (WriterException e) {
            throw new IOException(e);
        }
        float module = QR_SIZE / m.getWidth();
        cs.setNonStrokingColor(0f, 0f, 0f);
        for (int row = 0; row < m.getHeight(); row++) {
            for (int col = 0; col < m.getWidth(); col++) {
                if (m.get(col, row)) {
                    // a hair of overlap, so no viewer draws seams between neighbouring modules
                    cs.addRect(x + col * module, y + QR_SIZE - (row + 1) * module, module + 0.05f, module + 0.05f);
                }
            }
        }
        cs.fill();
    }
}
