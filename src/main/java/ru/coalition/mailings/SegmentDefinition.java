package ru.coalition.mailings;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * A segment's filter as JSON (docs/mailings.md "Segments"): a group whose {@code match} is {@code all} (and) or
 * {@code any} (or) over its conditions and its nested groups. Checked strictly by {@link SegmentCompiler}: every
 * wrong field is named in the problem.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A segment's filter: conditions and nested groups joined by all (and) or any (or)")
public record SegmentDefinition(
        @Schema(description = "all: every condition and group holds; any: at least one", enumeration = {"all", "any"}) String match,
        @Schema(description = "The conditions of this group") List<Condition> conditions,
        @Schema(description = "Nested groups (at most three levels deep)") List<SegmentDefinition> groups) {

    /** One condition; which fields it takes depends on its type. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "SegmentCondition", description = """
            One condition. Types and their fields: ageBand (values: under-18, 18-24, 25-34, 35-44, 45-54, 55+), gender \
            (value: female|male), city (values), socialStatus (values), incomeBracket (values), birthdayThisMonth, \
            consent (value: marketingEmail, marketingSms, partnerOffersEmail, partnerOffersSms, serviceEmail, serviceSms), \
            boughtAt and notBoughtAt (partner, days), spend (partner, minSpend, maxSpend as rouble strings), visits \
            (partner, min, max receipts), tier (partner, values: tier codes), balance (min, max coalition points). \
            A behaviour condition without partner means any partner (a partner's own segment: that partner).""")
    public record Condition(
            @Schema(required = true, enumeration = {"ageBand", "gender", "city", "socialStatus", "incomeBracket",
                    "birthdayThisMonth", "consent", "boughtAt", "notBoughtAt", "spend", "visits", "tier", "balance"}) String type,
            @Schema(description = "Choices (ageBand, city, socialStatus, incomeBracket, tier)") List<String> values,
            @Schema(description = "One choice (gender, consent)") String value,
            @Schema(description = "A partner's slug (behaviour conditions)") String partner,
            @Schema(description = "The last N days (boughtAt, notBoughtAt), 1 to 3650") Integer days,
            @Schema(description = "Lower bound (visits: receipts, balance: points)") Long min,
            @Schema(description = "Upper bound (visits: receipts, balance: points)") Long max,
            @Schema(description = "Lower bound of spend, roubles, e.g. 5000.00") String minSpend,
            @Schema(description = "Upper bound of spend, roubles") String maxSpend) {
    }

    public static final String ALL = "all";
    public static final String ANY = "any";
}
