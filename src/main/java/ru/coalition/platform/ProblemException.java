package ru.coalition.platform;

import java.util.List;

/**
 * A failure the caller should see as problem+json. {@code code} gives the HTTP status and names the texts in
 * i18n/problems*.properties ({@code <code>.title}, {@code <code>.detail}); {@code args} fill the detail's placeholders.
 */
public class ProblemException extends RuntimeException {

    private final ErrorCode code;
    private final Object[] args;
    private final List<Problem.FieldError> fieldErrors;
    private Long retryAfterSeconds;

    public ProblemException(ErrorCode code, Object... args) {
        this(code, List.of(), args);
    }

    public ProblemException(ErrorCode code, List<Problem.FieldError> fieldErrors, Object... args) {
        super(code.code());
        this.code = code;
        this.args = args;
        this.fieldErrors = List.copyOf(fieldErrors);
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
        return code.status();
    }

    public ErrorCode code() {
        return code;
    }

    public Object[] args() {
        return args;
    }

    public List<Problem.FieldError> fieldErrors() {
        return fieldErrors;
    }
}
