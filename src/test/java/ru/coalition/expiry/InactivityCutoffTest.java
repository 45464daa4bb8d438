package ru.coalition.expiry;

import org.junit.jupiter.api.Test;
import ru.coalition.partners.ProgramDefinition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The moment before which a last accrual has lapsed (the expiry job's and the notices' candidate query) agrees with the
 * rule itself on every day, month ends included.
 */
class InactivityCutoffTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Test
    void onThirtyMarchALastAccrualOnTwentyEightFebruaryHasLapsed() {
        Instant cutoff = ExpiryService.inactiveBefore(OffsetDateTime.parse("2026-03-30T12:00:00+03:00").toInstant(), 1, MOSCOW);
        // 28 February + 1 month = 28 March: lapsed at 00:00 of 29 March; 1 March + 1 month: lapses on 2 April
        assertEquals(OffsetDateTime.parse("2026-03-01T00:00:00+03:00").toInstant(), cutoff);
    }

    @Test
    void aLastAccrualBeforeTheCutoffIsExactlyOneWhosePointsHaveLapsed() {
        long seed = Long.getLong("cutoff.seed", System.nanoTime());
        System.out.println("InactivityCutoffTest seed: " + seed + " (rerun with -Dcutoff.seed=" + seed + ")");
        Random random = new Random(seed);
        LocalDate start = LocalDate.of(2027, 1, 1);
        for (int i = 0; i < 20_000; i++) {
            int months = 1 + random.nextInt(24);
            ProgramDefinition.Expiry rule = new ProgramDefinition.Expiry(null, months);
            Instant last = start.plusDays(random.nextInt(1500)).atStartOfDay(MOSCOW).toInstant().plusSeconds(random.nextInt(86_400));
            Instant at = last.plusSeconds((long) random.nextInt(800) * 86_400 + random.nextInt(86_400));
            boolean lapsed = !rule.lapsesAfterInactivity(last, MOSCOW).isAfter(at);
            boolean candidate = last.isBefore(ExpiryService.inactiveBefore(at, months, MOSCOW));
            assertEquals(lapsed, candidate, "last accrual " + last + ", " + months + " months, at " + at + " (seed " + seed + ")");
        }
    }
}
