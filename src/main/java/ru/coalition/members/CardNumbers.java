package ru.coalition.members;

import java.security.SecureRandom;

/** Card numbers: 16 digits, prefix 7000, Luhn check digit last (so a mistyped digit is caught at the till). */
public final class CardNumbers {

    static final String PREFIX = "7000";
    private static final SecureRandom RANDOM = new SecureRandom();

    private CardNumbers() {
    }

    public static String next() {
        StringBuilder sb = new StringBuilder(PREFIX);
        while (sb.length() < 15) {
            sb.append(RANDOM.nextInt(10));
        }
        return sb.append(checkDigit(sb)).toString();
    }

    public static boolean isValid(String number) {
        return number != null && number.matches("\\d{16}") && checkDigit(number.substring(0, 15)) == number.charAt(15) - '0';
    }

    static int checkDigit(CharSequence payload) {
        int sum = 0;
        for (int i = payload.length() - 1, pos = 0; i >= 0; i--, pos++) {
            int d = payload.charAt(i) - '0';
            if (pos % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        return (10 - sum % 10) % 10;
    }
}
