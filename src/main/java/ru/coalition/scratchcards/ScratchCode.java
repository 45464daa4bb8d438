package ru.coalition.scratchcards;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * The secret under a card's scratch layer: 14 random characters and a check character, printed in three groups of five
 * ({@code 7KQ4M-XH29P-RT3VW}). The alphabet leaves out look-alikes (0/O, 1/I/L), so 31 characters remain: 14 of them
 * carry 69 bits from {@link SecureRandom}. The check character (a position-weighted sum modulo 31) catches every single
 * wrong character and every swap of neighbours, so a typo is told apart from a code that simply is not a card's.
 */
public final class ScratchCode {

    public static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int BASE = ALPHABET.length();
    static final int DATA_LENGTH = 14;
    public static final int LENGTH = DATA_LENGTH + 1;
    private static final int GROUP = 5;
    /** Random bytes at or above this are skipped, so every character is equally likely (248 = 8 × 31). */
    private static final int UNBIASED_BELOW = 256 - 256 % BASE;

    /** What a member typed, read: a possible code, or something no card carries. */
    public enum Reading { CODE, TYPO }

    private ScratchCode() {
    }

    /** A new code (plain, without separators), drawing from the given generator. */
    public static String generate(SecureRandom random) {
        return new Source(random).next();
    }

    /**
     * Codes one after another from one generator, its bytes drawn a few kilobytes at a time (a call per code would cost
     * more than the code). Not for several threads at once.
     */
    public static final class Source {
        private final SecureRandom random;
        private final byte[] pool = new byte[4096];
        private int left;

        public Source(SecureRandom random) {
            this.random = random;
        }

        public String next() {
            char[] code = new char[LENGTH];
            int n = 0;
            while (n < DATA_LENGTH) {
                if (left == 0) {
                    random.nextBytes(pool);
                    left = pool.length;
                }
                int b = pool[--left] & 0xff;
                if (b < UNBIASED_BELOW) {
                    code[n++] = ALPHABET.charAt(b % BASE);
                }
            }
            code[DATA_LENGTH] = ALPHABET.charAt(checkValue(code, DATA_LENGTH));
            return new String(code);
        }
    }

    /** What a person typed or a QR code carried, as a plain code: any case, spaces and dashes ignored. */
    public static String normalise(String typed) {
        if (typed == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(LENGTH);
        typed.toUpperCase(Locale.ROOT).codePoints()
                .filter(c -> !Character.isWhitespace(c) && c != '-' && c != '\u2013' && c != '\u2014' && c != '\u2010')
                .forEach(b::appendCodePoint);
        return b.toString();
    }

    /** Whether a normalised code can be a card's at all: its length, alphabet and check character. */
    public static Reading read(String plain) {
        if (plain.length() != LENGTH) {
            return Reading.TYPO;
        }
        char[] c = plain.toCharArray();
        for (char ch : c) {
            if (ALPHABET.indexOf(ch) < 0) {
                return Reading.TYPO;
            }
        }
        return ALPHABET.charAt(checkValue(c, DATA_LENGTH)) == c[DATA_LENGTH] ? Reading.CODE : Reading.TYPO;
    }

    /** The code as printed, in groups of five. */
    public static String grouped(String plain) {
        StringBuilder b = new StringBuilder(plain.length() + plain.length() / GROUP);
        for (int i = 0; i < plain.length(); i++) {
            if (i > 0 && i % GROUP == 0) {
                b.append('-');
            }
            b.append(plain.charAt(i));
        }
        return b.toString();
    }

    /**
     * The check value of the first {@code length} characters: their values weighted by position (1, 2, 3 …), summed
     * modulo 31. As 31 is prime and no weight is a multiple of it, a wrong character always changes the sum, and so
     * does swapping two neighbours (their weights differ by one). Luhn's doubling would not do: modulo an odd number it
     * maps two values to one, and a typo between them would pass.
     */
    static int checkValue(char[] code, int length) {
        int sum = 0;
        for (int i = 0; i < length; i++) {
            sum += (i + 1) * ALPHABET.indexOf(code[i]);
        }
        return sum % BASE;
    }
}
