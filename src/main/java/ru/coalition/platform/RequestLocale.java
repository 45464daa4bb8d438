package ru.coalition.platform;

import jakarta.enterprise.context.RequestScoped;

import java.time.ZoneId;
import java.util.Locale;

/**
 * The language and time zone of the current request. Language: ?lang=, then the "lang" cookie, then
 * Accept-Language, then Russian. Zone: the "tz" cookie the pages' script sets from the browser, else Moscow.
 */
@RequestScoped
public class RequestLocale {

    private Locale locale = Texts.RUSSIAN;
    private boolean chosenNow;
    private boolean explicit;
    private ZoneId zone = Formats.DEFAULT_ZONE;

    public Locale get() {
        return locale;
    }

    public Texts texts() {
        return Texts.of(locale);
    }

    public Msg messages() {
        return Messages.of(locale);
    }

    public ZoneId zone() {
        return zone;
    }

    void set(Locale locale, boolean chosenNow) {
        this.locale = locale;
        this.chosenNow = chosenNow;
    }

    /** Chosen in this browser: by ?lang= now or by the "lang" cookie from before. */
    void setExplicit(boolean explicit) {
        this.explicit = explicit;
    }

    /** Whether this browser chose a language (?lang= or the cookie): then an account's language does not override it. */
    public boolean chosenInBrowser() {
        return explicit;
    }

    /**
     * The language a signed-in member set in their profile: it applies when this browser has chosen none (no ?lang=,
     * no cookie), and is then remembered in the cookie like a choice made here.
     */
    public void useAccountLanguage(String language) {
        if (!explicit && LocaleFilters.isSupported(language)) {
            set(Locale.of(language), true);
            explicit = true;
        }
    }

    void setZone(ZoneId zone) {
        this.zone = zone;
    }

    boolean chosenNow() {
        return chosenNow;
    }
}
