package ru.coalition.members;

import jakarta.enterprise.context.ApplicationScoped;
import ru.coalition.platform.SqlParams;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Conditions on members for a segment (ru.coalition.mailings.Segments), as SQL over the member table: each answers a
 * predicate on the member row aliased {@code m}; other features' conditions test {@code m.id}. The base of every
 * segment is {@link #activeMembers}: members in force (not deleted).
 */
@ApplicationScoped
public class MemberFilters {

    /** Age bands of the questionnaire-based filters: code, youngest age, oldest age (null: no upper bound). */
    public record AgeBand(String code, int from, Integer to) {
    }

    public static final List<AgeBand> AGE_BANDS = List.of(new AgeBand("under-18", 0, 17), new AgeBand("18-24", 18, 24),
            new AgeBand("25-34", 25, 34), new AgeBand("35-44", 35, 44), new AgeBand("45-54", 45, 54), new AgeBand("55+", 55, null));

    public static final List<String> GENDERS = List.of("female", "male");
    public static final List<String> SOCIAL_STATUSES = List.of(RegistrationRequest.SOCIAL_STATUSES.split("\\|"));
    public static final List<String> INCOME_BRACKETS = List.of(RegistrationRequest.INCOME_BRACKETS.split("\\|"));

    /** The ids of members in force (column member_id) for whom the predicate holds. */
    public String activeMembers(String predicate) {
        return "select m.id as member_id from member m where m.status = '" + Member.ACTIVE + "' and (" + predicate + ")";
    }

    /** How many members in force the predicate holds for. */
    public String countActive(String predicate) {
        return "select count(*) from member m where m.status = '" + Member.ACTIVE + "' and (" + predicate + ")";
    }

    /** Aged within any of the bands on the given day (band codes from {@link #AGE_BANDS}). */
    public String ageBands(SqlParams params, List<String> codes, LocalDate today) {
        List<String> parts = new ArrayList<>();
        for (String code : codes) {
            AgeBand band = AGE_BANDS.stream().filter(b -> b.code().equals(code)).findFirst().orElseThrow();
            // aged at least "from": born on or before today - from years; at most "to": born after today - (to + 1) years
            String part = "m.birth_date <= " + params.bind(today.minusYears(band.from()));
            if (band.to() != null) {
                part += " and m.birth_date > " + params.bind(today.minusYears(band.to() + 1L));
            }
            parts.add("(" + part + ")");
        }
        return "(" + String.join(" or ", parts) + ")";
    }

    public String gender(SqlParams params, String gender) {
        return "m.gender = " + params.bind(gender);
    }

    /** Living in one of the cities (as the member wrote it, letter case aside). */
    public String cities(SqlParams params, List<String> cities) {
        return "lower(m.city) in (" + String.join(", ", cities.stream().map(c -> params.bind(c.strip().toLowerCase(Locale.ROOT))).toList()) + ")";
    }

    public String socialStatuses(SqlParams params, List<String> statuses) {
        return "m.social_status in (" + String.join(", ", statuses.stream().map(params::bind).toList()) + ")";
    }

    public String incomeBrackets(SqlParams params, List<String> brackets) {
        return "m.income_bracket in (" + String.join(", ", brackets.stream().map(params::bind).toList()) + ")";
    }

    /** Born in the month of the given day (the operator's date). */
    public String birthdayInMonth(SqlParams params, LocalDate today) {
        return "extract(month from m.birth_date) = " + params.bind(today.getMonthValue());
    }
}
