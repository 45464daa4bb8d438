package ru.coalition.catalog;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;

/**
 * Voucher codes people read aloud and type: twelve characters of an alphabet without look-alikes (no 0/O, 1/I/L), in
 * groups of four (7KQM-4XZD-P2RH). Twelve of 31 characters are about 59 bits from SecureRandom: a cashier cannot guess
 * another member's voucher, and collisions are left to the unique key.
 */
public final class VoucherCodes {

    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    static final int LENGTH = 12;
    private static final int GROUP = 4;
    private static final SecureRandom RANDOM = new SecureRandom();

    private VoucherCodes() {
    }

    static String next() {
        StringBuilder raw = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            raw.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return grouped(raw.toString());
    }

    /**
     * A code as typed (any case, spaces or dashes anywhere) in its stored form, or empty when it cannot be a code: the
     * caller then answers "not found" without reading the database.
     */
    public static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        String raw = typed.toUpperCase(Locale.ROOT).replaceAll("[\\s\\-]", "");
        if (raw.length() != LENGTH || raw.chars().anyMatch(c -> ALPHABET.indexOf(c) < 0)) {
            return Optional.empty();
        }
        return Optional.of(grouped(raw));
    }

    private static String grouped(String raw) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < raw.length(); i += GROUP) {
            out.append(i == 0 ? "" : "-").append(raw, i, i + GROUP);
        }
        return out.toString();
    }
}
