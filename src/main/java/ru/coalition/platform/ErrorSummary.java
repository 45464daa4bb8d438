package ru.coalition.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What is wrong with a submitted form, for the summary above it (tags/errorSummary.html): each field's error under
 * the label the person sees beside the field, with the field's id so the summary links to it. Field names
 * (lines[0].sku, consents.personalData) never reach the page.
 */
public record ErrorSummary(List<Item> items) {

    public record Item(String field, String label, String message) {
    }

    public static final ErrorSummary NONE = new ErrorSummary(List.of());

    /** errors: field id → message, in the form's order; label: field id → the words on the form. */
    public static ErrorSummary of(Map<String, String> errors, Function<String, String> label) {
        List<Item> items = new ArrayList<>();
        errors.forEach((field, message) -> items.add(new Item(field, label.apply(field), message)));
        return new ErrorSummary(List.copyOf(items));
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }
}
