package ru.coalition.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The refusals an API operation can answer with, for its OpenAPI document: {@link ApiDocument} turns them into
 * application/problem+json responses, one per status, with an example of each code. On a class, they apply to every
 * operation of it (which needs an {@code @Operation(operationId = ...)}). Those every operation of a kind has are added
 * without being listed: 401 {@code unauthorized} and 403 {@code forbidden} where a token is required; 400
 * {@code malformed-json}, 413 {@code too-large} and 422 {@code validation} where a JSON body is read.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface ProblemResponses {

    ErrorCode[] value();
}
