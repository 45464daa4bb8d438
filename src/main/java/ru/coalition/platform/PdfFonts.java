package ru.coalition.platform;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.IOException;
import java.io.InputStream;

/**
 * The fonts every PDF the app writes embeds (a subset each): DejaVu, shipped in resources/fonts with its licence,
 * because PDF's standard fonts have no Cyrillic.
 */
public final class PdfFonts {

    public static final String REGULAR = "DejaVuSans.ttf";
    public static final String BOLD = "DejaVuSans-Bold.ttf";
    public static final String MONO_BOLD = "DejaVuSansMono-Bold.ttf";

    private PdfFonts() {
    }

    public static PDType0Font load(PDDocument doc, String file) throws IOException {
        try (InputStream in = PdfFonts.class.getResourceAsStream("/fonts/" + file)) {
            if (in == null) {
                throw new IOException("font " + file + " is missing from the build");
            }
            return PDType0Font.load(doc, in);
        }
    }
}
