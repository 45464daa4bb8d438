package ru.coalition.platform;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The user-facing texts of one locale: i18n/ui*.properties for pages and messages, i18n/problems*.properties for
 * errors. Russian is the base file, English the _en one.
 */
public final class Texts {

    public static final Locale RUSSIAN = Locale.of("ru");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle ui;
    private final ResourceBundle problems;

    private Texts(Locale locale) {
        this.locale = locale;
        this.ui = ResourceBundle.getBundle("i18n.ui", locale, NO_FALLBACK);
        this.problems = ResourceBundle.getBundle("i18n.problems", locale, NO_FALLBACK);
    }

    private static final Texts RU = new Texts(RUSSIAN);
    private static final Texts EN = new Texts(Locale.ENGLISH);

    public static Texts of(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage()) ? EN : RU;
    }

    public Locale locale() {
        return locale;
    }

    public String lang() {
        return locale.getLanguage();
    }

    /** A page text; a missing key shows itself, so a gap is visible rather than fatal. */
    public String t(String key) {
        return lookup(ui, key);
    }

    public String t(String key, Object arg) {
        return fill(lookup(ui, key), arg);
    }

    public String t(String key, Object arg1, Object arg2) {
        return fill(lookup(ui, key), arg1, arg2);
    }

    /** A page or message text with any number of arguments (Java callers; templates use t). */
    public String format(String key, Object... args) {
        return fill(lookup(ui, key), args);
    }

    /** The text of key prefix+choice, for enum-like values: pick("status.", "ACTIVE"). */
    public String pick(String prefix, Object choice) {
        return lookup(ui, prefix + choice);
    }

    public String problem(String key, Object... args) {
        return fill(lookup(problems, key), args);
    }

    public String problemTitle(ErrorCode code) {
        return problem(code.code() + ".title");
    }

    /** The problem's explanation with its arguments, or null when the code has none. */
    public String problemDetail(ErrorCode code, Object... args) {
        String key = code.code() + ".detail";
        return hasProblem(key) ? problem(key, args) : null;
    }

    /** What a page shows for a refused action: the explanation, or the title when there is none. */
    public String problemDetailOrTitle(ProblemException e) {
        String detail = problemDetail(e.code(), e.args());
        return detail != null ? detail : problemTitle(e.code());
    }

    public boolean hasProblem(String key) {
        return problems.containsKey(key);
    }

    private String fill(String pattern, Object... args) {
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    private static String lookup(ResourceBundle bundle, String key) {
        try {
            return bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
    }
}
