package ru.coalition.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.List;
import java.util.Locale;

/**
 * A problem answered by a Vert.x route filter, before any resource (and so before ProblemMappers and the request's
 * locale filter) runs: the same body, with the language taken from the "lang" cookie or Accept-Language.
 */
public final class RouteProblems {

    private RouteProblems() {
    }

    public static void send(RoutingContext rc, ObjectMapper json, ErrorCode code) {
        Texts texts = Texts.of(localeOf(rc));
        int status = code.status();
        Problem body = new Problem("urn:coalition:problem:" + code.code(), texts.problemTitle(code), status,
                texts.problemDetail(code), code.code(), List.of());
        String text;
        try {
            text = json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        rc.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("Content-Language", texts.lang()).end(text);
    }

    static Locale localeOf(RoutingContext rc) {
        Cookie cookie = rc.request().getCookie(LocaleFilters.COOKIE);
        if (cookie != null && LocaleFilters.isSupported(cookie.getValue())) {
            return Locale.of(cookie.getValue());
        }
        String accepted = rc.request().getHeader(HttpHeaders.ACCEPT_LANGUAGE);
        if (accepted != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(accepted)) {
                    String lang = range.getRange().split("-")[0];
                    if (LocaleFilters.isSupported(lang)) {
                        return Locale.of(lang);
                    }
                }
            } catch (IllegalArgumentException e) {
                // an unreadable header: the default language
            }
        }
        return Texts.RUSSIAN;
    }
}
