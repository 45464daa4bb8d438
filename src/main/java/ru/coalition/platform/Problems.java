package ru.coalition.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** problem+json bodies in the request's language: for the exception mappers, and per item of a batch. */
@ApplicationScoped
public class Problems {

    @Inject
    RequestLocale requestLocale;

    public Problem body(ProblemException e) {
        return body(e.code().status(), e.code(), e.fieldErrors(), e.args());
    }

    /** Field errors Bean Validation found in an object validated by hand (not a resource method's parameter). */
    public Problem invalid(Set<? extends ConstraintViolation<?>> violations) {
        return body(ErrorCode.VALIDATION.status(), ErrorCode.VALIDATION, FieldErrors.of(violations, requestLocale.texts(), false));
    }

    /** A field that could not be read as its type. */
    public Problem unreadable(String field) {
        return body(ErrorCode.VALIDATION.status(), ErrorCode.VALIDATION,
                List.of(new Problem.FieldError(field, requestLocale.texts().problem("field.unreadable"))));
    }

    /** The field a JSON reading error points at, as field errors name it ("lines[0].amount"), or "" for none. */
    public static String fieldOf(JsonProcessingException e) {
        return e instanceof JsonMappingException m ? m.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[") : "";
    }

    Problem body(int status, ErrorCode code, List<Problem.FieldError> errors, Object... args) {
        return body(requestLocale.texts(), status, code, errors, args);
    }

    /** The body in the language of {@code texts}; the API document's examples are made by it too. */
    static Problem body(Texts texts, int status, ErrorCode code, List<Problem.FieldError> errors, Object... args) {
        String title = texts.problemTitle(code);
        String detail = texts.problemDetail(code, args);
        // a field error without its own text carries the problem's explanation
        List<Problem.FieldError> fields = errors.stream()
                .map(f -> f.message() != null ? f : new Problem.FieldError(f.field(), detail != null ? detail : title)).toList();
        return new Problem(Problem.TYPE_PREFIX + code.code(), title, status, detail, code.code(), fields);
    }
}
