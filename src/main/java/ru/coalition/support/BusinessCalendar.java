package ru.coalition.support;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The support desk's working time (issue 11 §3): working hours per day of the week in one zone, and holidays. Business
 * time is the real time that passes inside the working hours of working days; a holiday has none. Hours are read on
 * the local clock of the zone, so on a day the clocks move a window holds the real time between its local ends (a
 * window 00:00–24:00 holds 23 hours on the spring day and 25 on the autumn day in Europe/Berlin).
 * Pure computation: no database, no clock.
 */
public final class BusinessCalendar {

    /** How far a computation looks ahead before it decides the calendar has no working time at all. */
    static final int HORIZON_DAYS = 3 * 366;

    /**
     * One day's working hours as minutes after local midnight: opens in 0..1439, closes in opens+1..1440 (1440: the
     * end of the day).
     */
    public record Hours(int opensMinute, int closesMinute) {
        public Hours {
            if (opensMinute < 0 || opensMinute > 1439 || closesMinute <= opensMinute || closesMinute > 1440) {
                throw new IllegalArgumentException("working hours " + opensMinute + "–" + closesMinute);
            }
        }

        public static Hours of(String opens, String closes) {
            return new Hours(minute(opens), "24:00".equals(closes) ? 1440 : minute(closes));
        }

        private static int minute(String hhmm) {
            LocalTime t = LocalTime.parse(hhmm);
            return t.getHour() * 60 + t.getMinute();
        }
    }

    private final ZoneId zone;
    private final Map<DayOfWeek, Hours> week;
    private final Set<LocalDate> holidays;

    /** @param week the working hours of each working day of the week (a day not named is a day off) */
    public BusinessCalendar(ZoneId zone, Map<DayOfWeek, Hours> week, Set<LocalDate> holidays) {
        this.zone = zone;
        this.week = week.isEmpty() ? Map.of() : new EnumMap<>(week);
        this.holidays = Set.copyOf(holidays);
    }

    public ZoneId zone() {
        return zone;
    }

    /**
     * The moment when the given business time has passed since start. Zero minutes is start itself; otherwise the
     * moment lies within (or at the closing of) a working window, so time outside working hours never counts: a
     * ticket opened on Saturday with one hour's target is due at Monday's opening plus one hour.
     *
     * @throws IllegalStateException when the calendar has no working time within three years
     */
    public Instant addBusinessMinutes(Instant start, long minutes) {
        if (minutes < 0) {
            throw new IllegalArgumentException("negative business time " + minutes);
        }
        if (minutes == 0) {
            return start;
        }
        long left = minutes * 60;
        LocalDate day = LocalDate.ofInstant(start, zone);
        for (int i = 0; i <= HORIZON_DAYS; i++, day = day.plusDays(1)) {
            Instant[] w = window(day);
            if (w == null || !w[1].isAfter(start)) {
                continue;
            }
            Instant from = start.isAfter(w[0]) ? start : w[0];
            long available = Duration.between(from, w[1]).getSeconds();
            if (left <= available) {
                return from.plusSeconds(left);
            }
            left -= available;
        }
        throw new IllegalStateException("the business calendar has no working time within " + HORIZON_DAYS + " days");
    }

    /** The business time between two moments, in whole minutes (part of a minute does not count); 0 when b is not after a. */
    public long businessMinutesBetween(Instant a, Instant b) {
        return businessSecondsBetween(a, b) / 60;
    }

    long businessSecondsBetween(Instant a, Instant b) {
        if (!b.isAfter(a)) {
            return 0;
        }
        long seconds = 0;
        LocalDate last = LocalDate.ofInstant(b, zone);
        for (LocalDate day = LocalDate.ofInstant(a, zone); !day.isAfter(last); day = day.plusDays(1)) {
            Instant[] w = window(day);
            if (w == null) {
                continue;
            }
            Instant from = a.isAfter(w[0]) ? a : w[0];
            Instant to = b.isBefore(w[1]) ? b : w[1];
            if (to.isAfter(from)) {
                seconds += Duration.between(from, to).getSeconds();
            }
        }
        return seconds;
    }

    /** Whether the day has working hours: a day of the week with hours, and no holiday. */
    public boolean isWorkingDay(LocalDate day) {
        return week.containsKey(day.getDayOfWeek()) && !holidays.contains(day);
    }

    /** The day's working window as two instants, or null on a day off. */
    private Instant[] window(LocalDate day) {
        if (!isWorkingDay(day)) {
            return null;
        }
        Hours h = week.get(day.getDayOfWeek());
        return new Instant[]{at(day, h.opensMinute()), at(day, h.closesMinute())};
    }

    /** A local time of the day as an instant; minute 1440 is the next day's midnight. In a gap the later offset applies. */
    private Instant at(LocalDate day, int minute) {
        if (minute == 1440) {
            return day.plusDays(1).atStartOfDay(zone).toInstant();
        }
        return ZonedDateTime.of(day, LocalTime.of(minute / 60, minute % 60), zone).toInstant();
    }
}
