package ru.coalition.mailings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MultivaluedMap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The segment editor's form and the definition it stands for. The form has one field set per condition type, joined by
 * the chosen match; conditions it cannot show (a second one of a type, nested groups made through the API) travel in
 * the hidden field {@code kept} as JSON and are saved back unchanged.
 */
public final class SegmentForm {

    /** Multi-valued fields (checkboxes). */
    static final Set<String> MULTI = Set.of("ageBand", "socialStatus", "incomeBracket");

    private SegmentForm() {
    }

    /** The form's values: single ones as strings, checkboxes as lists. */
    public static Map<String, Object> flat(MultivaluedMap<String, String> params) {
        Map<String, Object> form = new LinkedHashMap<>();
        params.forEach((k, v) -> {
            if (MULTI.contains(k)) {
                form.put(k, List.copyOf(v));
            } else if (!v.isEmpty()) {
                form.put(k, v.get(0));
            }
        });
        return form;
    }

    static String text(Map<String, Object> form, String key) {
        Object v = form.get(key);
        return v instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    @SuppressWarnings("unchecked")
    static List<String> list(Map<String, Object> form, String key) {
        Object v = form.get(key);
        return v instanceof List<?> l ? (List<String>) l : List.of();
    }

    /**
     * The definition the form stands for. A number field that is not a number is left as it was typed, so the compiler
     * names it: visits and balance bounds that do not parse become -1 (out of range), days 0.
     */
    public static SegmentDefinition definition(Map<String, Object> form, ObjectMapper json) {
        List<SegmentDefinition.Condition> c = new ArrayList<>();
        if (!list(form, "ageBand").isEmpty()) {
            c.add(cond("ageBand", list(form, "ageBand"), null, null, null, null, null, null, null));
        }
        if (text(form, "gender") != null) {
            c.add(cond("gender", null, text(form, "gender"), null, null, null, null, null, null));
        }
        if (text(form, "cities") != null) {
            c.add(cond("city", List.of(text(form, "cities").split("\\s*[,;]\\s*")), null, null, null, null, null, null, null));
        }
        if (!list(form, "socialStatus").isEmpty()) {
            c.add(cond("socialStatus", list(form, "socialStatus"), null, null, null, null, null, null, null));
        }
        if (!list(form, "incomeBracket").isEmpty()) {
            c.add(cond("incomeBracket", list(form, "incomeBracket"), null, null, null, null, null, null, null));
        }
        if (text(form, "birthdayThisMonth") != null) {
            c.add(cond("birthdayThisMonth", null, null, null, null, null, null, null, null));
        }
        if (text(form, "consent") != null) {
            c.add(cond("consent", null, text(form, "consent"), null, null, null, null, null, null));
        }
        if (text(form, "boughtDays") != null) {
            c.add(cond("boughtAt", null, null, text(form, "boughtPartner"), days(text(form, "boughtDays")), null, null, null, null));
        }
        if (text(form, "notBoughtDays") != null) {
            c.add(cond("notBoughtAt", null, null, text(form, "notBoughtPartner"), days(text(form, "notBoughtDays")), null, null, null, null));
        }
        if (text(form, "minSpend") != null || text(form, "maxSpend") != null) {
            c.add(cond("spend", null, null, text(form, "spendPartner"), null, null, null, money(text(form, "minSpend")), money(text(form, "maxSpend"))));
        }
        if (text(form, "minVisits") != null || text(form, "maxVisits") != null) {
            c.add(cond("visits", null, null, text(form, "visitsPartner"), null, number(text(form, "minVisits")), number(text(form, "maxVisits")), null, null));
        }
        if (text(form, "tierCodes") != null) {
            c.add(cond("tier", List.of(text(form, "tierCodes").split("\\s*[,;]\\s*")), null, text(form, "tierPartner"), null, null, null, null, null));
        }
        if (text(form, "minBalance") != null || text(form, "maxBalance") != null) {
            c.add(cond("balance", null, null, null, null, number(text(form, "minBalance")), number(text(form, "maxBalance")), null, null));
        }
        List<SegmentDefinition> groups = new ArrayList<>();
        SegmentDefinition kept = kept(text(form, "kept"), json);
        if (kept != null) {
            if (kept.conditions() != null) {
                c.addAll(kept.conditions());
            }
            if (kept.groups() != null) {
                groups.addAll(kept.groups());
            }
        }
        String match = SegmentDefinition.ANY.equals(text(form, "match")) ? SegmentDefinition.ANY : SegmentDefinition.ALL;
        return new SegmentDefinition(match, c, groups.isEmpty() ? null : groups);
    }

    /** The form showing a stored definition (the first condition of each type; the rest kept as JSON). */
    public static Map<String, Object> of(String name, SegmentDefinition d, ObjectMapper json) {
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("name", name == null ? "" : name);
        form.put("match", d == null || d.match() == null ? SegmentDefinition.ALL : d.match());
        if (d == null) {
            return form;
        }
        List<SegmentDefinition.Condition> rest = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (SegmentDefinition.Condition c : d.conditions() == null ? List.<SegmentDefinition.Condition>of() : d.conditions()) {
            if (c == null || c.type() == null || !seen.add(c.type())) {
                rest.add(c);
                continue;
            }
            switch (c.type()) {
                case "ageBand" -> form.put("ageBand", c.values());
                case "gender" -> form.put("gender", c.value());
                case "city" -> form.put("cities", String.join(", ", c.values()));
                case "socialStatus" -> form.put("socialStatus", c.values());
                case "incomeBracket" -> form.put("incomeBracket", c.values());
                case "birthdayThisMonth" -> form.put("birthdayThisMonth", "on");
                case "consent" -> form.put("consent", c.value());
                case "boughtAt" -> {
                    put(form, "boughtPartner", c.partner());
                    put(form, "boughtDays", c.days());
                }
                case "notBoughtAt" -> {
                    put(form, "notBoughtPartner", c.partner());
                    put(form, "notBoughtDays", c.days());
                }
                case "spend" -> {
                    put(form, "spendPartner", c.partner());
                    put(form, "minSpend", c.minSpend());
                    put(form, "maxSpend", c.maxSpend());
                }
                case "visits" -> {
                    put(form, "visitsPartner", c.partner());
                    put(form, "minVisits", c.min());
                    put(form, "maxVisits", c.max());
                }
                case "tier" -> {
                    put(form, "tierPartner", c.partner());
                    form.put("tierCodes", String.join(", ", c.values()));
                }
                case "balance" -> {
                    put(form, "minBalance", c.min());
                    put(form, "maxBalance", c.max());
                }
                default -> rest.add(c);
            }
        }
        if (!rest.isEmpty() || (d.groups() != null && !d.groups().isEmpty())) {
            try {
                form.put("kept", json.writeValueAsString(new SegmentDefinition(null, rest.isEmpty() ? null : rest, d.groups())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return form;
    }

    /** How many conditions and groups travel in the hidden field (the page says so). */
    public static int keptCount(Map<String, Object> form, ObjectMapper json) {
        SegmentDefinition kept = kept(text(form, "kept"), json);
        return kept == null ? 0 : (kept.conditions() == null ? 0 : kept.conditions().size()) + (kept.groups() == null ? 0 : kept.groups().size());
    }

    private static SegmentDefinition kept(String text, ObjectMapper json) {
        if (text == null) {
            return null;
        }
        try {
            return json.readValue(text, SegmentDefinition.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static void put(Map<String, Object> form, String key, Object value) {
        if (value != null) {
            form.put(key, value.toString());
        }
    }

    private static SegmentDefinition.Condition cond(String type, List<String> values, String value, String partner, Integer days,
                                                    Long min, Long max, String minSpend, String maxSpend) {
        return new SegmentDefinition.Condition(type, values, value, partner, days, min, max, minSpend, maxSpend);
    }

    private static Integer days(String s) {
        try {
            return Integer.valueOf(s.replace(" ", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Long number(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Long.valueOf(s.replace(" ", "").replace("\u00a0", ""));
        } catch (NumberFormatException e) {
            return -1L;
        }
    }

    private static String money(String s) {
        return s == null ? null : s.replace(" ", "").replace("\u00a0", "").replace(',', '.');
    }
}
