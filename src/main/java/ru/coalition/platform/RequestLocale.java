package ru.coalition.platform;

import jakarta.enterprise.context.RequestScoped;

import java.util.Locale;

/** The locale of the current request: ?lang=, then the "lang" cookie, then Accept-Language, then Russian. */
@RequestScoped
public class RequestLocale {

    private Locale locale = Texts.RUSSIAN;
    private boolean chosenNow;

    public Locale get() {
        return locale;
    }

    public Texts texts() {
        return Texts.of(locale);
    }

    void set(Locale locale, boolean chosenNow) {
        this.locale = locale;
        this.chosenNow = chosenNow;
    }

    boolean chosenNow() {
        return chosenNow;
    }
}
