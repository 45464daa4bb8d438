package ru.coalition.mailings;

import jakarta.ws.rs.core.MultivaluedMap;
import ru.coalition.members.Consent;
import ru.coalition.platform.Problem;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The composer's form in the console and the portal: what was typed (shown again when refused), read into a draft.
 * Times are typed in the operator's zone (datetime-local).
 */
public final class CampaignForm {

    static final List<String> FIELDS = List.of("name", "channel", "segmentId", "subjectRu", "bodyRu", "subjectEn", "bodyEn",
            "trackOpens", "trackClicks", "at");

    private CampaignForm() {
    }

    static Map<String, String> read(MultivaluedMap<String, String> params) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : FIELDS) {
            String v = params.getFirst(f);
            form.put(f, v == null ? "" : v);
        }
        return form;
    }

    static Map<String, String> of(Campaign c, ZoneId zone) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", nz(c.name));
        form.put("channel", c.channel.name());
        form.put("segmentId", c.segmentId == null ? "" : c.segmentId.toString());
        form.put("subjectRu", nz(c.subjectRu));
        form.put("bodyRu", nz(c.bodyRu));
        form.put("subjectEn", nz(c.subjectEn));
        form.put("bodyEn", nz(c.bodyEn));
        form.put("trackOpens", c.trackOpens ? "on" : "");
        form.put("trackClicks", c.trackClicks ? "on" : "");
        Instant at = c.scheduledAt != null ? c.scheduledAt : c.wishedAt;
        form.put("at", at == null ? "" : LocalDateTime.ofInstant(at, zone).withSecond(0).withNano(0).toString());
        return form;
    }

    /** The draft of a form; a field that cannot be read is reported, not guessed. */
    static Campaigns.Draft draft(Map<String, String> form, ZoneId zone, Map<String, String> errors, String choiceError) {
        Consent.Channel channel = null;
        try {
            channel = Consent.Channel.valueOf(form.get("channel"));
        } catch (IllegalArgumentException e) {
            errors.put("channel", choiceError);
        }
        Long segment = null;
        if (!form.get("segmentId").isBlank()) {
            try {
                segment = Long.parseLong(form.get("segmentId").strip());
            } catch (NumberFormatException e) {
                errors.put("segmentId", choiceError);
            }
        }
        return new Campaigns.Draft(form.get("name"), channel, segment, form.get("subjectRu"), form.get("subjectEn"),
                form.get("bodyRu"), form.get("bodyEn"), "on".equals(form.get("trackOpens")), "on".equals(form.get("trackClicks")),
                at(form, zone, errors, choiceError));
    }

    static Instant at(Map<String, String> form, ZoneId zone, Map<String, String> errors, String error) {
        String at = form.get("at");
        if (at == null || at.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(at.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            errors.put("at", error);
            return null;
        }
    }

    static void put(Map<String, String> errors, List<Problem.FieldError> fieldErrors) {
        fieldErrors.forEach(e -> errors.putIfAbsent(e.field(), e.message()));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
