package ru.coalition.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.List;
import java.util.stream.Collectors;

/** Every failure leaves as application/problem+json, with texts in the request's language. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    RequestLocale requestLocale;

    @Inject
    HttpHeaders headers;

    @Inject
    SecurityIdentity identity;

    @Inject
    @Location("web/error.html")
    Template errorPage;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response r = respond(e.status(), e.code(), e.fieldErrors(), e.args());
        if (e.retryAfterSeconds() != null) {
            r.getHeaders().putSingle("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        return r;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        return respond(422, "validation", FieldErrors.of(e.getConstraintViolations(), requestLocale.texts(), true));
    }

    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = e instanceof JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") : "";
        if (field.isEmpty()) {
            return respond(400, "malformed-json", List.of());
        }
        return respond(422, "validation", List.of(new Problem.FieldError(field, requestLocale.texts().problem("field.unreadable"))));
    }

    /** More specific than Quarkus' built-in mapper of the same type, which answers plain JSON. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized() {
        return respond(401, "unauthorized", List.of());
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(403, "forbidden", List.of());
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadable(json);
        }
        int status = e.getResponse().getStatus();
        String code = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 415 -> "unsupported-media-type";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            default -> status >= 500 ? "internal" : "bad-request";
        };
        return respond(status, code, List.of());
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return respond(500, "internal", List.of());
    }

    private Response respond(int status, String code, List<Problem.FieldError> errors, Object... args) {
        Texts texts = requestLocale.texts();
        String title = texts.problemTitle(code);
        String detail = texts.problemDetail(code, args);
        // a field error without its own text carries the problem's explanation
        List<Problem.FieldError> fields = errors.stream()
                .map(f -> f.message() != null ? f : new Problem.FieldError(f.field(), detail != null ? detail : title)).toList();
        Problem body = new Problem("urn:coalition:problem:" + code, title, status, detail, code, fields);
        if (wantsHtml()) {
            String html = errorPage.data("title", body.title()).data("detail", body.detail() == null ? "" : body.detail())
                    .data("loggedIn", !identity.isAnonymous()).render();
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
