package ru.coalition.platform;

import java.util.List;

/**
 * A failure the caller should see as problem+json. {@code code} names the texts in i18n/problems*.properties
 * ({@code <code>.title}, {@code <code>.detail}); {@code args} fill the detail's placeholders.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final Object[] args;
    private final List<Problem.FieldError> fieldErrors;
    private Long retryAfterSeconds;

    public ProblemException(int status, String code, Object... args) {
        this(status, code, List.of(), args);
    }

    public ProblemException(int status, String code, List<Problem.FieldError> fieldErrors, Object... args) {
        super(code);
        this.status = status;
        this.code = code;
        this.args = args;
        this.fieldErrors = List.copyOf(fieldErrors);
    }

    public static ProblemException notFound(String code, Object... args) {
        return new ProblemException(404, code, args);
    }

    public static ProblemException conflict(String code, Object... args) {
        return new ProblemException(409, code, args);
    }

    public static ProblemException invalid(String code, List<Problem.FieldError> errors) {
        return new ProblemException(422, code, errors);
    }

    /** For a 429: when the caller may try again (the Retry-After header). */
    public ProblemException retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Object[] args() {
        return args;
    }

    public List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }
}
