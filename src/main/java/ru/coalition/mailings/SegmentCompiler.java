package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.ledger.BalanceFilters;
import ru.coalition.members.Consent;
import ru.coalition.members.MemberConsents;
import ru.coalition.members.MemberFilters;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlParams;
import ru.coalition.platform.Texts;
import ru.coalition.programs.Money;
import ru.coalition.purchases.PurchaseActivity;
import ru.coalition.tiers.TierFilters;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks a {@link SegmentDefinition} field by field and turns it into one SQL predicate on the member row {@code m},
 * and into the same test over a {@link SegmentSnapshot} (bit sets by member id, for counts of a large base). Each
 * condition, both ways, comes from the feature that owns its table (members, purchases, tiers, ledger); this class only
 * joins them with and/or. A partner's definition may use questionnaire fields, partner-offer consents and behaviour at
 * that partner only: anything else is refused (422 segment.field-forbidden) naming the field.
 */
@ApplicationScoped
public class SegmentCompiler {

    public static final int MAX_CONDITIONS = 40;
    public static final int MAX_DEPTH = 3;
    public static final int MAX_VALUES = 50;
    public static final int MAX_DAYS = 3650;

    /** Types a partner may use (questionnaire, partner-offer consents, its own behaviour). */
    static final Set<String> QUESTIONNAIRE = Set.of("ageBand", "gender", "city", "socialStatus", "incomeBracket", "birthdayThisMonth");
    static final Set<String> BEHAVIOUR = Set.of("boughtAt", "notBoughtAt", "spend", "visits", "tier");
    static final List<String> TYPES = List.of("ageBand", "gender", "city", "socialStatus", "incomeBracket", "birthdayThisMonth",
            "consent", "boughtAt", "notBoughtAt", "spend", "visits", "tier", "balance");
    static final Set<Consent.Kind> PARTNER_CONSENTS = Set.of(Consent.Kind.PARTNER_OFFERS_EMAIL, Consent.Kind.PARTNER_OFFERS_SMS);
    static final List<Consent.Kind> CONSENTS = Arrays.stream(Consent.Kind.values()).filter(k -> k.purpose != null).toList();

    /**
     * The definition as SQL (a predicate on {@code m} and its parameters) and as the same test over a snapshot in memory
     * (the members it holds for, a bit set by member id, not yet limited to members in force).
     */
    public record Compiled(String predicate, SqlParams params, Function<SegmentSnapshot, BitSet> bits) {
    }

    /** A condition or group both ways. */
    private record Part(String sql, Function<SegmentSnapshot, BitSet> bits) {
        static final Part EVERYONE = new Part("true", s -> s.members().everyone());
        static final Part NOBODY = new Part("false", s -> new BitSet(s.size()));
    }

    @Inject
    MemberFilters members;

    @Inject
    MemberConsents consents;

    @Inject
    PurchaseActivity activity;

    @Inject
    TierFilters tiers;

    @Inject
    BalanceFilters balances;

    @Inject
    PartnerService partners;

    @Inject
    CoalitionConfig config;

    @Inject
    Clock clock;

    /**
     * Checks and compiles; {@code scope} is the partner whose segment this is (null: the operator's). A partner's
     * predicate includes "is the partner's customer".
     */
    public Compiled compile(SegmentDefinition definition, Partner scope, Texts texts) {
        List<Problem.FieldError> invalid = new ArrayList<>();
        List<Problem.FieldError> forbidden = new ArrayList<>();
        int[] count = {0};
        if (definition == null) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new Problem.FieldError("definition", texts.problem("coalition.field.required"))));
        }
        SqlParams params = new SqlParams("s");
        Context ctx = new Context(scope, texts, params, invalid, forbidden, today(), clock.instant());
        Part whole = group(definition, "", 1, ctx, count);
        if (!invalid.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, invalid);
        }
        if (!forbidden.isEmpty()) {
            throw new ProblemException(ErrorCode.SEGMENT_FIELD_FORBIDDEN, forbidden, forbidden.get(0).field());
        }
        if (scope != null) {
            long partnerId = scope.id;
            whole = all(List.of(new Part(activity.customerOf(params, partnerId), s -> activity.customerOf(s.activity(), partnerId)), whole));
        }
        return new Compiled(whole.sql(), params, whole.bits());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of(config.operatorZone()));
    }

    private record Context(Partner scope, Texts texts, SqlParams params, List<Problem.FieldError> invalid,
                           List<Problem.FieldError> forbidden, LocalDate today, Instant now) {
        void invalid(String field, String key, Object... args) {
            invalid.add(new Problem.FieldError(field, texts.problem(key, args)));
        }
    }

    private static Part all(List<Part> parts) {
        return new Part(String.join(" and ", parts.stream().map(p -> "(" + p.sql() + ")").toList()), s -> {
            BitSet out = parts.get(0).bits().apply(s);
            for (int i = 1; i < parts.size() && !out.isEmpty(); i++) {
                out.and(parts.get(i).bits().apply(s));
            }
            return out;
        });
    }

    private static Part any(List<Part> parts) {
        return new Part(String.join(" or ", parts.stream().map(p -> "(" + p.sql() + ")").toList()), s -> {
            BitSet out = parts.get(0).bits().apply(s);
            for (int i = 1; i < parts.size(); i++) {
                out.or(parts.get(i).bits().apply(s));
            }
            return out;
        });
    }

    private Part group(SegmentDefinition g, String path, int depth, Context ctx, int[] count) {
        String match = g.match() == null ? SegmentDefinition.ALL : g.match();
        if (!SegmentDefinition.ALL.equals(match) && !SegmentDefinition.ANY.equals(match)) {
            ctx.invalid(path + "match", "coalition.field.choice");
        }
        List<Part> parts = new ArrayList<>();
        List<SegmentDefinition.Condition> conditions = g.conditions() == null ? List.of() : g.conditions();
        List<SegmentDefinition> groups = g.groups() == null ? List.of() : g.groups();
        if (depth > MAX_DEPTH) {
            ctx.invalid(path.isEmpty() ? "groups" : path.substring(0, path.length() - 1), "coalition.field.segment-too-deep", MAX_DEPTH);
            return Part.EVERYONE;
        }
        for (int i = 0; i < conditions.size(); i++) {
            count[0]++;
            if (count[0] > MAX_CONDITIONS) {
                ctx.invalid(path + "conditions", "coalition.field.too-many");
                return Part.EVERYONE;
            }
            String p = path + "conditions[" + i + "].";
            SegmentDefinition.Condition c = conditions.get(i);
            if (c == null) {
                ctx.invalid(path + "conditions[" + i + "]", "coalition.field.required");
                continue;
            }
            parts.add(condition(c, p, ctx));
        }
        for (int i = 0; i < groups.size(); i++) {
            SegmentDefinition inner = groups.get(i);
            if (inner == null) {
                ctx.invalid(path + "groups[" + i + "]", "coalition.field.required");
                continue;
            }
            parts.add(group(inner, path + "groups[" + i + "].", depth + 1, ctx, count));
        }
        if (parts.isEmpty()) {
            // an empty "all" is everyone, an empty "any" nobody (as in logic)
            return SegmentDefinition.ALL.equals(match) ? Part.EVERYONE : Part.NOBODY;
        }
        return SegmentDefinition.ALL.equals(match) ? all(parts) : any(parts);
    }

    private Part condition(SegmentDefinition.Condition c, String p, Context ctx) {
        String type = c.type();
        if (type == null) {
            ctx.invalid(p + "type", "coalition.field.required");
            return Part.EVERYONE;
        }
        if (!TYPES.contains(type)) {
            ctx.invalid(p + "type", "coalition.field.choice");
            return Part.EVERYONE;
        }
        unused(c, p, ctx, allowedFields(type));
        if (ctx.scope() != null && !QUESTIONNAIRE.contains(type) && !BEHAVIOUR.contains(type) && !"consent".equals(type)) {
            ctx.forbidden().add(new Problem.FieldError(p + "type", ctx.texts().problem("coalition.field.segment-partner-field")));
            return Part.EVERYONE;
        }
        SqlParams params = ctx.params();
        switch (type) {
            case "ageBand" -> {
                List<String> v = values(c, p, ctx, MemberFilters.AGE_BANDS.stream().map(MemberFilters.AgeBand::code).toList());
                return v == null ? Part.EVERYONE : new Part(members.ageBands(params, v, ctx.today()),
                        s -> members.ageBands(s.members(), v, ctx.today()));
            }
            case "gender" -> {
                if (!MemberFilters.GENDERS.contains(c.value())) {
                    ctx.invalid(p + "value", c.value() == null ? "coalition.field.required" : "coalition.field.choice");
                    return Part.EVERYONE;
                }
                return new Part(members.gender(params, c.value()), s -> members.gender(s.members(), c.value()));
            }
            case "city" -> {
                List<String> v = values(c, p, ctx, null);
                return v == null ? Part.EVERYONE : new Part(members.cities(params, v), s -> members.cities(s.members(), v));
            }
            case "socialStatus" -> {
                List<String> v = values(c, p, ctx, MemberFilters.SOCIAL_STATUSES);
                return v == null ? Part.EVERYONE : new Part(members.socialStatuses(params, v), s -> members.socialStatuses(s.members(), v));
            }
            case "incomeBracket" -> {
                List<String> v = values(c, p, ctx, MemberFilters.INCOME_BRACKETS);
                return v == null ? Part.EVERYONE : new Part(members.incomeBrackets(params, v), s -> members.incomeBrackets(s.members(), v));
            }
            case "birthdayThisMonth" -> {
                return new Part(members.birthdayInMonth(params, ctx.today()), s -> members.birthdayInMonth(s.members(), ctx.today()));
            }
            case "consent" -> {
                Consent.Kind kind = CONSENTS.stream().filter(k -> k.apiName.equals(c.value())).findFirst().orElse(null);
                if (kind == null) {
                    ctx.invalid(p + "value", c.value() == null ? "coalition.field.required" : "coalition.field.choice");
                    return Part.EVERYONE;
                }
                if (ctx.scope() != null && !PARTNER_CONSENTS.contains(kind)) {
                    ctx.forbidden().add(new Problem.FieldError(p + "value", ctx.texts().problem("coalition.field.segment-partner-field")));
                    return Part.EVERYONE;
                }
                return new Part(consents.grantedSql(params, kind), s -> consents.granted(s.members(), kind));
            }
            case "boughtAt", "notBoughtAt" -> {
                Long partnerId = partner(c, p, ctx, false);
                if (c.days() == null || c.days() < 1 || c.days() > MAX_DAYS) {
                    ctx.invalid(p + "days", c.days() == null ? "coalition.field.required" : "coalition.field.segment-days", MAX_DAYS);
                    return Part.EVERYONE;
                }
                // PostgreSQL keeps microseconds: cut here, so that SQL and the snapshot compare the same moment
                Instant since = ctx.now().minus(c.days(), ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
                return "boughtAt".equals(type)
                        ? new Part(activity.boughtSince(params, partnerId, since), s -> activity.boughtSince(s.activity(), partnerId, since))
                        : new Part(activity.notBoughtSince(params, partnerId, since), s -> activity.notBoughtSince(s.activity(), partnerId, since));
            }
            case "spend" -> {
                Long partnerId = partner(c, p, ctx, false);
                Long min = money(c.minSpend(), p + "minSpend", ctx);
                Long max = money(c.maxSpend(), p + "maxSpend", ctx);
                if (!bounds(min, max, p + "minSpend", ctx)) {
                    return Part.EVERYONE;
                }
                return new Part(activity.spend(params, partnerId, min, max), s -> activity.spend(s.activity(), partnerId, min, max));
            }
            case "visits" -> {
                Long partnerId = partner(c, p, ctx, false);
                if (!count(c.min(), p + "min", ctx) || !count(c.max(), p + "max", ctx) || !bounds(c.min(), c.max(), p + "min", ctx)) {
                    return Part.EVERYONE;
                }
                Long least = c.min();
                Long most = c.max();
                return new Part(activity.visits(params, partnerId, least, most), s -> activity.visits(s.activity(), partnerId, least, most));
            }
            case "tier" -> {
                Long partnerId = partner(c, p, ctx, true);
                List<String> v = values(c, p, ctx, null);
                return v == null || partnerId == null ? Part.EVERYONE
                        : new Part(tiers.atTier(params, partnerId, v), s -> tiers.atTier(s.tiers(), partnerId, v));
            }
            case "balance" -> {
                if (!bounds(c.min(), c.max(), p + "min", ctx)) {
                    return Part.EVERYONE;
                }
                Long least = c.min();
                Long most = c.max();
                return new Part(balances.coalitionBalance(params, least, most), s -> balances.coalitionBalance(s.balances(), least, most));
            }
            default -> throw new IllegalStateException(type);
        }
    }

    private static Set<String> allowedFields(String type) {
        return switch (type) {
            case "ageBand", "city", "socialStatus", "incomeBracket" -> Set.of("values");
            case "gender", "consent" -> Set.of("value");
            case "birthdayThisMonth" -> Set.of();
            case "boughtAt", "notBoughtAt" -> Set.of("partner", "days");
            case "spend" -> Set.of("partner", "minSpend", "maxSpend");
            case "visits" -> Set.of("partner", "min", "max");
            case "tier" -> Set.of("partner", "values");
            case "balance" -> Set.of("min", "max");
            default -> Set.of();
        };
    }

    /** A field this type does not take is an error too: a typo must not silently widen the segment. */
    private static void unused(SegmentDefinition.Condition c, String p, Context ctx, Set<String> allowed) {
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("values", c.values());
        given.put("value", c.value());
        given.put("partner", c.partner());
        given.put("days", c.days());
        given.put("min", c.min());
        given.put("max", c.max());
        given.put("minSpend", c.minSpend());
        given.put("maxSpend", c.maxSpend());
        given.forEach((field, value) -> {
            if (value != null && !allowed.contains(field)) {
                ctx.invalid(p + field, "coalition.field.segment-unused-field");
            }
        });
    }

    private static List<String> values(SegmentDefinition.Condition c, String p, Context ctx, List<String> choices) {
        List<String> v = c.values();
        if (v == null || v.isEmpty() || v.stream().allMatch(s -> s == null || s.isBlank())) {
            ctx.invalid(p + "values", "coalition.field.required");
            return null;
        }
        if (v.size() > MAX_VALUES) {
            ctx.invalid(p + "values", "coalition.field.too-many");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            String s = v.get(i);
            if (s == null || s.isBlank()) {
                continue;
            }
            if (s.length() > 100) {
                ctx.invalid(p + "values[" + i + "]", "coalition.field.too-long");
                return null;
            }
            if (choices != null && !choices.contains(s)) {
                ctx.invalid(p + "values[" + i + "]", "coalition.field.choice");
                return null;
            }
            out.add(s.strip());
        }
        return out;
    }

    /** The partner of a behaviour condition: for a partner's segment only itself (or none, meaning itself). */
    private Long partner(SegmentDefinition.Condition c, String p, Context ctx, boolean required) {
        if (ctx.scope() != null) {
            if (c.partner() != null && !c.partner().equals(ctx.scope().slug)) {
                ctx.forbidden().add(new Problem.FieldError(p + "partner", ctx.texts().problem("coalition.field.segment-partner-field")));
                return null;
            }
            return ctx.scope().id;
        }
        if (c.partner() == null || c.partner().isBlank()) {
            if (required) {
                ctx.invalid(p + "partner", "coalition.field.required");
            }
            return null;
        }
        return partners.cachedBySlug(c.partner()).map(x -> x.id).orElseGet(() -> {
            ctx.invalid(p + "partner", "coalition.field.choice");
            return null;
        });
    }

    private static Long money(String text, String field, Context ctx) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!Money.isValid(text.strip())) {
            ctx.invalid(field, "coalition.field.money");
            return null;
        }
        return Money.parse(text.strip());
    }

    private static boolean count(Long n, String field, Context ctx) {
        if (n != null && (n < 0 || n > 1_000_000_000L)) {
            ctx.invalid(field, "coalition.field.points");
            return false;
        }
        return true;
    }

    private static boolean bounds(Long min, Long max, String field, Context ctx) {
        if (min == null && max == null) {
            ctx.invalid(field, "coalition.field.segment-bounds");
            return false;
        }
        if (min != null && max != null && min > max) {
            ctx.invalid(field, "coalition.field.segment-bounds");
            return false;
        }
        return true;
    }
}
