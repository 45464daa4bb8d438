package ru.coalition.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import ru.coalition.audit.AuditEntry;
import ru.coalition.audit.AuditLog;
import ru.coalition.identity.Roles;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ConsoleMsg;
import ru.coalition.platform.Formats;
import ru.coalition.platform.Messages;
import ru.coalition.platform.Msg;
import ru.coalition.platform.RequestLocale;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Operator console: who did what, in words a person reads (not action codes or service accounts), narrowed by actor,
 * action, partner and period, a page at a time, and downloadable as CSV for the accountant or an inspection.
 */
@Path("/operator/audit")
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.SUPPORT_SUPERVISOR})
public class AuditConsoleResource {

    static final int PAGE_SIZE = 50;
    /** A download is for a period, not the whole history: beyond this the filter has to narrow it. */
    static final int EXPORT_LIMIT = 50_000;

    /** One line of the log as shown. */
    public record Row(Instant at, String actor, String action, String partner, String target, String details,
                      String ticket) {
    }

    /** The filter as typed, echoed back into the form and the paging and download links. */
    public record Query(String actor, String action, String partner, String from, String to) {
        /** The query string for a link: the filter plus what follows (page=…). */
        public String link() {
            StringBuilder s = new StringBuilder();
            append(s, "actor", actor);
            append(s, "action", action);
            append(s, "partner", partner);
            append(s, "from", from);
            append(s, "to", to);
            return s.toString();
        }

        private static void append(StringBuilder s, String name, String value) {
            if (value != null && !value.isBlank()) {
                s.append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)).append('&');
            }
        }
    }

    public record View(List<Row> rows, AuditLog.Page page, Query query, List<Partner> partners, List<String> actions,
                       String refusal) {
        public boolean hasNext() {
            return page.page() + 1 < page.pages();
        }

        public int previous() {
            return Math.max(0, page.page() - 1);
        }

        public int next() {
            return page.page() + 1;
        }

        /** The page's number as people count (from 1). */
        public int shownPage() {
            return page.page() + 1;
        }
    }

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance auditLog(View view);
    }

    @Inject
    AuditLog audit;

    @Inject
    PartnerService partners;

    @Inject
    RequestLocale locale;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance list(@QueryParam("actor") String actor, @QueryParam("action") String action,
                                 @QueryParam("partner") String partner, @QueryParam("from") String from,
                                 @QueryParam("to") String to, @QueryParam("page") Integer page) {
        Query query = new Query(trim(actor), trim(action), trim(partner), trim(from), trim(to));
        Map<Long, Partner> byId = partnersById();
        String refusal = null;
        AuditLog.Filter filter;
        try {
            filter = filter(query);
        } catch (DateTimeParseException e) {
            refusal = Messages.console(locale.get()).auditBadPeriod();
            filter = AuditLog.Filter.NONE;
        }
        AuditLog.Page found = audit.search(filter, page == null ? 0 : Math.max(0, page), PAGE_SIZE);
        Msg msg = locale.messages();
        ConsoleMsg console = Messages.console(locale.get());
        List<Row> rows = found.entries().stream().map(e -> row(e, byId, msg, console, locale.get())).toList();
        return Templates.auditLog(new View(rows, found, query, partners.list(), AuditLog.ACTIONS, refusal));
    }

    /** The filtered log as CSV (semicolons and a BOM, as Excel in a Russian locale opens it), newest first. */
    @GET
    @Path("/export")
    @Produces("text/csv")
    public Response export(@QueryParam("actor") String actor, @QueryParam("action") String action,
                           @QueryParam("partner") String partner, @QueryParam("from") String from, @QueryParam("to") String to) {
        Query query = new Query(trim(actor), trim(action), trim(partner), trim(from), trim(to));
        AuditLog.Filter filter;
        try {
            filter = filter(query);
        } catch (DateTimeParseException e) {
            filter = AuditLog.Filter.NONE;
        }
        Map<Long, Partner> byId = partnersById();
        Msg msg = locale.messages();
        ConsoleMsg console = Messages.console(locale.get());
        StringWriter out = new StringWriter().append('\ufeff');
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL.builder().setDelimiter(';').get())) {
            csv.printRecord(console.auditAt(), console.auditActor(), console.auditAction(), console.auditPartner(),
                    console.auditTarget(), console.auditDetails());
            for (AuditEntry e : audit.export(filter, EXPORT_LIMIT)) {
                Row r = row(e, byId, msg, console, locale.get());
                csv.printRecord(Formats.dateTime(r.at(), Formats.DEFAULT_ZONE, locale.get()), r.actor(),
                        console.auditActionLabel(r.action()), r.partner(), r.target(), r.details());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String name = "audit-" + LocalDate.ofInstant(clock.instant(), Formats.DEFAULT_ZONE) + ".csv";
        return Response.ok(out.toString()).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"").build();
    }

    private AuditLog.Filter filter(Query q) {
        Long partnerId = q.partner() == null ? null : partners.findBySlug(q.partner()).map(p -> p.id).orElse(-1L);
        Instant from = q.from() == null ? null : LocalDate.parse(q.from()).atStartOfDay(Formats.DEFAULT_ZONE).toInstant();
        Instant until = q.to() == null ? null : LocalDate.parse(q.to()).plusDays(1).atStartOfDay(Formats.DEFAULT_ZONE).toInstant();
        String action = q.action() != null && AuditLog.ACTIONS.contains(q.action()) ? q.action() : null;
        return new AuditLog.Filter(q.actor(), action, partnerId, from, until);
    }

    private Map<Long, Partner> partnersById() {
        return partners.list().stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
    }

    /** One entry in words; byId names the partners the entry may mention (the portal passes its own only). */
    public static Row row(AuditEntry e, Map<Long, Partner> byId, Msg msg, ConsoleMsg console, java.util.Locale locale) {
        // a program version is named by the day it takes effect: shown as people write days
        String target = e.targetId == null ? "" : asDay(e.targetId, locale);
        String details = e.details == null ? "" : e.details.entrySet().stream()
                .map(d -> console.auditDetailLabel(d.getKey()) + ": " + detailValue(d.getKey(), d.getValue(), byId, msg, console, locale))
                .collect(Collectors.joining("; "));
        Partner p = e.partnerId == null ? null : byId.get(e.partnerId);
        // an adjustment made for a support ticket names it: the page links to the ticket
        Object ticket = e.details == null ? null : e.details.get("ticket");
        return new Row(e.at, actorOf(e.actor, byId, console), e.action, p == null ? "" : p.name, target, details,
                ticket == null ? null : ticket.toString());
    }

    /**
     * A detail in words: a wallet as the coalition account, a partner's name, or the kind of wallet a partner was given;
     * a day as the viewer writes days; a number with its thousands apart.
     */
    static String detailValue(String key, Object value, Map<Long, Partner> byId, Msg msg, ConsoleMsg console, java.util.Locale locale) {
        if (value instanceof Number n && !(value instanceof Double || value instanceof Float)) {
            return Formats.number(n.longValue(), locale);
        }
        if (!"wallet".equals(key) || value == null) {
            return value instanceof String text ? asDay(text, locale) : String.valueOf(value);
        }
        String v = value.toString();
        if ("CLOSED_LOOP".equals(v) || "COALITION".equals(v)) {
            return console.walletShortLabel(v);
        }
        if ("coalition".equals(v)) {
            return msg.walletsCoalition();
        }
        return byId.values().stream().filter(p -> p.slug.equals(v)).map(p -> p.name).findFirst().orElse(v);
    }

    private static final java.util.regex.Pattern ISO_DAY = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private static final java.util.regex.Pattern ISO_INSTANT = java.util.regex.Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z");

    /**
     * A day written as ISO (a program version's effective day, a batch's last day) as people write days, a moment (when a
     * mailing goes) as people write date and time in the operator's zone; else as is.
     */
    static String asDay(String text, java.util.Locale locale) {
        if (ISO_INSTANT.matcher(text).matches()) {
            return Formats.dateTime(java.time.Instant.parse(text), Formats.DEFAULT_ZONE, locale);
        }
        return ISO_DAY.matcher(text).matches() ? Formats.date(java.time.LocalDate.parse(text), locale) : text;
    }

    /** A till's service account (service-account-kit-media-pos) reads as that partner's till; jobs as the system. */
    static String actorOf(String actor, Map<Long, Partner> byId, ConsoleMsg console) {
        if (actor == null || "system".equals(actor)) {
            return console.auditActorSystem();
        }
        if (actor.startsWith("service-account-") && actor.endsWith("-pos")) {
            String slug = actor.substring("service-account-".length(), actor.length() - "-pos".length());
            String name = byId.values().stream().filter(p -> p.slug.equals(slug)).map(p -> p.name).findFirst().orElse(slug);
            return console.auditActorTill(name);
        }
        return actor;
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
