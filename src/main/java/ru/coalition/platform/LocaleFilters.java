package ru.coalition.platform;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.NewCookie;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;

/** Picks the request's language and remembers an explicit ?lang= choice in a cookie. */
public class LocaleFilters {

    static final String COOKIE = "lang";
    /** Set by js/app.js from Intl.DateTimeFormat().resolvedOptions().timeZone. */
    static final String ZONE_COOKIE = "tz";

    @Inject
    CoalitionConfig config;

    @Inject
    RequestLocale requestLocale;

    @ServerRequestFilter(preMatching = true)
    public void chooseLocale(ContainerRequestContext request) {
        chooseZone(request.getCookies().get(ZONE_COOKIE));
        chooseLanguage(request);
    }

    private void chooseZone(Cookie cookie) {
        if (cookie == null || cookie.getValue().isBlank() || cookie.getValue().length() > 64) {
            return;
        }
        try {
            requestLocale.setZone(ZoneId.of(URLDecoder.decode(cookie.getValue(), StandardCharsets.UTF_8)));
        } catch (DateTimeException | IllegalArgumentException unknown) {
            // a browser's odd zone name: the default stays
        }
    }

    private void chooseLanguage(ContainerRequestContext request) {
        String asked = request.getUriInfo().getQueryParameters().getFirst("lang");
        if (isSupported(asked)) {
            requestLocale.set(Locale.of(asked), true);
            requestLocale.setExplicit(true);
            return;
        }
        Cookie cookie = request.getCookies().get(COOKIE);
        if (cookie != null && isSupported(cookie.getValue())) {
            requestLocale.set(Locale.of(cookie.getValue()), false);
            requestLocale.setExplicit(true);
            return;
        }
        for (Locale l : request.getAcceptableLanguages()) {
            if (isSupported(l.getLanguage())) {
                requestLocale.set(Locale.of(l.getLanguage()), false);
                return;
            }
        }
    }

    @ServerResponseFilter
    public void rememberChoice(ContainerResponseContext response) {
        if (requestLocale.chosenNow()) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, new NewCookie.Builder(COOKIE)
                    .value(requestLocale.get().getLanguage()).path("/").maxAge(365 * 24 * 3600)
                    .sameSite(NewCookie.SameSite.LAX).httpOnly(true).secure(config.web().secureCookies()).build());
        }
    }

    static boolean isSupported(String lang) {
        return "ru".equals(lang) || "en".equals(lang);
    }
}
