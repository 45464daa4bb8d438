package ru.coalition.programs;

import ru.coalition.partners.ProgramDefinition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The portal's program editor form, flat field names to the program tree of tenants/<slug>.yaml and back. Numbers
 * that do not read as numbers are passed on as text, so the tenant schema names the field that is wrong.
 */
public final class ProgramForm {

    public static final int TIER_ROWS = 3;
    public static final int THRESHOLD_ROWS = 2;

    /** One row of the tier table, as the form holds it. */
    public record TierRow(int index, String code, String name, String minSpend, String welcome, String multiplier,
                          String privileges) {
    }

    private ProgramForm() {
    }

    /** One threshold rule of the form. */
    public record ThresholdRow(int index, String id, String balance, String nominal, String cost, String window) {
    }

    public static List<ThresholdRow> thresholdRows(Map<String, String> f) {
        List<ThresholdRow> rows = new ArrayList<>();
        for (int i = 0; i < THRESHOLD_ROWS; i++) {
            rows.add(new ThresholdRow(i, text(f, "thresholdId" + i), text(f, "thresholdBalance" + i), text(f, "thresholdNominal" + i),
                    text(f, "thresholdCost" + i), text(f, "thresholdWindow" + i)));
        }
        return rows;
    }

    public static List<TierRow> tierRows(Map<String, String> f) {
        List<TierRow> rows = new ArrayList<>();
        for (int i = 0; i < TIER_ROWS; i++) {
            rows.add(new TierRow(i, text(f, "tierCode" + i), text(f, "tierName" + i), text(f, "tierMinSpend" + i),
                    text(f, "tierWelcome" + i), text(f, "tierMultiplier" + i), text(f, "tierPrivileges" + i)));
        }
        return rows;
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
        f.put("wallet", p.wallet() == null ? "closed-loop" : p.wallet().name().equals("COALITION") ? "coalition" : "closed-loop");
        f.put("earnPoints", Long.toString(p.earn().points()));
        f.put("earnPerRubles", p.earn().perRubles().toPlainString());
        f.put("earnRounding", p.earn().rounding() == null ? "floor" : p.earn().rounding().name());
        f.put("excludedCategories", p.earn().excludedCategories() == null ? "" : String.join(", ", p.earn().excludedCategories()));
        f.put("excludePromo", p.earn().excludePromo() ? "on" : "");
        if (p.activation() != null) {
            f.put("delayDays", Integer.toString(p.activation().delayDays()));
            f.put("purchaseDayCounts", p.activation().purchaseDayCounts() ? "on" : "");
        }
        for (int i = 0; p.thresholds() != null && i < Math.min(THRESHOLD_ROWS, p.thresholds().size()); i++) {
            ProgramDefinition.Threshold t = p.thresholds().get(i);
            f.put("thresholdId" + i, t.id());
            f.put("thresholdBalance" + i, Long.toString(t.balance()));
            f.put("thresholdNominal" + i, t.reward().giftCard().nominal().toPlainString());
            f.put("thresholdCost" + i, Long.toString(t.cost()));
            f.put("thresholdWindow" + i, Integer.toString(t.claimWindowDays()));
        }
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
            f.put("birthdayGreeting", p.birthday().greeting() ? "on" : "");
        }
        if (p.scratchCards() != null) {
            f.put("scratchEnabled", p.scratchCards().enabled() ? "on" : "");
            f.put("scratchPoints", Long.toString(p.scratchCards().defaultPointsPerCard()));
            f.put("scratchDays", Integer.toString(p.scratchCards().defaultValidityDays()));
        }
        if (p.tiers() != null) {
            f.put("tiersMonths", Integer.toString(p.tiers().qualificationMonths()));
            for (int i = 0; i < Math.min(TIER_ROWS, p.tiers().levels().size()); i++) {
                ProgramDefinition.Tier t = p.tiers().levels().get(i);
                f.put("tierCode" + i, t.code());
                f.put("tierName" + i, t.name());
                f.put("tierMinSpend" + i, t.minSpend().toPlainString());
                f.put("tierWelcome" + i, Long.toString(t.welcomePoints()));
                f.put("tierMultiplier" + i, t.multiplier().toPlainString());
                f.put("tierPrivileges" + i, t.privileges() == null ? "" : String.join("; ", t.privileges()));
            }
        }
        return f;
    }

    /** The "program" tree for the tenant file; only the mechanics whose fields are filled in. */
    public static Map<String, Object> tree(Map<String, String> f) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", text(f, "name"));
        p.put("effectiveFrom", text(f, "effectiveFrom"));
        p.put("wallet", text(f, "wallet"));
        Map<String, Object> earn = new LinkedHashMap<>();
        earn.put("points", number(f, "earnPoints"));
        earn.put("perRubles", money(f, "earnPerRubles"));
        earn.put("rounding", text(f, "earnRounding"));
        List<String> excluded = Arrays.stream(text(f, "excludedCategories").split("[,;\\s]+")).filter(s -> !s.isBlank()).toList();
        earn.put("excludedCategories", excluded);
        earn.put("excludePromo", checked(f, "excludePromo"));
        p.put("earn", earn);
        p.put("activation", map("delayDays", number(f, "delayDays"), "purchaseDayCounts", checked(f, "purchaseDayCounts")));
        List<Object> thresholds = new ArrayList<>();
        for (int i = 0; i < THRESHOLD_ROWS; i++) {
            if (!text(f, "thresholdId" + i).isBlank()) {
                thresholds.add(map("id", text(f, "thresholdId" + i), "balance", number(f, "thresholdBalance" + i),
                        "reward", map("giftCard", map("nominal", money(f, "thresholdNominal" + i))),
                        "cost", number(f, "thresholdCost" + i), "claimWindowDays", number(f, "thresholdWindow" + i)));
            }
        }
        if (!thresholds.isEmpty()) {
            p.put("thresholds", thresholds);
        }
        bonus(f, p, "giftCardUseBonus", "giftCardUse");
        bonus(f, p, "referralBonus", "referral");
        bonus(f, p, "welcomeBonus", "welcome");
        if (!text(f, "birthdayBonus").isBlank()) {
            p.put("birthday", map("bonus", number(f, "birthdayBonus"), "greeting", checked(f, "birthdayGreeting")));
        }
        if (!text(f, "tiersMonths").isBlank()) {
            List<Object> levels = new ArrayList<>();
            for (int i = 0; i < TIER_ROWS; i++) {
                if (text(f, "tierCode" + i).isBlank()) {
                    continue;
                }
                List<String> privileges = Arrays.stream(text(f, "tierPrivileges" + i).split(";")).map(String::trim)
                        .filter(s -> !s.isEmpty()).toList();
                levels.add(map("code", text(f, "tierCode" + i), "name", text(f, "tierName" + i),
                        "minSpend", money(f, "tierMinSpend" + i), "welcomePoints", number(f, "tierWelcome" + i),
                        "multiplier", text(f, "tierMultiplier" + i).replace(',', '.'), "privileges", privileges));
            }
            p.put("tiers", map("qualificationMonths", number(f, "tiersMonths"), "levels", levels));
        }
        if (checked(f, "scratchEnabled")) {
            p.put("scratchCards", map("enabled", true, "defaultPointsPerCard", number(f, "scratchPoints"),
                    "defaultValidityDays", number(f, "scratchDays")));
        }
        return p;
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
