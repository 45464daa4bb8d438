package ru.coalition.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** An RFC 9457 problem document; {@code code} is the stable machine-readable reason. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "Why a request was refused (RFC 9457, `application/problem+json`). Branch on `code`"
        + " (or `type`): codes never change. `title` and `detail` are for people, in Russian or English after"
        + " `Accept-Language`.", requiredProperties = {"type", "title", "status", "code"})
public record Problem(
        @Schema(description = "`urn:coalition:problem:` and the code", examples = "urn:coalition:problem:validation") String type,
        @Schema(description = "Short summary of the problem kind, in the request's language") String title,
        @Schema(description = "The HTTP status of the answer", examples = "422") int status,
        @Schema(description = "What happened and what to do, in the request's language; absent when the title says it all") String detail,
        @Schema(description = "Stable machine-readable reason", examples = "validation") String code,
        @Schema(description = "The fields that are wrong, for input problems") List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** Every problem's {@code type} is this and its code. */
    public static final String TYPE_PREFIX = "urn:coalition:problem:";

    @Schema(name = "FieldError", description = "One wrong field of the request", requiredProperties = {"field", "message"})
    public record FieldError(
            @Schema(description = "Path of the field in the request body", examples = "lines[0].amount") String field,
            @Schema(description = "What is wrong with it, in the request's language") String message) {
    }
}
