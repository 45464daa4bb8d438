package ru.coalition.analytics;

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
import jakarta.ws.rs.core.StreamingOutput;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.platform.Messages;
import ru.coalition.platform.PortalMsg;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The partner's dashboard (issue 13 §1): a period's figures beside the period before it, revenue by day as a chart and a
 * table, and the days as CSV. The period is the page's own query (?from=&to=); a wrong one is shown, with the last 30 days.
 */
@Path("/portal/analytics")
@RolesAllowed(Roles.PARTNER_ADMIN)
public class PortalAnalyticsResource {

    static final int DEFAULT_DAYS = 30;

    @CheckedTemplate(basePath = "analytics")
    static class Templates {
        static native TemplateInstance dashboard(PartnerAnalytics.Dashboard dashboard, List<Problem.FieldError> errors, String from, String to);
    }

    @Inject
    PartnerAnalytics analytics;

    @Inject
    CurrentPartner currentPartner;

    @Inject
    RequestLocale locale;

    @Inject
    Clock clock;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance dashboard(@QueryParam("from") String from, @QueryParam("to") String to) {
        Partner p = currentPartner.require();
        if (from == null && to == null) {
            PartnerAnalytics.Period last = lastDays(p, DEFAULT_DAYS);
            return Templates.dashboard(analytics.dashboard(p, last), List.of(), last.from().toString(), last.to().toString());
        }
        try {
            return Templates.dashboard(analytics.dashboard(p, PartnerAnalytics.period(from, to, locale.texts())), List.of(), from, to);
        } catch (ProblemException e) {
            return Templates.dashboard(analytics.dashboard(p, lastDays(p, DEFAULT_DAYS)), e.fieldErrors(), from, to);
        }
    }

    /** The period's days as CSV (semicolons and a BOM, as spreadsheets in Russia open it). */
    @GET
    @Path("/days.csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("from") String from, @QueryParam("to") String to) {
        Partner p = currentPartner.require();
        PartnerAnalytics.Period period = PartnerAnalytics.period(from, to, locale.texts());
        PartnerAnalytics.Dashboard d = analytics.dashboard(p, period);
        PortalMsg msg = Messages.portal(locale.get());
        boolean russian = "ru".equals(locale.get().getLanguage());
        StreamingOutput body = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write('\ufeff');
            try (CSVPrinter csv = CSVFormat.DEFAULT.builder().setDelimiter(';')
                    .setHeader(msg.analyticsDay(), msg.analyticsRevenue(), msg.analyticsReceipts(), msg.analyticsMembers()).get().print(w)) {
                for (PartnerAnalytics.DayRow day : d.days()) {
                    csv.printRecord(day.day(), russian ? day.revenue().replace('.', ',') : day.revenue(), day.receipts(), day.members());
                }
            }
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"" + p.slug + "-days-" + period.from() + "-" + period.to() + ".csv\"").build();
    }

    /** The last {@code n} local days of the partner, today included. */
    private PartnerAnalytics.Period lastDays(Partner p, int n) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(p.timeZone));
        return new PartnerAnalytics.Period(today.minusDays(n - 1L), today);
    }
}
