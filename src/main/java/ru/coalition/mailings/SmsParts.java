package ru.coalition.mailings;

/**
 * How an SMS text travels: GSM-7 when every character is in the GSM basic set (160 per message, 153 per part of a
 * long one), otherwise UCS-2 — any Cyrillic letter — (70, or 67 per part). The composer shows it so the manager
 * sees what a text costs before it goes to a hundred thousand phones.
 */
public record SmsParts(int length, boolean unicode, int parts, int perPart) {

    private static final String GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM_EXTENDED = "^{}\\[~]|€";

    public static SmsParts of(String text) {
        String t = text == null ? "" : text;
        boolean unicode = false;
        int gsmLength = 0;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (GSM.indexOf(c) >= 0) {
                gsmLength++;
            } else if (GSM_EXTENDED.indexOf(c) >= 0) {
                gsmLength += 2;
            } else {
                unicode = true;
            }
        }
        int length = unicode ? t.codePointCount(0, t.length()) : gsmLength;
        int single = unicode ? 70 : 160;
        int perPart = unicode ? 67 : 153;
        int parts = length == 0 ? 0 : length <= single ? 1 : (length + perPart - 1) / perPart;
        return new SmsParts(length, unicode, parts, length <= single ? single : perPart);
    }
}
