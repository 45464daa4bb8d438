package ru.coalition.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Refuses, before any resource runs, URL-encoded text no honest client sends: broken percent-encoding (which the
 * decoders either throw on or turn silently into U+FFFD), bytes that are not UTF-8, and the NUL character, which
 * PostgreSQL refuses in text columns. It checks the path, the query and urlencoded form bodies; JSON strings are
 * checked by StrictJson.
 */
@ApplicationScoped
public class InputGuard {

    /** Our forms are a few kilobytes; a bigger urlencoded body is not one of them. */
    static final int MAX_FORM_BYTES = 256 * 1024;

    @Inject
    ObjectMapper json;

    // after the security headers and the cross-site check (WebHardening), before CORS (300) and authentication (200)
    void register(@Observes Filters filters) {
        filters.register(this::guard, 450);
    }

    void guard(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        String uri = request.uri();
        int q = uri.indexOf('?');
        String path = q < 0 ? uri : uri.substring(0, q);
        String query = q < 0 ? null : uri.substring(q + 1);
        if (!isCleanText(path) || query != null && !isCleanText(query)) {
            RouteProblems.send(rc, json, ErrorCode.BAD_ENCODING);
            return;
        }
        // "Bearer" with nothing after it makes the OIDC mechanism fail with a 500 before any provider runs
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer", 0, 6) && authorization.substring(6).isBlank()) {
            RouteProblems.send(rc, json, ErrorCode.UNAUTHORIZED);
            return;
        }
        if (!isUrlEncodedForm(request)) {
            rc.next();
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLength(length) > MAX_FORM_BYTES) {
            RouteProblems.send(rc, json, ErrorCode.TOO_LARGE);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_FORM_BYTES) {
                refused[0] = true;
                RouteProblems.send(rc, json, ErrorCode.TOO_LARGE);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (refused[0]) {
                return;
            }
            if (!isCleanText(body.toString(StandardCharsets.ISO_8859_1))) {
                RouteProblems.send(rc, json, ErrorCode.BAD_ENCODING);
                return;
            }
            // RESTEasy reads a body already taken from the connection from here
            rc.setBody(body);
            rc.next();
        });
        request.exceptionHandler(rc::fail);
        request.resume();
    }

    private static boolean isUrlEncodedForm(HttpServerRequest request) {
        if (request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD) {
            return false;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.trim().toLowerCase().startsWith("application/x-www-form-urlencoded");
    }

    private static long parseLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * Each %XX has two hex digits, the decoded bytes are UTF-8 and none is NUL. In a path, '+' is a plus; in a query
     * or form, a space — neither matters here, as only the escapes are decoded.
     */
    static boolean isCleanText(String raw) {
        byte[] decoded = new byte[raw.length()];
        int n = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || hex(raw.charAt(i + 1)) < 0 || hex(raw.charAt(i + 2)) < 0) {
                    return false;
                }
                decoded[n++] = (byte) (hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2)));
                i += 2;
            } else if (c == 0 || c > 0xff) {
                return false;
            } else {
                decoded[n++] = (byte) c;
            }
        }
        for (int i = 0; i < n; i++) {
            if (decoded[i] == 0) {
                return false;
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(decoded, 0, n));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }
}
