package ru.coalition.platform;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Method;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every text the product shows exists in Russian (the default, the base file) and in English (the _en file): each
 * {@link ErrorCode} has a title in both languages, and i18n/problems*.properties have the same
 * keys in both languages, none blank, with the same {0}, {1}… placeholders; every {@link Msg} method has a text in
 * messages/msg_ru.properties and msg_en.properties. Plain JUnit: reads the files from the
 * class path as UTF-8, no Quarkus boot. Each test lists every gap it finds, not just the first.
 */
class TextsCompleteTest {

    private static final String RU = "i18n/%s.properties";
    private static final String EN = "i18n/%s_en.properties";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\s*(\\d+)\\s*[,}]");
    private static final Pattern KEY_LINE = Pattern.compile("^\\s*([^#!\\s][^=:\\s]*)\\s*[=:\\s]");

    /**
     * Keys of problems*.properties that are not problem codes but texts of one field in a problem's list of errors.
     * coalition.field.* are Bean Validation messages ({coalition.field.x} in constraint annotations) and field texts
     * of the registration, partner and ledger forms; field.* are the generic ones ProblemMappers and FieldErrors use
     * (field.unreadable for a value JSON could not read, field.invalid for a Russian constraint without its own text).
     */
    private static final List<String> FIELD_MESSAGE_PREFIXES = List.of("coalition.field.", "field.", "coalition.scratch.");

    @Test
    void everyErrorCodeHasATitleInBothLanguages() {
        Map<String, String> ru = read(RU.formatted("problems"));
        Map<String, String> en = read(EN.formatted("problems"));
        List<String> gaps = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            for (var lang : List.of(Map.entry("ru", ru), Map.entry("en", en))) {
                String title = lang.getValue().get(code.code() + ".title");
                if (title == null || title.isBlank()) {
                    gaps.add(code.name() + " (" + code.code() + ".title) has no " + lang.getKey() + " text");
                }
            }
        }
        assertTrue(gaps.isEmpty(), "Missing problem titles:\n" + String.join("\n", gaps));
    }

    @Test
    void codesAreUniqueAndWellFormed() {
        Set<String> seen = new HashSet<>();
        List<String> bad = new ArrayList<>();
        for (ErrorCode code : ErrorCode.values()) {
            if (!seen.add(code.code())) {
                bad.add(code.name() + ": code " + code.code() + " used twice");
            }
            if (!code.code().matches("[a-z]+(-[a-z]+)*(\\.[a-z]+(-[a-z]+)*)?")) {
                bad.add(code.name() + ": code " + code.code() + " is not lower-case words with dashes, one optional dot");
            }
            if (code.status() < 400 || code.status() > 599) {
                bad.add(code.name() + ": status " + code.status() + " is not an error status");
            }
        }
        assertTrue(bad.isEmpty(), String.join("\n", bad));
    }

    @Test
    void problemTextsExistInBothLanguages() {
        assertSameKeysAndPlaceholders("problems");
    }

    /** The message bundles: the interface and the name its files carry (messages/<name>_ru|en.properties). */
    private static final Map<Class<?>, String> BUNDLES = Map.ofEntries(
            Map.entry(Msg.class, "msg"),
            Map.entry(PortalMsg.class, "portal"),
            Map.entry(ConsoleMsg.class, "console"),
            Map.entry(CabinetMsg.class, "cabinet"),
            Map.entry(ScratchMsg.class, "scratch"),
            Map.entry(CatalogMsg.class, "catalog"),
            Map.entry(ClearingMsg.class, "clearing"),
            Map.entry(SupportMsg.class, "support"),
            Map.entry(BoardMsg.class, "board"),
            Map.entry(SlaMsg.class, "sla"),
            Map.entry(KpiMsg.class, "kpi"),
            Map.entry(ConsentMsg.class, "consent"),
            Map.entry(SegmentMsg.class, "segment"),
            Map.entry(SendingMsg.class, "sending"),
            Map.entry(BounceMsg.class, "bounce"),
            Map.entry(CampaignMsg.class, "campaign"),
            Map.entry(BacktestMsg.class, "bt"),
            Map.entry(OrderMsg.class, "orders"),
            Map.entry(WebhookMsg.class, "webhooks"),
            Map.entry(IvrMsg.class, "ivr"));

    /**
     * The build already refuses a template naming a message a bundle lacks; this checks the other side: every method
     * of every bundle has a text in both languages, no file has a text of no method, and the two languages use the
     * same parameters. A key in two bundles would be two texts for one thing: each key lives in one bundle.
     */
    @Test
    void everyMessageHasATextInBothLanguages() {
        List<String> gaps = new ArrayList<>();
        Map<String, String> owner = new java.util.HashMap<>();
        for (var bundle : BUNDLES.entrySet()) {
            Map<String, String> ru = read(MESSAGES.formatted(bundle.getValue(), "ru"));
            Map<String, String> en = read(MESSAGES.formatted(bundle.getValue(), "en"));
            Set<String> methods = new TreeSet<>();
            for (Method m : bundle.getKey().getDeclaredMethods()) {
                methods.add(m.getName());
                String before = owner.put(m.getName(), bundle.getValue());
                if (before != null) {
                    gaps.add(m.getName() + ": in bundles " + before + " and " + bundle.getValue());
                }
            }
            for (String name : methods) {
                for (var lang : List.of(Map.entry("ru", ru), Map.entry("en", en))) {
                    String text = lang.getValue().get(name);
                    if (text == null || text.isBlank()) {
                        gaps.add(bundle.getValue() + "." + name + ": no " + lang.getKey() + " text");
                    }
                }
                if (ru.containsKey(name) && en.containsKey(name) && !parameters(ru.get(name)).equals(parameters(en.get(name)))) {
                    gaps.add(bundle.getValue() + "." + name + ": parameters differ, ru " + parameters(ru.get(name)) + " en " + parameters(en.get(name)));
                }
            }
            Set<String> orphans = new TreeSet<>(ru.keySet());
            orphans.addAll(en.keySet());
            orphans.removeAll(methods);
            orphans.forEach(k -> gaps.add(bundle.getValue() + "." + k + ": a text of no method"));
        }
        assertTrue(gaps.isEmpty(), "Message texts incomplete:\n" + String.join("\n", gaps));
    }

    private static final String MESSAGES = "messages/%s_%s.properties";
    private static final Pattern PARAMETER = Pattern.compile("\\{([a-z][A-Za-z]*)[.}]");

    private static Set<String> parameters(String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = PARAMETER.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** A problem text nobody can show is dead: each key belongs to an ErrorCode or is a field message. */
    @Test
    void everyProblemTextBelongsToACodeOrAField() {
        Set<String> codes = new HashSet<>();
        for (ErrorCode code : ErrorCode.values()) {
            codes.add(code.code());
        }
        List<String> dead = new ArrayList<>();
        for (String key : read(RU.formatted("problems")).keySet()) {
            if (FIELD_MESSAGE_PREFIXES.stream().anyMatch(key::startsWith)) {
                continue;
            }
            int dot = key.lastIndexOf('.');
            String suffix = dot < 0 ? "" : key.substring(dot + 1);
            if (!(suffix.equals("title") || suffix.equals("detail")) || !codes.contains(key.substring(0, dot))) {
                dead.add(key);
            }
        }
        assertTrue(dead.isEmpty(), "Problem texts of no ErrorCode (add the code or delete the text):\n"
                + String.join("\n", dead));
    }

    /** A key written twice in one file silently keeps the last value: likely a merge that lost a text. */
    @Test
    void noKeyIsWrittenTwice() {
        List<String> twice = new ArrayList<>();
        List<String> paths = new ArrayList<>(List.of(RU.formatted("problems"), EN.formatted("problems")));
        BUNDLES.values().forEach(b -> paths.addAll(List.of(MESSAGES.formatted(b, "ru"), MESSAGES.formatted(b, "en"))));
        {
            for (String path : paths) {
                Set<String> keys = new HashSet<>();
                boolean continued = false;
                for (String line : lines(path)) {
                    Matcher m = KEY_LINE.matcher(line);
                    if (!continued && m.find() && !keys.add(m.group(1))) {
                        twice.add(path + ": " + m.group(1));
                    }
                    continued = line.endsWith("\\");
                }
            }
        }
        assertTrue(twice.isEmpty(), "Keys written twice:\n" + String.join("\n", twice));
    }

    private static void assertSameKeysAndPlaceholders(String bundle) {
        Map<String, String> ru = read(RU.formatted(bundle));
        Map<String, String> en = read(EN.formatted(bundle));
        List<String> gaps = new ArrayList<>();
        Set<String> keys = new TreeSet<>(ru.keySet());
        keys.addAll(en.keySet());
        for (String key : keys) {
            String r = ru.get(key);
            String e = en.get(key);
            if (r == null || r.isBlank()) {
                gaps.add(key + ": no Russian text (English: " + e + ")");
            } else if (e == null || e.isBlank()) {
                gaps.add(key + ": no English text (Russian: " + r + ")");
            } else if (!placeholders(r).equals(placeholders(e))) {
                gaps.add(key + ": placeholders differ, ru " + placeholders(r) + " en " + placeholders(e));
            } else {
                checkFormat(key, "ru", r, gaps);
                checkFormat(key, "en", e, gaps);
            }
        }
        assertTrue(gaps.isEmpty(), bundle + " texts differ between Russian and English:\n" + String.join("\n", gaps));
    }

    /** Texts with placeholders go through MessageFormat: it must parse them, and a lone ' would vanish. */
    private static void checkFormat(String key, String lang, String text, List<String> gaps) {
        if (placeholders(text).isEmpty()) {
            return;
        }
        try {
            new MessageFormat(text);
        } catch (IllegalArgumentException ex) {
            gaps.add(key + " (" + lang + "): not a valid MessageFormat pattern: " + ex.getMessage());
            return;
        }
        if (text.replace("''", "").contains("'")) {
            gaps.add(key + " (" + lang + "): a single ' in a text with placeholders is swallowed; write ''");
        }
    }

    private static Set<Integer> placeholders(String text) {
        Set<Integer> found = new TreeSet<>();
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            found.add(Integer.parseInt(m.group(1)));
        }
        return found;
    }

    private static Map<String, String> read(String path) {
        Properties p = new Properties();
        try (Reader reader = new InputStreamReader(open(path), StandardCharsets.UTF_8)) {
            p.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        }
        Map<String, String> texts = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> texts.put(k, p.getProperty(k)));
        assertFalse(texts.isEmpty(), path + " is empty");
        return texts;
    }

    private static List<String> lines(String path) {
        try (InputStream in = open(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new IllegalStateException(path, e);
        }
    }

    private static InputStream open(String path) {
        InputStream in = TextsCompleteTest.class.getClassLoader().getResourceAsStream(path);
        assertNotNull(in, path + " is not on the class path");
        return in;
    }
}
