package ru.coalition.members;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CardNumbersTest {

    @Test
    void luhnCheckDigitOfAKnownNumber() {
        assertEquals(3, CardNumbers.checkDigit("7992739871"));
        assertTrue(CardNumbers.isValid("4111111111111111"));
    }

    @Test
    void newNumbersAreValidAndCatchOneWrongDigit() {
        for (int i = 0; i < 1000; i++) {
            String n = CardNumbers.next();
            assertTrue(n.startsWith("7000") && n.length() == 16 && CardNumbers.isValid(n), n);
            int pos = 4 + i % 12;
            char wrong = (char) ('0' + (n.charAt(pos) - '0' + 1) % 10);
            assertFalse(CardNumbers.isValid(n.substring(0, pos) + wrong + n.substring(pos + 1)));
        }
    }

    @Test
    void phonesAreNormalisedAsTyped() {
        assertEquals("+79101234567", MemberService.normalisePhone("8 (910) 123-45-67"));
        assertEquals("+79101234567", MemberService.normalisePhone("+7 910 123 45 67"));
        assertEquals("+79101234567", MemberService.normalisePhone("79101234567"));
    }
}
