package ru.coalition.staff;

import jakarta.ws.rs.core.MultivaluedMap;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.Msg;
import ru.coalition.platform.RequestLocale;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The invitation form of the portal and the console, read and checked the same way on both. */
public record StaffForm(Map<String, String> values, Map<String, String> errors, StaffService.Invite invite) {

    private static final String EMAIL = "^[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,}$";

    public static StaffForm read(MultivaluedMap<String, String> params, List<String> roles, RequestLocale locale) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String f : List.of("email", "firstName", "lastName", "role", "partner")) {
            String v = params.getFirst(f);
            values.put(f, v == null ? "" : v.trim());
        }
        var texts = locale.texts();
        Map<String, String> errors = new LinkedHashMap<>();
        if (!values.get("email").matches(EMAIL) || values.get("email").length() > 200) {
            errors.put("email", texts.problem("coalition.field.email"));
        }
        for (String f : List.of("firstName", "lastName")) {
            if (values.get(f).isEmpty()) {
                errors.put(f, texts.problem("coalition.field.required"));
            } else if (values.get(f).length() > 100) {
                errors.put(f, texts.problem("coalition.field.too-long"));
            }
        }
        if (!roles.contains(values.get("role"))) {
            errors.put("role", texts.problem("coalition.field.choice"));
        }
        return new StaffForm(values, errors, new StaffService.Invite(values.get("email"), values.get("firstName"),
                values.get("lastName"), values.get("role")));
    }

    public static ErrorSummary summary(Map<String, String> errors, RequestLocale locale) {
        Msg msg = locale.messages();
        return ErrorSummary.of(errors, f -> switch (f) {
            case "email" -> msg.staffEmail();
            case "firstName" -> msg.staffFirstName();
            case "lastName" -> msg.staffLastName();
            case "partner" -> msg.staffPartner();
            default -> msg.staffRole();
        });
    }
}
