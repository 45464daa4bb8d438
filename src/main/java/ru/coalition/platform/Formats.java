package ru.coalition.platform;

import com.ibm.icu.text.MeasureFormat;
import com.ibm.icu.text.NumberFormat;
import com.ibm.icu.text.PluralRules;
import com.ibm.icu.util.Measure;
import com.ibm.icu.util.MeasureUnit;
import com.ibm.icu.util.ULocale;
import io.quarkus.arc.Arc;
import io.quarkus.qute.TemplateExtension;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/**
 * The one place that turns numbers, points, money and dates into text, for pages, e-mails and SMS alike:
 * «14 010 баллов», «14 010,50 ₽», «25.11.2026 15:05» in Russian; "14,010 points", "RUB 14,010.50",
 * "25 Nov 2026, 15:05" in English. Templates call these as extensions ({w.active.asPoints}, {amount.asRub},
 * {e.at.asDateTime}; the "as" keeps them apart from properties of the same name, such as a row's points); the language is the template's "locale" attribute (set for every page from the request, and
 * by the bundle for messages), the time zone the viewer's (see {@link RequestLocale#zone()}).
 */
@TemplateExtension
public final class Formats {

    /** Where the operator and most partners are; used when the viewer's zone is unknown (e-mails, jobs). */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Europe/Moscow");
    private static final DateTimeFormatter RU_DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter RU_DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm");
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter EN_DATE_TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final MeasureUnit[] BYTE_UNITS = {MeasureUnit.BYTE, MeasureUnit.KILOBYTE, MeasureUnit.MEGABYTE,
            MeasureUnit.GIGABYTE, MeasureUnit.TERABYTE};

    private Formats() {
    }

    // ---- Java callers ----

    /** 14010 → «14 010» (narrow no-break space), "14,010". */
    public static String number(long n, Locale locale) {
        return integers(locale).format(n);
    }

    /** 14010 → «14 010 баллов», "14,010 points"; the word follows CLDR's plural rules of the language. */
    public static String points(long n, Locale locale) {
        return Messages.of(locale).pointsCount(number(n, locale), plural(n, locale));
    }

    public static String days(long n, Locale locale) {
        return Messages.of(locale).daysCount(number(n, locale), plural(n, locale));
    }

    public static String months(long n, Locale locale) {
        return Messages.of(locale).monthsCount(number(n, locale), plural(n, locale));
    }

    /**
     * A size on disk: 1 288 490 188 → «1,2 ГБ», "1.2 GB" (units of 1 024, as PostgreSQL counts them; one decimal below
     * 10). ICU's measure format gives each language its unit names.
     */
    public static String bytes(long n, Locale locale) {
        double value = n;
        int unit = 0;
        while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        ULocale ulocale = ULocale.forLocale(english(locale) ? Locale.ENGLISH : Texts.RUSSIAN);
        NumberFormat digits = NumberFormat.getInstance(ulocale);
        digits.setMaximumFractionDigits(unit > 0 && value < 10 ? 1 : 0);
        return MeasureFormat.getInstance(ulocale, MeasureFormat.FormatWidth.SHORT, digits).format(new Measure(value, BYTE_UNITS[unit]));
    }

    /** 14010.5 → «14 010,50 ₽», "RUB 14,010.50": always two places, so amounts line up in a column. */
    public static String rub(BigDecimal amount, Locale locale) {
        String n = money(locale).format(amount.setScale(2, RoundingMode.HALF_EVEN));
        return english(locale) ? "RUB " + n : n + "\u00a0₽";
    }

    public static String date(LocalDate day, Locale locale) {
        return day.format(english(locale) ? EN_DATE : RU_DATE);
    }

    public static String dateTime(Instant at, ZoneId zone, Locale locale) {
        return at.atZone(zone).format(english(locale) ? EN_DATE_TIME : RU_DATE_TIME);
    }

    public static String time(Instant at, ZoneId zone) {
        return at.atZone(zone).format(TIME);
    }

    /** CLDR's plural category of n: "one", "few", "many" or "other". */
    public static String plural(long n, Locale locale) {
        return PluralRules.forLocale(english(locale) ? Locale.ENGLISH : Texts.RUSSIAN).select(n);
    }

    // ---- template extensions; locale is the template's attribute. They take Object because message parameters are
    // Object (see Msg); a value of the wrong kind fails loudly with a ClassCastException. ----

    @TemplateExtension(matchName = "asNumber")
    static String numberOf(Object n, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return n == null ? "" : number(count(n), localeOf(locale));
    }

    @TemplateExtension(matchName = "asPoints")
    static String pointsOf(Object n, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return n == null ? "" : points(count(n), localeOf(locale));
    }

    /** CLDR's plural category, for words that agree with a number («сгорит» / «сгорят»). */
    @TemplateExtension(matchName = "asPlural")
    static String pluralOf(Object n, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return n == null ? "other" : plural(count(n), localeOf(locale));
    }

    @TemplateExtension(matchName = "asDays")
    static String daysOf(Object n, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return n == null ? "" : days(count(n), localeOf(locale));
    }

    @TemplateExtension(matchName = "asMonths")
    static String monthsOf(Object n, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return n == null ? "" : months(count(n), localeOf(locale));
    }

    @TemplateExtension(matchName = "asBytes")
    static String bytesOf(Object n, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return n == null ? "" : bytes(count(n), localeOf(locale));
    }

    /** Money as BigDecimal, as decimal text ("2300.50", the API's form) or as whole roubles. */
    @TemplateExtension(matchName = "asRub")
    static String rubOf(Object amount, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return amount == null || amount.toString().isBlank() ? "" : rub(decimal(amount), localeOf(locale));
    }

    /** A day: LocalDate as it is; an instant (OffsetDateTime, Instant) as the day it is in the viewer's zone. */
    @TemplateExtension(matchName = "asDate")
    static String dateOf(Object when, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return when == null ? "" : date(when instanceof LocalDate d ? d : instant(when).atZone(zone()).toLocalDate(), localeOf(locale));
    }

    @TemplateExtension(matchName = "asDateTime")
    static String dateTimeOf(Object at, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return at == null ? "" : dateTime(instant(at), zone(), localeOf(locale));
    }

    @TemplateExtension(matchName = "asTime")
    static String timeOf(Object at) {
        return at == null ? "" : time(instant(at), zone());
    }

    /** A factor or rate as people write it: 1.5 → «1,5», 2.000 → «2»; up to three places, no trailing zeros. */
    @TemplateExtension(matchName = "asDecimal")
    static String decimalOf(BigDecimal n, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        if (n == null) {
            return "";
        }
        DecimalFormat f = new DecimalFormat("#,##0.###", symbols(localeOf(locale)));
        return f.format(n);
    }

    /** A month as people name it: «декабрь 2026», "December 2026". */
    @TemplateExtension(matchName = "asMonth")
    static String monthOf(java.time.YearMonth month, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return month(month, localeOf(locale));
    }

    public static String month(java.time.YearMonth month, Locale locale) {
        return month.format(DateTimeFormatter.ofPattern("LLLL yyyy", english(locale) ? Locale.ENGLISH : Texts.RUSSIAN));
    }

    /** A month on a chart's axis: «дек.», "Dec". */
    @TemplateExtension(matchName = "asShortMonth")
    static String shortMonthOf(java.time.YearMonth month, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        Locale l = localeOf(locale);
        return month.format(DateTimeFormatter.ofPattern("LLL", english(l) ? Locale.ENGLISH : Texts.RUSSIAN));
    }

    /** For &lt;time datetime="…"&gt;: machines read the instant, people the text beside it. */
    @TemplateExtension(matchName = "asIso")
    static String isoOf(Object at) {
        return at == null ? "" : at instanceof LocalDate d ? d.toString() : instant(at).toString();
    }

    private static Instant instant(Object at) {
        return at instanceof Instant i ? i : Instant.from((TemporalAccessor) at);
    }

    /** A count as a number, or as the decimal text an append-only record keeps it in (a timeline's detail). */
    private static long count(Object n) {
        return n instanceof CharSequence text ? Long.parseLong(text.toString().trim()) : ((Number) n).longValue();
    }

    private static BigDecimal decimal(Object amount) {
        return amount instanceof BigDecimal b ? b : new BigDecimal(amount.toString().trim());
    }

    // ----

    static Locale localeOf(Object attribute) {
        if (attribute instanceof Locale l) {
            return l;
        }
        if (attribute instanceof String s && !s.isBlank()) {
            return Locale.forLanguageTag(s);
        }
        var request = Arc.container() == null ? null : Arc.container().requestContext();
        return request != null && request.isActive() ? Arc.container().instance(RequestLocale.class).get().get() : Texts.RUSSIAN;
    }

    /** The viewer's zone during a request, else the operator's. */
    static ZoneId zone() {
        var request = Arc.container() == null ? null : Arc.container().requestContext();
        return request != null && request.isActive() ? Arc.container().instance(RequestLocale.class).get().zone() : DEFAULT_ZONE;
    }

    private static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }

    private static DecimalFormat integers(Locale locale) {
        DecimalFormat f = new DecimalFormat("#,##0", symbols(locale));
        return f;
    }

    private static DecimalFormat money(Locale locale) {
        return new DecimalFormat("#,##0.00", symbols(locale));
    }

    private static DecimalFormatSymbols symbols(Locale locale) {
        DecimalFormatSymbols s = DecimalFormatSymbols.getInstance(english(locale) ? Locale.ENGLISH : Texts.RUSSIAN);
        if (!english(locale)) {
            // Russian groups with a no-break space (the JDK's CLDR data may give U+202F, which some fonts lack)
            s.setGroupingSeparator('\u00a0');
            s.setDecimalSeparator(',');
        }
        return s;
    }
}
