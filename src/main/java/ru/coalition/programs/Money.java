package ru.coalition.programs;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/** Money is kopecks (long) inside and a decimal string of roubles with two places at the edge. */
public final class Money {

    /** Up to ten digits of roubles and at most two of kopecks; no sign, no exponent. */
    public static final String PATTERN = "^\\d{1,10}(\\.\\d{1,2})?$";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private Money() {
    }

    public static boolean isValid(String text) {
        return text != null && VALID.matcher(text).matches();
    }

    public static long parse(String text) {
        if (!isValid(text)) {
            throw new IllegalArgumentException("not an amount: " + text);
        }
        return new BigDecimal(text).movePointRight(2).longValueExact();
    }

    public static long of(BigDecimal roubles) {
        return roubles.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
    }

    public static String format(long kopecks) {
        return BigDecimal.valueOf(kopecks, 2).toPlainString();
    }

    /** "13 234,56" for pages. */
    public static String display(long kopecks) {
        String s = String.format(java.util.Locale.ROOT, "%,.2f", BigDecimal.valueOf(kopecks, 2));
        return s.replace(',', '\u00a0').replace('.', ',');
    }
}
