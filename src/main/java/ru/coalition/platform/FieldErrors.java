package ru.coalition.platform;

import jakarta.validation.ConstraintViolation;

import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Bean Validation violations as our field errors, with texts from the problems bundle. */
public final class FieldErrors {

    private FieldErrors() {
    }

    public static List<Problem.FieldError> of(Set<? extends ConstraintViolation<?>> violations, Texts texts, boolean skipMethodPath) {
        return violations.stream()
                .map(v -> new Problem.FieldError(field(v, skipMethodPath), message(texts, v)))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
    }

    private static String field(ConstraintViolation<?> v, boolean skipMethodPath) {
        String path = v.getPropertyPath().toString();
        if (!skipMethodPath) {
            return path;
        }
        // "register.request.phone" -> "phone": drop the method and parameter segments
        String[] parts = path.split("\\.", 3);
        return parts.length == 3 ? parts[2] : parts.length == 2 ? "" : path;
    }

    /** Messages written as {coalition.*} are looked up in our bundle; others are Hibernate Validator's own. */
    private static String message(Texts texts, ConstraintViolation<?> v) {
        String template = v.getMessageTemplate();
        if (template.startsWith("{coalition.") && template.endsWith("}")) {
            return texts.problem(template.substring(1, template.length() - 1));
        }
        return "en".equals(texts.lang()) ? v.getMessage() : texts.problem("field.invalid");
    }
}
