package ru.coalition.programs;

import java.util.function.Function;
import ru.coalition.platform.Msg;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.partners.WalletScope;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The portal's program editor form, flat field names to the program tree of tenants/<slug>.yaml and back. Numbers
 * that do not read as numbers are passed on as text, so the tenant schema names the field that is wrong.
 */
public final class ProgramForm {

    // the schema's maxItems (tenant.schema.json); ProgramFormTest keeps them in step
    public static final int MAX_THRESHOLDS = 20;
    public static final int MAX_TIER_LEVELS = 10;
    public static final int MAX_PRIVILEGES = 30;

    private static final String THRESHOLD = "threshold";
    private static final String TIER = "tier";
    // a capital after the prefix keeps "tiersMonths" out of the rows; the digits say which row a field belongs to
    private static final Pattern ROW_FIELD = Pattern.compile("(threshold|tier)[A-Z][A-Za-z]*(\\d{1,4})");

    /** One threshold rule of the form; {@code fresh} is the row the "add" button asked for. */
    public record ThresholdRow(int index, String id, String balance, String nominal, String cost, String window,
                               boolean drop, boolean fresh) {
        public boolean empty() {
            return (id + balance + nominal + cost + window).isBlank();
        }

        public int number() {
            return index + 1;
        }
    }

    /** One tier level of the form; privileges one a line. */
    public record TierRow(int index, String code, String name, String minSpend, String welcome, String multiplier,
                          String privileges, boolean drop, boolean fresh) {
        public boolean empty() {
            return (code + name + minSpend + welcome + multiplier + privileges).isBlank();
        }

        public int number() {
            return index + 1;
        }

        /** Tall enough for the privileges there are, without a level of 30 filling the phone's screen. */
        public int privilegeRows() {
            return Math.clamp(privileges.split("\\R").length + 1, 2, 8);
        }
    }

    /** Why the form cannot be saved before the schema is even asked: more rows than the file format allows. */
    public record Refusal(Function<Msg, String> text) {
    }

    private ProgramForm() {
    }

    /**
     * The threshold rows to show: every filled one (a failed save keeps what was typed) and one empty row to add a
     * rule, while the schema allows more. {@code grow} keeps the empty rows already shown and adds one more.
     */
    public static List<ThresholdRow> thresholdRows(Map<String, String> f, boolean grow) {
        List<ThresholdRow> rows = new ArrayList<>();
        for (int i : rowIndices(f, THRESHOLD)) {
            ThresholdRow r = threshold(f, i, rows.size(), false);
            if (grow || !r.empty()) {
                rows.add(r);
            }
        }
        if (rows.size() < MAX_THRESHOLDS) {
            rows.add(threshold(Map.of(), 0, rows.size(), grow));
        }
        return rows;
    }

    public static List<TierRow> tierRows(Map<String, String> f, boolean grow) {
        List<TierRow> rows = new ArrayList<>();
        for (int i : rowIndices(f, TIER)) {
            TierRow r = tier(f, i, rows.size(), false);
            if (grow || !r.empty()) {
                rows.add(r);
            }
        }
        if (rows.size() < MAX_TIER_LEVELS) {
            rows.add(tier(Map.of(), 0, rows.size(), grow));
        }
        return rows;
    }

    private static ThresholdRow threshold(Map<String, String> f, int i, int position, boolean fresh) {
        return new ThresholdRow(position, text(f, "thresholdId" + i), text(f, "thresholdBalance" + i),
                text(f, "thresholdNominal" + i), text(f, "thresholdCost" + i), text(f, "thresholdWindow" + i),
                checked(f, "thresholdDrop" + i), fresh);
    }

    private static TierRow tier(Map<String, String> f, int i, int position, boolean fresh) {
        return new TierRow(position, text(f, "tierCode" + i), text(f, "tierName" + i), text(f, "tierMinSpend" + i),
                text(f, "tierWelcome" + i), text(f, "tierMultiplier" + i), text(f, "tierPrivileges" + i),
                checked(f, "tierDrop" + i), fresh);
    }

    /** The row numbers the form holds, in order; rows removed in between leave gaps, which do not matter. */
    private static SortedSet<Integer> rowIndices(Map<String, String> f, String prefix) {
        SortedSet<Integer> indices = new TreeSet<>();
        for (String key : f.keySet()) {
            Matcher m = ROW_FIELD.matcher(key);
            if (m.matches() && m.group(1).equals(prefix)) {
                indices.add(Integer.parseInt(m.group(2)));
            }
        }
        return indices;
    }

    /** The form prefilled from a program (or empty defaults for a partner without one). */
    public static Map<String, String> of(ProgramDefinition p) {
        Map<String, String> f = new LinkedHashMap<>();
        if (p == null) {
            f.put("name", "");
            f.put("wallet", "closed-loop");
            f.put("earnPoints", "1");
            f.put("earnPerRubles", "1.00");
            f.put("earnRounding", "floor");
            f.put("delayDays", "0");
            f.put("purchaseDayCounts", "on");
            return f;
        }
        f.put("name", p.name());
        if (p.effectiveFrom() != null) {
            f.put("effectiveFrom", p.effectiveFrom().toString());
        }
        f.put("wallet", (p.wallet() == null ? WalletScope.CLOSED_LOOP : p.wallet()).fileName());
        putEarn(f, p.earn());
        if (p.activation() != null) {
            f.put("delayDays", Integer.toString(p.activation().delayDays()));
            f.put("purchaseDayCounts", on(p.activation().purchaseDayCounts()));
        }
        putThresholds(f, p.thresholds());
        if (p.giftCardUse() != null) {
            f.put("giftCardUseBonus", Long.toString(p.giftCardUse().bonus()));
        }
        if (p.referral() != null) {
            f.put("referralBonus", Long.toString(p.referral().bonus()));
        }
        if (p.welcome() != null) {
            f.put("welcomeBonus", Long.toString(p.welcome().bonus()));
        }
        if (p.birthday() != null) {
            f.put("birthdayBonus", Long.toString(p.birthday().bonus()));
            f.put("birthdayGreeting", on(p.birthday().greeting()));
        }
        putTiers(f, p.tiers());
        if (p.scratchCards() != null) {
            f.put("scratchEnabled", on(p.scratchCards().enabled()));
            f.put("scratchPoints", Long.toString(p.scratchCards().defaultPointsPerCard()));
            f.put("scratchDays", Integer.toString(p.scratchCards().defaultValidityDays()));
        }
        putLimits(f, p.limits());
        if (p.expiry() != null) {
            // kept on the form so saving a version never drops the lapse rule silently
            f.put("expiryAfterMonths", p.expiry().afterMonths() == null ? "" : Integer.toString(p.expiry().afterMonths()));
            f.put("expiryInactivityMonths", p.expiry().inactivityMonths() == null ? "" : Integer.toString(p.expiry().inactivityMonths()));
        }
        return f;
    }

    private static void putEarn(Map<String, String> f, ProgramDefinition.Earn earn) {
        f.put("earnPoints", Long.toString(earn.points()));
        f.put("earnPerRubles", earn.perRubles().toPlainString());
        f.put("earnRounding", earn.rounding() == null ? "floor" : earn.rounding().name());
        f.put("excludedCategories", earn.excludedCategories() == null ? "" : String.join(", ", earn.excludedCategories()));
        f.put("excludePromo", on(earn.excludePromo()));
    }

    private static void putThresholds(Map<String, String> f, List<ProgramDefinition.Threshold> thresholds) {
        for (int i = 0; thresholds != null && i < thresholds.size(); i++) {
            ProgramDefinition.Threshold t = thresholds.get(i);
            f.put("thresholdId" + i, t.id());
            f.put("thresholdBalance" + i, Long.toString(t.balance()));
            f.put("thresholdNominal" + i, t.reward().giftCard().nominal().toPlainString());
            f.put("thresholdCost" + i, Long.toString(t.cost()));
            f.put("thresholdWindow" + i, Integer.toString(t.claimWindowDays()));
        }
    }

    private static void putTiers(Map<String, String> f, ProgramDefinition.Tiers tiers) {
        if (tiers == null) {
            return;
        }
        f.put("tiersMonths", Integer.toString(tiers.qualificationMonths()));
        for (int i = 0; tiers.levels() != null && i < tiers.levels().size(); i++) {
            ProgramDefinition.Tier t = tiers.levels().get(i);
            f.put("tierCode" + i, t.code());
            f.put("tierName" + i, t.name());
            f.put("tierMinSpend" + i, t.minSpend().toPlainString());
            f.put("tierWelcome" + i, Long.toString(t.welcomePoints()));
            f.put("tierMultiplier" + i, t.multiplier().toPlainString());
            // one a line: a privilege may hold any punctuation, ";" included
            f.put("tierPrivileges" + i, t.privileges() == null ? "" : String.join("\n", t.privileges()));
        }
    }

    private static void putLimits(Map<String, String> f, ProgramDefinition.Limits limits) {
        if (limits == null) {
            return;
        }
        if (limits.maxReceiptAmount() != null) {
            f.put("limitsMaxReceiptAmount", limits.maxReceiptAmount().toPlainString());
        }
        if (limits.maxReceiptPoints() != null) {
            f.put("limitsMaxReceiptPoints", Long.toString(limits.maxReceiptPoints()));
        }
    }

    /**
     * The "program" tree for the tenant file; only the mechanics whose fields are filled in. A half-filled row or
     * section goes into the tree as it is, so the schema refuses it with a reason instead of it vanishing.
     */
    public static Map<String, Object> tree(Map<String, String> f) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", text(f, "name"));
        p.put("effectiveFrom", text(f, "effectiveFrom"));
        p.put("wallet", text(f, "wallet"));
        p.put("earn", earn(f));
        p.put("activation", map("delayDays", number(f, "delayDays"), "purchaseDayCounts", checked(f, "purchaseDayCounts")));
        List<Object> thresholds = thresholds(f);
        if (!thresholds.isEmpty()) {
            p.put("thresholds", thresholds);
        }
        bonus(f, p, "giftCardUseBonus", "giftCardUse");
        bonus(f, p, "referralBonus", "referral");
        bonus(f, p, "welcomeBonus", "welcome");
        if (!text(f, "birthdayBonus").isBlank() || checked(f, "birthdayGreeting")) {
            p.put("birthday", map("bonus", number(f, "birthdayBonus"), "greeting", checked(f, "birthdayGreeting")));
        }
        List<Object> levels = levels(f);
        if (!text(f, "tiersMonths").isBlank() || !levels.isEmpty()) {
            p.put("tiers", map("qualificationMonths", number(f, "tiersMonths"), "levels", levels));
        }
        // switched off is still a setting: the points and days stay in the file for the day it is switched back on
        if (checked(f, "scratchEnabled") || !(text(f, "scratchPoints") + text(f, "scratchDays")).isBlank()) {
            p.put("scratchCards", map("enabled", checked(f, "scratchEnabled"), "defaultPointsPerCard", number(f, "scratchPoints"),
                    "defaultValidityDays", number(f, "scratchDays")));
        }
        Map<String, Object> limits = limits(f);
        if (!limits.isEmpty()) {
            p.put("limits", limits);
        }
        // both filled in goes to the schema as it is, which refuses it: one rule or the other
        Map<String, Object> expiry = new LinkedHashMap<>();
        if (!text(f, "expiryAfterMonths").isBlank()) {
            expiry.put("afterMonths", number(f, "expiryAfterMonths"));
        }
        if (!text(f, "expiryInactivityMonths").isBlank()) {
            expiry.put("inactivityMonths", number(f, "expiryInactivityMonths"));
        }
        if (!expiry.isEmpty()) {
            p.put("expiry", expiry);
        }
        return p;
    }

    private static Map<String, Object> earn(Map<String, String> f) {
        Map<String, Object> earn = new LinkedHashMap<>();
        earn.put("points", number(f, "earnPoints"));
        earn.put("perRubles", money(f, "earnPerRubles"));
        earn.put("rounding", text(f, "earnRounding"));
        List<String> excluded = Arrays.stream(text(f, "excludedCategories").split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
        if (!excluded.isEmpty()) {
            earn.put("excludedCategories", excluded);
        }
        earn.put("excludePromo", checked(f, "excludePromo"));
        return earn;
    }

    private static List<Object> thresholds(Map<String, String> f) {
        List<Object> thresholds = new ArrayList<>();
        for (int i : rowIndices(f, THRESHOLD)) {
            ThresholdRow r = threshold(f, i, 0, false);
            if (!r.empty() && !r.drop()) {
                thresholds.add(map("id", r.id(), "balance", number(f, "thresholdBalance" + i),
                        "reward", map("giftCard", map("nominal", money(f, "thresholdNominal" + i))),
                        "cost", number(f, "thresholdCost" + i), "claimWindowDays", number(f, "thresholdWindow" + i)));
            }
        }
        return thresholds;
    }

    private static List<Object> levels(Map<String, String> f) {
        List<Object> levels = new ArrayList<>();
        for (int i : rowIndices(f, TIER)) {
            TierRow r = tier(f, i, 0, false);
            if (!r.empty() && !r.drop()) {
                levels.add(map("code", r.code(), "name", r.name(), "minSpend", money(f, "tierMinSpend" + i),
                        "welcomePoints", number(f, "tierWelcome" + i), "multiplier", r.multiplier().replace(',', '.'),
                        "privileges", privileges(r.privileges())));
            }
        }
        return levels;
    }

    private static List<String> privileges(String lines) {
        return Arrays.stream(lines.split("\\R")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, Object> limits(Map<String, String> f) {
        Map<String, Object> limits = new LinkedHashMap<>();
        if (!text(f, "limitsMaxReceiptAmount").isBlank()) {
            limits.put("maxReceiptAmount", money(f, "limitsMaxReceiptAmount"));
        }
        if (!text(f, "limitsMaxReceiptPoints").isBlank()) {
            limits.put("maxReceiptPoints", number(f, "limitsMaxReceiptPoints"));
        }
        return limits;
    }

    /**
     * Counts the schema refuses, said in the partner's words; the schema would name only the JSON path. Takes the
     * tree of {@link #tree}.
     */
    @SuppressWarnings("unchecked")
    public static List<Refusal> refusals(Map<String, Object> program) {
        List<Refusal> refusals = new ArrayList<>();
        List<Object> thresholds = (List<Object>) program.getOrDefault("thresholds", List.of());
        if (thresholds.size() > MAX_THRESHOLDS) {
            refusals.add(new Refusal(msg -> msg.editorThresholdTooMany(MAX_THRESHOLDS, thresholds.size())));
        }
        Map<String, Object> tiers = (Map<String, Object>) program.getOrDefault("tiers", Map.of());
        List<Object> levels = (List<Object>) tiers.getOrDefault("levels", List.of());
        if (levels.size() > MAX_TIER_LEVELS) {
            refusals.add(new Refusal(msg -> msg.editorTierTooMany(MAX_TIER_LEVELS, levels.size())));
        }
        for (Object level : levels) {
            Map<String, Object> l = (Map<String, Object>) level;
            int count = ((List<Object>) l.get("privileges")).size();
            if (count > MAX_PRIVILEGES) {
                refusals.add(new Refusal(msg -> msg.editorTierPrivilegesTooMany(String.valueOf(l.get("code")), MAX_PRIVILEGES, count)));
            }
        }
        return refusals;
    }

    private static void bonus(Map<String, String> f, Map<String, Object> p, String field, String key) {
        if (!text(f, field).isBlank()) {
            p.put(key, map("bonus", number(f, field)));
        }
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static String text(Map<String, String> f, String key) {
        String v = f.get(key);
        return v == null ? "" : v.trim();
    }

    private static String on(boolean value) {
        return value ? "on" : "";
    }

    static boolean checked(Map<String, String> f, String key) {
        return "on".equals(text(f, key)) || "true".equals(text(f, key));
    }

    static Object number(Map<String, String> f, String key) {
        String v = text(f, key).replace(" ", "").replace("\u00a0", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            return v;
        }
    }

    /** Money in the file is a string with two decimals: "1500" becomes "1500.00". */
    static String money(Map<String, String> f, String key) {
        String v = text(f, key).replace(',', '.').replace(" ", "");
        try {
            return new BigDecimal(v).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
        } catch (RuntimeException e) {
            return v;
        }
    }
}
