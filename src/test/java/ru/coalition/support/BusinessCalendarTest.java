package ru.coalition.support;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Business time of the support desk's calendar: hours, weekends, holidays, and zones with and without DST (plain JUnit). */
class BusinessCalendarTest {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** Monday to Friday 09:00–18:00. */
    static Map<DayOfWeek, BusinessCalendar.Hours> weekdays(String opens, String closes) {
        Map<DayOfWeek, BusinessCalendar.Hours> week = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d != DayOfWeek.SATURDAY && d != DayOfWeek.SUNDAY) {
                week.put(d, BusinessCalendar.Hours.of(opens, closes));
            }
        }
        return week;
    }

    static BusinessCalendar moscow(LocalDate... holidays) {
        return new BusinessCalendar(MOSCOW, weekdays("09:00", "18:00"), Set.of(holidays));
    }

    static Instant at(String iso) {
        return OffsetDateTime.parse(iso).toInstant();
    }

    @Test
    void withinOneWorkingDay() {
        BusinessCalendar c = moscow();
        // Tuesday 2026-12-01 10:00 Moscow + 3 h
        assertEquals(at("2026-12-01T13:00:00+03:00"), c.addBusinessMinutes(at("2026-12-01T10:00:00+03:00"), 180));
        assertEquals(180, c.businessMinutesBetween(at("2026-12-01T10:00:00+03:00"), at("2026-12-01T13:00:00+03:00")));
        assertEquals(at("2026-12-01T10:00:00+03:00"), c.addBusinessMinutes(at("2026-12-01T10:00:00+03:00"), 0));
    }

    @Test
    void theRestCarriesOverToTheNextMorning() {
        BusinessCalendar c = moscow();
        // Tuesday 17:00 + 3 h: one hour today, two tomorrow from 09:00
        assertEquals(at("2026-12-02T11:00:00+03:00"), c.addBusinessMinutes(at("2026-12-01T17:00:00+03:00"), 180));
        // exactly the rest of the day: due at the closing, not the next morning
        assertEquals(at("2026-12-01T18:00:00+03:00"), c.addBusinessMinutes(at("2026-12-01T17:00:00+03:00"), 60));
        assertEquals(180, c.businessMinutesBetween(at("2026-12-01T17:00:00+03:00"), at("2026-12-02T11:00:00+03:00")));
    }

    @Test
    void startOutsideTheHoursCountsFromTheNextOpening() {
        BusinessCalendar c = moscow();
        // before the opening: from 09:00 the same day
        assertEquals(at("2026-12-01T10:00:00+03:00"), c.addBusinessMinutes(at("2026-12-01T06:30:00+03:00"), 60));
        // after the closing: from 09:00 the next day
        assertEquals(at("2026-12-02T10:00:00+03:00"), c.addBusinessMinutes(at("2026-12-01T21:15:00+03:00"), 60));
        // nothing passes at night
        assertEquals(0, c.businessMinutesBetween(at("2026-12-01T18:00:00+03:00"), at("2026-12-02T09:00:00+03:00")));
        assertEquals(0, c.businessMinutesBetween(at("2026-12-02T09:00:00+03:00"), at("2026-12-01T18:00:00+03:00")));
    }

    @Test
    void weekendsDoNotCount() {
        BusinessCalendar c = moscow();
        // Friday 2026-12-04 17:00 + 2 h → Monday 2026-12-07 10:00
        assertEquals(at("2026-12-07T10:00:00+03:00"), c.addBusinessMinutes(at("2026-12-04T17:00:00+03:00"), 120));
        // opened on Saturday: Monday's opening plus the target
        assertEquals(at("2026-12-07T12:00:00+03:00"), c.addBusinessMinutes(at("2026-12-05T11:00:00+03:00"), 180));
        assertEquals(120, c.businessMinutesBetween(at("2026-12-04T17:00:00+03:00"), at("2026-12-07T10:00:00+03:00")));
        assertFalse(c.isWorkingDay(LocalDate.parse("2026-12-05")));
    }

    @Test
    void holidaysDoNotCount() {
        // the New Year holidays of 2027 (1–8 January) and the weekend: Thursday 31 December 17:00 + 2 h → Monday 11 January 10:00
        LocalDate[] newYear = new LocalDate[8];
        for (int i = 0; i < 8; i++) {
            newYear[i] = LocalDate.of(2027, 1, i + 1);
        }
        BusinessCalendar c = moscow(newYear);
        assertEquals(at("2027-01-11T10:00:00+03:00"), c.addBusinessMinutes(at("2026-12-31T17:00:00+03:00"), 120));
        assertEquals(120, c.businessMinutesBetween(at("2026-12-31T17:00:00+03:00"), at("2027-01-11T10:00:00+03:00")));
        // a holiday in the middle of the week: Wednesday 4 November 2026
        BusinessCalendar unity = moscow(LocalDate.parse("2026-11-04"));
        assertEquals(at("2026-11-05T10:00:00+03:00"), unity.addBusinessMinutes(at("2026-11-03T17:00:00+03:00"), 120));
        assertTrue(moscow().isWorkingDay(LocalDate.parse("2026-11-04")));
        assertFalse(unity.isWorkingDay(LocalDate.parse("2026-11-04")));
    }

    @Test
    void aTargetOfSeveralDays() {
        BusinessCalendar c = moscow();
        // 40 business hours from Wednesday 2026-12-02 14:00: Wed 4 h, Thu 9, Fri 9, Mon 9, Tue 9 = 40 → Tuesday 18:00
        assertEquals(at("2026-12-08T18:00:00+03:00"), c.addBusinessMinutes(at("2026-12-02T14:00:00+03:00"), 40 * 60));
        assertEquals(40 * 60, c.businessMinutesBetween(at("2026-12-02T14:00:00+03:00"), at("2026-12-08T18:00:00+03:00")));
        // one minute more is Wednesday 09:01
        assertEquals(at("2026-12-09T09:01:00+03:00"), c.addBusinessMinutes(at("2026-12-02T14:00:00+03:00"), 40 * 60 + 1));
    }

    @Test
    void partsOfAMinuteDoNotCountAsAMinute() {
        BusinessCalendar c = moscow();
        assertEquals(0, c.businessMinutesBetween(at("2026-12-01T10:00:00+03:00"), at("2026-12-01T10:00:59+03:00")));
        assertEquals(at("2026-12-01T10:01:30+03:00"), c.addBusinessMinutes(at("2026-12-01T10:00:30+03:00"), 1));
    }

    @Test
    void berlinAcrossTheSpringChange() {
        BusinessCalendar c = new BusinessCalendar(BERLIN, weekdays("09:00", "18:00"), Set.of());
        // Friday 2026-03-27 17:00 CET (+01:00) + 2 h → Monday 2026-03-30 10:00 CEST (+02:00): the hours stay local
        Instant due = c.addBusinessMinutes(at("2026-03-27T17:00:00+01:00"), 120);
        assertEquals(at("2026-03-30T10:00:00+02:00"), due);
        assertEquals(Instant.parse("2026-03-30T08:00:00Z"), due);
        assertEquals(120, c.businessMinutesBetween(at("2026-03-27T17:00:00+01:00"), due));
    }

    @Test
    void berlinAcrossTheAutumnChange() {
        BusinessCalendar c = new BusinessCalendar(BERLIN, weekdays("09:00", "18:00"), Set.of());
        // Friday 2026-10-23 17:00 CEST + 2 h → Monday 2026-10-26 10:00 CET (+01:00)
        Instant due = c.addBusinessMinutes(at("2026-10-23T17:00:00+02:00"), 120);
        assertEquals(Instant.parse("2026-10-26T09:00:00Z"), due);
    }

    @Test
    void aDayWhenTheClocksMoveHoldsItsRealHours() {
        // a desk working around the clock: the spring Sunday in Berlin has 23 hours, the autumn one 25
        Map<DayOfWeek, BusinessCalendar.Hours> always = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            always.put(d, BusinessCalendar.Hours.of("00:00", "24:00"));
        }
        BusinessCalendar c = new BusinessCalendar(BERLIN, always, Set.of());
        assertEquals(23 * 60, c.businessMinutesBetween(at("2026-03-29T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00")));
        assertEquals(25 * 60, c.businessMinutesBetween(at("2026-10-25T00:00:00+02:00"), at("2026-10-26T00:00:00+01:00")));
        assertEquals(at("2026-03-30T00:00:00+02:00"), c.addBusinessMinutes(at("2026-03-29T00:00:00+01:00"), 23 * 60));
        // a night window across the gap (01:00–05:00 local) holds three real hours that night
        Map<DayOfWeek, BusinessCalendar.Hours> night = new EnumMap<>(DayOfWeek.class);
        night.put(DayOfWeek.SUNDAY, BusinessCalendar.Hours.of("01:00", "05:00"));
        BusinessCalendar n = new BusinessCalendar(BERLIN, night, Set.of());
        assertEquals(180, n.businessMinutesBetween(at("2026-03-29T00:00:00+01:00"), at("2026-03-29T12:00:00+02:00")));
        assertEquals(240, n.businessMinutesBetween(at("2026-03-22T00:00:00+01:00"), at("2026-03-22T12:00:00+01:00")));
    }

    @Test
    void moscowHasNoChangeOfClocks() {
        // the same Friday-to-Monday span as in Berlin: Moscow stays at +03:00
        BusinessCalendar c = moscow();
        assertEquals(Instant.parse("2026-03-30T07:00:00Z"), c.addBusinessMinutes(at("2026-03-27T17:00:00+03:00"), 120));
    }

    @Test
    void aCalendarWithoutWorkingTimeIsAnError() {
        BusinessCalendar none = new BusinessCalendar(MOSCOW, Map.of(), Set.of());
        assertThrows(IllegalStateException.class, () -> none.addBusinessMinutes(at("2026-12-01T10:00:00+03:00"), 1));
        assertEquals(0, none.businessMinutesBetween(at("2026-12-01T10:00:00+03:00"), at("2026-12-31T10:00:00+03:00")));
        assertThrows(IllegalArgumentException.class, () -> BusinessCalendar.Hours.of("18:00", "09:00"));
        assertThrows(IllegalArgumentException.class, () -> moscow().addBusinessMinutes(Instant.EPOCH, -1));
    }

    /** For random starts and targets: the business time from the start to the due moment is the target, and not a minute earlier. */
    @Test
    void addingAndMeasuringAgreeEverywhere() {
        long seed = System.nanoTime();
        System.out.println("BusinessCalendarTest seed " + seed);
        Random random = new Random(seed);
        BusinessCalendar[] calendars = {moscow(LocalDate.parse("2026-11-04"), LocalDate.parse("2027-01-01")),
                new BusinessCalendar(BERLIN, weekdays("08:30", "17:15"), Set.of(LocalDate.parse("2026-10-26")))};
        Instant from = at("2026-09-01T00:00:00+03:00");
        for (int i = 0; i < 2000; i++) {
            BusinessCalendar c = calendars[i % 2];
            Instant start = from.plusSeconds(random.nextInt(200 * 24 * 3600));
            long minutes = 1 + random.nextInt(60 * 60);
            Instant due = c.addBusinessMinutes(start, minutes);
            String where = "seed " + seed + " start " + start + " + " + minutes;
            assertEquals(minutes, c.businessMinutesBetween(start, due), where);
            assertEquals(minutes - 1, c.businessMinutesBetween(start, due.minusSeconds(60)), where);
            assertTrue(c.isWorkingDay(LocalDate.ofInstant(due.minusSeconds(1), c.zone())), where);
        }
    }
}
