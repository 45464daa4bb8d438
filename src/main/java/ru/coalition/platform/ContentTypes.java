package ru.coalition.platform;

import java.util.Optional;

/**
 * What uploaded bytes are, read from the bytes themselves (their signature), never from the file's name or the type
 * the browser declared: catalog pictures and support attachments accept only what is found here. Five signatures do
 * not justify a content-detection library; SVG and HTML are deliberately absent (they can carry script).
 */
public final class ContentTypes {

    public static final String PNG = "image/png";
    public static final String JPEG = "image/jpeg";
    public static final String WEBP = "image/webp";
    public static final String GIF = "image/gif";
    public static final String PDF = "application/pdf";

    private ContentTypes() {
    }

    public static Optional<String> sniff(byte[] b) {
        if (b == null || b.length < 12) {
            return Optional.empty();
        }
        if ((b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return Optional.of(PNG);
        }
        if ((b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F' && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return Optional.of(WEBP);
        }
        if (b[0] == 'G' && b[1] == 'I' && b[2] == 'F' && b[3] == '8') {
            return Optional.of(GIF);
        }
        if (b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return Optional.of(PDF);
        }
        return Optional.empty();
    }

    /** The usual file extension, for a download's name. */
    public static String extension(String type) {
        return switch (type) {
            case PNG -> "png";
            case JPEG -> "jpg";
            case WEBP -> "webp";
            case GIF -> "gif";
            case PDF -> "pdf";
            default -> "bin";
        };
    }

    /**
     * An uploaded file's name as shown and downloaded: no path, no control or quoting characters, at most 150
     * characters before the extension, and the extension of the type its bytes were sniffed as (never the one given).
     */
    public static String fileName(String given, String type) {
        String base = given == null ? "" : given.replaceAll(".*[/\\\\]", "").replaceAll("[\\p{Cntrl}\"<>]", "").trim();
        int dot = base.lastIndexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        if (base.isEmpty()) {
            base = "file";
        }
        if (base.length() > 150) {
            base = base.substring(0, 150);
        }
        return base + "." + extension(type);
    }
}
