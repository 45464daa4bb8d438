package ru.coalition.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Reads a JSON request body whole on the event loop before the resource runs. Without it a blocking resource reads
 * the body through a stream that hands each chunk from the event loop to the worker thread and wakes it; with a till
 * posting receipts back to back that hand-off cost more CPU than reading the JSON (docs/benchmarks.md).
 */
@ApplicationScoped
public class JsonBodyBuffer {

    /** A batch of 1 000 receipts is well under this; a bigger body is not one of ours. */
    static final int MAX_JSON_BYTES = 16 * 1024 * 1024;

    @Inject
    ObjectMapper json;

    // right after InputGuard (450), before CORS (300) and authentication (200)
    void register(@Observes Filters filters) {
        filters.register(this::buffer, 440);
    }

    void buffer(RoutingContext rc) {
        HttpServerRequest request = rc.request();
        // HTTP/2 (also after an h2c upgrade, as the JDK's client asks on a new connection) is left to RESTEasy: an HTTP/2
        // request read to its end refuses the pause RESTEasy asks of it ("Request has already been read")
        if (!isJson(request) || rc.body().buffer() != null || request.version() == HttpVersion.HTTP_2) {
            rc.next();
            return;
        }
        long length = lengthOf(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (length > MAX_JSON_BYTES) {
            RouteProblems.send(rc, json, ErrorCode.TOO_LARGE);
            return;
        }
        Buffer body = Buffer.buffer(length < 0 ? 1024 : (int) length);
        boolean[] refused = {false};
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_JSON_BYTES) {
                refused[0] = true;
                RouteProblems.send(rc, json, ErrorCode.TOO_LARGE);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(v -> {
            if (!refused[0]) {
                rc.setBody(body);
                rc.next();
            }
        });
        request.exceptionHandler(rc::fail);
        request.resume();
    }

    /** The declared length, -1 when not declared (chunked), above the cap when unreadable. */
    private static long lengthOf(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static boolean isJson(HttpServerRequest request) {
        if (request.method() != HttpMethod.POST && request.method() != HttpMethod.PUT && request.method() != HttpMethod.PATCH) {
            return false;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        return type != null && type.trim().toLowerCase().startsWith("application/json");
    }
}
