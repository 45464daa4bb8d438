package ru.coalition.support;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.Formats;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.SlaMsg;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The console page of the support desk's service levels (/operator/support/sla): the targets per category and priority,
 * the working hours and the holidays. The supervisor changes them here (each change audited through {@link ServiceLevels});
 * agents and the operator's admins read them. The person's unread SLA notices head the page.
 */
@Path("/operator/support/sla")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.SUPPORT_SUPERVISOR, Roles.SUPPORT_AGENT, Roles.OPERATOR_ADMIN})
public class SlaConsoleResource {

    /** A target as typed on the page: hours, or hours and minutes (3, 1:30). */
    private static final Pattern HOURS = Pattern.compile("\\s*(\\d{1,4})(?:[:.,]([0-5]\\d))?\\s*");

    /** One policy row: the form field names carry category and priority. */
    public record PolicyRow(String category, String priority, String firstField, String resolutionField) {
    }

    /** One day of the week on the form. */
    public record DayRow(int weekday) {
        public String workingField() {
            return "working-" + weekday;
        }

        public String opensField() {
            return "opens-" + weekday;
        }

        public String closesField() {
            return "closes-" + weekday;
        }
    }

    public record View(List<PolicyRow> policies, List<DayRow> week, List<ServiceLevels.Holiday> holidays, String zone,
                       boolean canEdit, Map<String, String> form, Map<String, String> errors, ErrorSummary summary,
                       String done, String alert) {
    }

    @CheckedTemplate(basePath = "support")
    static class Templates {
        static native TemplateInstance sla(View view);
    }

    @Inject
    ServiceLevels levels;

    @Inject
    SupportNotices notices;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance page() {
        return render(Map.of(), null, null);
    }

    /** The policies form: every changed target is saved (each one audited); a wrong one names its field and saves none. */
    @POST
    @Path("/policies")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    public TemplateInstance savePolicies(MultivaluedMap<String, String> params) {
        SlaMsg sla = Messages.sla(locale.get());
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        Map<String, int[]> wanted = new LinkedHashMap<>();
        for (ServiceLevels.Policy p : levels.policies()) {
            PolicyRow row = row(p);
            String first = params.getFirst(row.firstField());
            String resolution = params.getFirst(row.resolutionField());
            typed.put(row.firstField(), first == null ? "" : first);
            typed.put(row.resolutionField(), resolution == null ? "" : resolution);
            Integer f = minutes(first);
            Integer r = minutes(resolution);
            if (f == null) {
                errors.put(row.firstField(), sla.slaHoursInvalid());
            }
            if (r == null) {
                errors.put(row.resolutionField(), sla.slaHoursInvalid());
            }
            if (f != null && r != null && (f != p.firstResponseMinutes() || r != p.resolutionMinutes())) {
                wanted.put(p.category() + "/" + p.priority(), new int[]{f, r});
            }
        }
        if (!errors.isEmpty()) {
            return render(typed, errors, null, null);
        }
        wanted.forEach((key, v) -> {
            String[] cp = key.split("/");
            levels.savePolicy(cp[0], cp[1], v[0], v[1], user.displayName());
        });
        return render(Map.of(), sla.slaPoliciesSaved(wanted.size()), null);
    }

    @POST
    @Path("/hours")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    public TemplateInstance saveHours(MultivaluedMap<String, String> params) {
        SlaMsg sla = Messages.sla(locale.get());
        Map<String, String> typed = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>();
        List<ServiceLevels.WorkingDay> days = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            DayRow row = new DayRow(d);
            boolean working = params.getFirst(row.workingField()) != null;
            String opens = trim(params.getFirst(row.opensField()));
            String closes = trim(params.getFirst(row.closesField()));
            typed.put(row.workingField(), working ? "on" : "");
            typed.put(row.opensField(), opens);
            typed.put(row.closesField(), closes);
            if (!working) {
                continue;
            }
            // a time field cannot say 24:00: its midnight closes the day
            String end = "00:00".equals(closes) ? "24:00" : closes;
            try {
                BusinessCalendar.Hours.of(opens, end);
                days.add(new ServiceLevels.WorkingDay(d, opens, end));
            } catch (RuntimeException e) {
                errors.put(row.closesField(), sla.slaDayInvalid());
            }
        }
        if (errors.isEmpty() && days.isEmpty()) {
            errors.put(new DayRow(1).workingField(), sla.slaNoWorkingDay());
        }
        if (!errors.isEmpty()) {
            return render(typed, errors, null, null);
        }
        levels.saveHours(days);
        return render(Map.of(), sla.slaHoursSaved(), null);
    }

    @POST
    @Path("/holidays")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    public TemplateInstance addHoliday(MultivaluedMap<String, String> params) {
        SlaMsg sla = Messages.sla(locale.get());
        String dayText = trim(params.getFirst("holiday-day"));
        String name = trim(params.getFirst("holiday-name"));
        Map<String, String> typed = Map.of("holiday-day", dayText, "holiday-name", name);
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate day = null;
        try {
            day = LocalDate.parse(dayText);
        } catch (DateTimeParseException e) {
            errors.put("holiday-day", locale.texts().problem(dayText.isEmpty() ? "coalition.field.required" : "field.unreadable"));
        }
        if (name.isEmpty()) {
            errors.put("holiday-name", locale.texts().problem("coalition.field.required"));
        } else if (name.length() > 100) {
            errors.put("holiday-name", locale.texts().problem("coalition.field.too-long"));
        }
        if (!errors.isEmpty()) {
            return render(typed, errors, null, null);
        }
        levels.addHoliday(day, name);
        return render(Map.of(), sla.slaHolidayAdded(Formats.date(day, locale.get())), null);
    }

    @POST
    @Path("/holidays/{day}/remove")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    public TemplateInstance removeHoliday(@PathParam("day") String day) {
        SlaMsg sla = Messages.sla(locale.get());
        try {
            LocalDate d = LocalDate.parse(day);
            levels.removeHoliday(d);
            return render(Map.of(), sla.slaHolidayRemoved(Formats.date(d, locale.get())), null);
        } catch (DateTimeParseException | ProblemException e) {
            return render(Map.of(), null, locale.texts().problemDetailOrTitle(new ProblemException(ru.coalition.platform.ErrorCode.SLA_HOLIDAY_NOT_FOUND)));
        }
    }

    /**
     * Marks the person's notices read, then shows the console page they were on again (a fresh GET): the referring
     * page when it is one of the console's own, else this one.
     */
    @POST
    @Path("/notices/read")
    @RolesAllowed({Roles.SUPPORT_SUPERVISOR, Roles.SUPPORT_AGENT})
    public Response readNotices(@HeaderParam("Referer") String referer) {
        notices.markAllRead(user.subject());
        return Response.seeOther(URI.create(backTo(referer))).build();
    }

    /** The path (and query) of a console page the request came from; other places are not followed. */
    static String backTo(String referer) {
        try {
            URI from = referer == null ? null : URI.create(referer);
            if (from != null && from.getRawPath() != null && from.getRawPath().startsWith("/operator/")
                    && !from.getRawPath().contains("//")) {
                return from.getRawPath() + (from.getRawQuery() == null ? "" : "?" + from.getRawQuery());
            }
        } catch (IllegalArgumentException e) {
            // not an address: back to this page
        }
        return "/operator/support/sla";
    }

    private TemplateInstance render(Map<String, String> typed, String done, String alert) {
        return render(typed, Map.of(), done, alert);
    }

    private TemplateInstance render(Map<String, String> typed, Map<String, String> errors, String done, String alert) {
        List<ServiceLevels.Policy> policies = levels.policies();
        ServiceLevels.Calendar calendar = levels.calendarView();
        // the form shows what is stored, and over it what was typed (after a refusal)
        Map<String, String> form = new LinkedHashMap<>();
        for (ServiceLevels.Policy p : policies) {
            PolicyRow row = row(p);
            form.put(row.firstField(), hours(p.firstResponseMinutes()));
            form.put(row.resolutionField(), hours(p.resolutionMinutes()));
        }
        for (ServiceLevels.WorkingDay d : calendar.hours()) {
            DayRow row = new DayRow(d.weekday());
            form.put(row.workingField(), "on");
            form.put(row.opensField(), d.opens());
            form.put(row.closesField(), "24:00".equals(d.closes()) ? "00:00" : d.closes());
        }
        for (int d = 1; d <= 7; d++) {
            form.putIfAbsent(new DayRow(d).opensField(), "09:00");
            form.putIfAbsent(new DayRow(d).closesField(), "18:00");
        }
        form.putAll(typed);
        SlaMsg sla = Messages.sla(locale.get());
        ErrorSummary summary = ErrorSummary.of(errors, field -> label(field, sla));
        List<DayRow> week = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            week.add(new DayRow(d));
        }
        return Templates.sla(new View(policies.stream().map(SlaConsoleResource::row).toList(), week, calendar.holidays(),
                calendar.zone(), user.hasRole(Roles.SUPPORT_SUPERVISOR), form, errors, summary, done, alert));
    }

    /** The words on the form beside a field, for the error summary. */
    private static String label(String field, SlaMsg sla) {
        String[] parts = field.split("-", 3);
        return switch (parts[0]) {
            case "fr" -> sla.slaCategory(parts[2]) + " · " + sla.slaPriority(parts[1]) + " · " + sla.slaFirstResponse();
            case "res" -> sla.slaCategory(parts[2]) + " · " + sla.slaPriority(parts[1]) + " · " + sla.slaResolution();
            case "working", "opens", "closes" -> sla.slaWeekday(Integer.parseInt(parts[1]));
            case "holiday" -> "day".equals(parts[1]) ? sla.slaHolidayDay() : sla.slaHolidayName();
            default -> field;
        };
    }

    private static PolicyRow row(ServiceLevels.Policy p) {
        // missing-points holds a dash: the field names split on the first two
        return new PolicyRow(p.category(), p.priority(), "fr-" + p.priority() + "-" + p.category(), "res-" + p.priority() + "-" + p.category());
    }

    /** Minutes as typed hours: "3" is 180, "1:30" is 90; null when it is not that, or out of 1..100 000 minutes. */
    static Integer minutes(String typed) {
        if (typed == null) {
            return null;
        }
        Matcher m = HOURS.matcher(typed);
        if (!m.matches()) {
            return null;
        }
        int minutes = Integer.parseInt(m.group(1)) * 60 + (m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
        return minutes < 1 || minutes > ServiceLevels.MAX_TARGET ? null : minutes;
    }

    /** Minutes as the page shows them: whole hours (3), or hours and minutes (1:30). */
    static String hours(int minutes) {
        return minutes % 60 == 0 ? Integer.toString(minutes / 60) : (minutes / 60) + ":" + "%02d".formatted(minutes % 60);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }
}
