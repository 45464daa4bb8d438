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

    void setZone(ZoneId zone) {
        this.zone = zone;
    }

    boolean chosenNow() {
        return chosenNow;
    }
}
