package ru.coalition.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;

/** Every failure leaves as application/problem+json, with texts in the request's language. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    RequestLocale requestLocale;

    @Inject
    Problems problems;

    @Inject
    HttpHeaders headers;


    @Inject
    @Location("web/error.html")
    Template errorPage;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response r = respond(e.code(), e.fieldErrors(), e.args());
        if (e.retryAfterSeconds() != null) {
            r.getHeaders().putSingle("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return r;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        return respond(ErrorCode.VALIDATION, FieldErrors.of(e.getConstraintViolations(), requestLocale.texts(), true));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = Problems.fieldOf(e);
        if (field.isEmpty()) {
            return respond(ErrorCode.MALFORMED_JSON, List.of());
        }
        return respond(ErrorCode.VALIDATION, List.of(new Problem.FieldError(field, requestLocale.texts().problem("field.unreadable"))));
    }

    /** More specific than Quarkus' built-in mapper of the same type, which answers plain JSON. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized() {
        return respond(ErrorCode.UNAUTHORIZED, List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(ErrorCode.FORBIDDEN, List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        int status = e.getResponse().getStatus();
        ErrorCode code = switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            default -> status >= 500 ? ErrorCode.INTERNAL : ErrorCode.BAD_REQUEST;
        };
        // the framework's own status stands (a 502 stays a 502, a 410 a 410) even where the code is the generic one
        return respond(status, code, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (timedOut(e)) {
            LOG.warn("A statement ran past its time limit", e);
            Response r = respond(ErrorCode.STATEMENT_TIMEOUT, List.of());
            r.getHeaders().putSingle("Retry-After", "60");
            return r;
        }
        if (databaseUnavailable(e)) {
            LOG.warn("The database is unavailable: " + e);
            Response r = respond(ErrorCode.DATABASE_UNAVAILABLE, List.of());
            r.getHeaders().putSingle("Retry-After", "5");
            return r;
        }
        LOG.error("Unexpected failure", e);
        return respond(ErrorCode.INTERNAL, List.of());
    }

    /** SQLSTATEs of a lost or refused connection: class 08, the server shutting down or starting, a standby refusing writes. */
    private static final java.util.Set<String> UNAVAILABLE_STATES = java.util.Set.of("57P01", "57P02", "57P03", "25006");

    /**
     * A failure of the connection rather than of the request: a connection error, the server going away, a write that met
     * a standby, no connection free in time (Agroal's acquisition timeout carries no SQLSTATE), or a commit whose
     * connection broke. Found anywhere among the causes and suppressed exceptions.
     */
    static boolean databaseUnavailable(Throwable e) {
        java.util.Deque<Throwable> todo = new java.util.ArrayDeque<>(List.of(e));
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!todo.isEmpty()) {
            Throwable t = todo.pop();
            if (!seen.add(t)) {
                continue;
            }
            if (t instanceof java.sql.SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || UNAVAILABLE_STATES.contains(state))) {
                    return true;
                }
                if (state == null && String.valueOf(sql.getMessage()).contains("acquisition timeout")) {
                    return true;
                }
            }
            if (t.getCause() != null) {
                todo.push(t.getCause());
            }
            for (Throwable s : t.getSuppressed()) {
                todo.push(s);
            }
        }
        return false;
    }

    /** PostgreSQL cancelled a statement (SQLSTATE 57014: statement_timeout, or a cancel at the transaction's timeout). */
    static boolean timedOut(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "57014".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private Response respond(ErrorCode code, List<Problem.FieldError> errors, Object... args) {
        return respond(code.status(), code, errors, args);
    }

    private Response respond(int status, ErrorCode code, List<Problem.FieldError> errors, Object... args) {
        Texts texts = requestLocale.texts();
        Problem body = problems.body(status, code, errors, args);
        if (wantsHtml()) {
            String html = errorPage.data("title", body.title()).data("detail", body.detail() == null ? "" : body.detail()).render();
            return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
        }
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(body)
                .header("Content-Language", texts.lang()).build();
    }

    /** A browser opening a page gets a page; API clients get problem+json. */
    private boolean wantsHtml() {
        List<MediaType> accepted = headers.getAcceptableMediaTypes();
        return !accepted.isEmpty() && accepted.get(0).isCompatible(MediaType.TEXT_HTML_TYPE)
                && !accepted.get(0).isWildcardType();
    }
}
