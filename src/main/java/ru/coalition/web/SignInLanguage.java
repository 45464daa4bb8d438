package ru.coalition.web;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.OidcRedirectFilter;
import io.quarkus.oidc.Redirect;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.LanguageHeader;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Set;

/**
 * The Keycloak sign-in page speaks the language the person chose on our pages: ui_locales follows ?lang=, then the
 * "lang" cookie the pages set, then the browser's Accept-Language, as our own pages do (platform.LocaleFilters);
 * Russian otherwise. The redirect happens before any page of ours is rendered, so the choice is read here.
 */
@ApplicationScoped
@Unremovable
@Redirect(Redirect.Location.OIDC_AUTHORIZATION)
public class SignInLanguage implements OidcRedirectFilter {

    static final Set<String> SUPPORTED = Set.of("ru", "en");

    @Override
    public void filter(OidcRedirectContext context) {
        context.additionalQueryParams().set("ui_locales", languageOf(context.routingContext()));
    }

    static String languageOf(RoutingContext request) {
        String asked = request.request().getParam("lang");
        if (asked != null && SUPPORTED.contains(asked)) {
            return asked;
        }
        Cookie cookie = request.request().getCookie("lang");
        if (cookie != null && SUPPORTED.contains(cookie.getValue())) {
            return cookie.getValue();
        }
        for (LanguageHeader accepted : request.acceptableLanguages()) {
            if (SUPPORTED.contains(accepted.tag())) {
                return accepted.tag();
            }
        }
        return "ru";
    }
}
