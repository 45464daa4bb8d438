package ru.coalition.mailings;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Map;

/**
 * No marketing SMS at night in the member's local time (issue 12 §4). The member's time zone comes from the city of the
 * questionnaire through the small map below (the largest cities of each Russian zone); any other city, or none, is
 * Moscow time, where most members live.
 */
public final class QuietHours {

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Moscow");

    private static final Map<String, String> ZONES = Map.ofEntries(
            Map.entry("калининград", "Europe/Kaliningrad"),
            Map.entry("самара", "Europe/Samara"), Map.entry("ижевск", "Europe/Samara"), Map.entry("ульяновск", "Europe/Ulyanovsk"),
            Map.entry("саратов", "Europe/Saratov"), Map.entry("астрахань", "Europe/Astrakhan"), Map.entry("волгоград", "Europe/Volgograd"),
            Map.entry("екатеринбург", "Asia/Yekaterinburg"), Map.entry("челябинск", "Asia/Yekaterinburg"), Map.entry("пермь", "Asia/Yekaterinburg"),
            Map.entry("тюмень", "Asia/Yekaterinburg"), Map.entry("уфа", "Asia/Yekaterinburg"), Map.entry("оренбург", "Asia/Yekaterinburg"),
            Map.entry("омск", "Asia/Omsk"),
            Map.entry("новосибирск", "Asia/Novosibirsk"), Map.entry("томск", "Asia/Tomsk"), Map.entry("барнаул", "Asia/Barnaul"),
            Map.entry("кемерово", "Asia/Novokuznetsk"), Map.entry("новокузнецк", "Asia/Novokuznetsk"),
            Map.entry("красноярск", "Asia/Krasnoyarsk"),
            Map.entry("иркутск", "Asia/Irkutsk"), Map.entry("улан-удэ", "Asia/Irkutsk"),
            Map.entry("чита", "Asia/Chita"), Map.entry("якутск", "Asia/Yakutsk"),
            Map.entry("владивосток", "Asia/Vladivostok"), Map.entry("хабаровск", "Asia/Vladivostok"),
            Map.entry("магадан", "Asia/Magadan"), Map.entry("южно-сахалинск", "Asia/Sakhalin"),
            Map.entry("петропавловск-камчатский", "Asia/Kamchatka"));

    private final int fromHour;
    private final int toHour;

    public QuietHours(int fromHour, int toHour) {
        this.fromHour = fromHour;
        this.toHour = toHour;
    }

    public static ZoneId zoneOf(String city) {
        if (city == null) {
            return DEFAULT_ZONE;
        }
        String key = city.strip().toLowerCase(Locale.ROOT).replace('ё', 'е');
        if (key.startsWith("г. ")) {
            key = key.substring(3).strip();
        }
        String zone = ZONES.get(key);
        return zone == null ? DEFAULT_ZONE : ZoneId.of(zone);
    }

    /** When a marketing SMS to a member of that city may go: {@code now} itself, or the end of the quiet hours. */
    public Instant allowedFrom(Instant now, String city) {
        if (fromHour == toHour) {
            return now;
        }
        ZonedDateTime local = now.atZone(zoneOf(city));
        int hour = local.getHour();
        boolean quiet = fromHour > toHour ? hour >= fromHour || hour < toHour : hour >= fromHour && hour < toHour;
        if (!quiet) {
            return now;
        }
        LocalDate day = hour >= toHour ? local.toLocalDate().plusDays(1) : local.toLocalDate();
        return ZonedDateTime.of(day, LocalTime.of(toHour, 0), local.getZone()).toInstant();
    }
}
