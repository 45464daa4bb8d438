package ru.coalition.platform;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * The problem texts of one locale (i18n/problems*.properties), looked up by {@link ErrorCode}: an error's title and
 * detail follow its code, which is data, so they stay a keyed bundle. Everything else people read is in {@link Msg}.
 */
public final class Texts {

    public static final Locale RUSSIAN = Locale.of("ru");
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private final Locale locale;
    private final ResourceBundle problems;

    private Texts(Locale locale) {
        this.locale = locale;
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
