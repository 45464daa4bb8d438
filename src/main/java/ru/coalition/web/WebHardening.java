package ru.coalition.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.RouteProblems;

import java.util.Set;

/**
 * Browser protections on every answer of the public port: pages, problem+json, static files, 404s and the OIDC
 * redirects alike (a route filter runs for all of them; a JAX-RS filter would miss static files and redirects).
 */
@ApplicationScoped
public class WebHardening {

    /**
     * Scripts come only from our own files (htmx and js/app.js), so an injected inline script never runs. Styles
     * allow inline: the wallet bars size themselves with a style attribute and htmx's indicator style is off
     * (meta htmx-config), but no script can reach them. No form-action: logging out posts to /logout, which
     * redirects to Keycloak's own origin, and browsers check form-action on that redirect too.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /** Swagger UI (a Quarkus page) bootstraps itself with an inline script; it shows no personal data. */
    static final String SWAGGER_CSP = "default-src 'self'; script-src 'self' 'unsafe-inline'; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

    /**
     * A campaign's preview is a whole mail shown in a frame of the composer: only its own page may frame it, and in
     * it nothing runs (sandbox) — the mail's pictures may come from anywhere a mail's could.
     */
    static final String PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; "
            + "frame-ancestors 'self'; sandbox";
    static final java.util.regex.Pattern PREVIEW = java.util.regex.Pattern.compile("/(operator/mailings|portal/campaigns)/\\d+/preview");

    static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.PATCH);

    @Inject
    CoalitionConfig config;

    @Inject
    ObjectMapper json;

    // first of all filters: before the input checks (450), CORS (300) and authentication (200)
    void register(@Observes Filters filters) {
        filters.register(this::harden, 500);
    }

    void harden(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        HttpServerResponse response = rc.response();
        String path = request.path();
        boolean preview = PREVIEW.matcher(path).matches();
        response.putHeader("Content-Security-Policy", preview ? PREVIEW_CSP : path.startsWith("/q/swagger-ui") ? SWAGGER_CSP : CSP);
        response.putHeader("X-Content-Type-Options", "nosniff");
        response.putHeader("X-Frame-Options", preview ? "SAMEORIGIN" : "DENY");
        response.putHeader("Referrer-Policy", "same-origin");
        if (config.web().hsts()) {
            response.putHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
        }
        if (isPersonal(path)) {
            // personal pages, balances and one-time payment codes must not stay in a shared browser's or proxy's cache
            response.putHeader("Cache-Control", "no-store");
        }
        if (path.equals("/logout") && request.method() != HttpMethod.POST) {
            // the OIDC logout path would end the session on any method; a GET can be fired by another site's <img>
            response.putHeader("Allow", "POST");
            RouteProblems.send(rc, json, ErrorCode.METHOD_NOT_ALLOWED);
            return;
        }
        if (request.method() == HttpMethod.POST && under(path, "/u") && path.length() > 3) {
            // the one-click unsubscribe (RFC 8058) is posted by the member's mail service, maybe from its web page on
            // another site; the signed token is its only authority (no cookie is read there), so another site's
            // Origin is no forgery here: the CORS check that guards the cookie-signed forms is not asked
            request.headers().remove("Origin");
            rc.next();
            return;
        }
        if (STATE_CHANGING.contains(request.method()) && request.getHeader("Origin") == null
                && "cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            // the CORS filter judges by Origin; a browser that sends none still tells where the request comes from
            RouteProblems.send(rc, json, ErrorCode.CROSS_SITE);
            return;
        }
        rc.next();
    }

    static boolean isPersonal(String path) {
        return under(path, "/cabinet") || under(path, "/portal") || under(path, "/operator") || under(path, "/api/v1/me")
                || under(path, "/logout") || under(path, "/u")
                // the board shows its viewer's own posts waiting for a moderator, and support sees drafts of articles
                || under(path, "/board") || under(path, "/kb") || under(path, "/api/v1/board");
    }

    private static boolean under(String path, String prefix) {
        return path.equals(prefix) || path.startsWith(prefix + "/");
    }
}
