package ru.coalition.ivr;

import java.util.Optional;

/** A caller's number as a line gives it (sip:79201234567@…, +7 920…, 8920…) in the members' form, +7XXXXXXXXXX. */
final class Phones {

    private Phones() {
    }

    static Optional<String> normalise(String caller) {
        String s = caller.trim();
        if (s.startsWith("sip:") || s.startsWith("sips:")) {
            s = s.substring(s.indexOf(':') + 1);
            int at = s.indexOf('@');
            s = at < 0 ? s : s.substring(0, at);
        }
        String digits = s.replaceAll("\\D", "");
        if (digits.length() == 11 && (digits.startsWith("7") || digits.startsWith("8"))) {
            return Optional.of("+7" + digits.substring(1));
        }
        if (digits.length() == 10 && digits.startsWith("9")) {
            return Optional.of("+7" + digits);
        }
        return digits.length() >= 10 && s.startsWith("+") ? Optional.of("+" + digits) : Optional.empty();
    }
}
