package ru.coalition.cabinet;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.quarkus.qute.RawString;

import java.util.Map;

/**
 * The member's card number as a QR code for the till's scanner, drawn as SVG on the server and put into the page
 * itself: no script and no image from elsewhere, so it works under the Content-Security-Policy. Only digits go in
 * (the card number, nothing personal), with the quiet zone the standard asks for and medium error correction so a
 * scratched phone screen still reads.
 */
final class CardQr {

    private static final int QUIET_ZONE = 4;

    private CardQr() {
    }

    /** An &lt;svg&gt; element labelled for screen readers; it scales with its box (viewBox in modules). */
    static RawString svg(String cardNumber, String label) {
        BitMatrix m;
        try {
            m = new QRCodeWriter().encode(cardNumber, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, QUIET_ZONE));
        } catch (WriterException e) {
            throw new IllegalStateException("a card number always fits a QR code", e);
        }
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < m.getHeight(); y++) {
            int x = 0;
            while (x < m.getWidth()) {
                if (!m.get(x, y)) {
                    x++;
                    continue;
                }
                int run = 1;
                while (x + run < m.getWidth() && m.get(x + run, y)) {
                    run++;
                }
                // one horizontal run of dark modules: a 1-high rectangle
                path.append('M').append(x).append(' ').append(y).append('h').append(run).append("v1h-").append(run).append('z');
                x += run;
            }
        }
        String escaped = label.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
        return new RawString("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"card-qr\" viewBox=\"0 0 " + m.getWidth() + " " + m.getHeight()
                + "\" role=\"img\" aria-label=\"" + escaped + "\" shape-rendering=\"crispEdges\" data-card=\"" + cardNumber + "\">"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>");
    }
}
