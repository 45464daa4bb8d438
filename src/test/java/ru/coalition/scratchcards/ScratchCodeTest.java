package ru.coalition.scratchcards;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The code under the scratch layer: its alphabet, length, grouping and check character. */
class ScratchCodeTest {

    @Test
    void codesAreFifteenCharactersWithoutLookAlikesAndReadBackInAnyForm() {
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            String code = ScratchCode.generate(random);
            assertEquals(ScratchCode.LENGTH, code.length());
            assertTrue(code.chars().noneMatch(c -> "01OIL".indexOf(c) >= 0), code);
            assertTrue(seen.add(code), "a code came twice: " + code);
            assertEquals(ScratchCode.Reading.CODE, ScratchCode.read(code));
            String grouped = ScratchCode.grouped(code);
            assertTrue(grouped.matches("[2-9A-Z]{5}-[2-9A-Z]{5}-[2-9A-Z]{5}"), grouped);
            assertEquals(code, ScratchCode.normalise(" " + grouped.toLowerCase().replace("-", " – ") + "\n"));
        }
    }

    @Test
    void everySingleWrongCharacterIsATypo() {
        long seed = System.nanoTime();
        System.out.println("ScratchCodeTest seed " + seed);
        Random random = new Random(seed);
        SecureRandom codes = new SecureRandom();
        for (int n = 0; n < 500; n++) {
            String code = ScratchCode.generate(codes);
            int at = random.nextInt(ScratchCode.LENGTH);
            assertEquals(ScratchCode.Reading.CODE, ScratchCode.read(code));
            for (char c : ScratchCode.ALPHABET.toCharArray()) {
                if (c != code.charAt(at)) {
                    String typo = code.substring(0, at) + c + code.substring(at + 1);
                    assertEquals(ScratchCode.Reading.TYPO, ScratchCode.read(typo), code + " -> " + typo + " (seed " + seed + ")");
                }
            }
        }
    }

    @Test
    void everySwapOfNeighboursIsATypoAndForeignCharactersToo() {
        SecureRandom random = new SecureRandom();
        for (int n = 0; n < 5_000; n++) {
            String code = ScratchCode.generate(random);
            // the data characters; a swap with the check character itself is caught unless the two happen to agree
            int at = n % (ScratchCode.LENGTH - 2);
            if (code.charAt(at) == code.charAt(at + 1)) {
                continue;
            }
            String swapped = code.substring(0, at) + code.charAt(at + 1) + code.charAt(at) + code.substring(at + 2);
            assertEquals(ScratchCode.Reading.TYPO, ScratchCode.read(swapped), code + " -> " + swapped);
        }
        assertEquals(ScratchCode.Reading.TYPO, ScratchCode.read("0OIL1" + "A".repeat(10)));
        assertEquals(ScratchCode.Reading.TYPO, ScratchCode.read("АВСЕН" + "A".repeat(10)));
        assertEquals(ScratchCode.Reading.TYPO, ScratchCode.read(ScratchCode.normalise(null)));
    }
}
