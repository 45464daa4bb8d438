package ru.coalition.clearing;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.Roles;
import ru.coalition.platform.RequestLocale;

import java.time.YearMonth;
import java.util.List;

/** The operator's clearing overview: every partner's month, issued against redeemed in a chart, and the totals. */
@Path("/operator/clearing")
@RolesAllowed(Roles.OPERATOR_ADMIN)
public class ClearingConsoleResource {

    /** A partner's two bars: issued and redeemed as shares of the month's largest figure. */
    public record Bars(Statement statement, int issuedShare, int redeemedShare) {
    }

    @CheckedTemplate(basePath = "clearing")
    static class Templates {
        static native TemplateInstance overview(ClearingService.Overview overview, List<Bars> bars, YearMonth month, List<YearMonth> months);
    }

    @Inject
    ClearingService clearing;

    @Inject
    StatementExport export;

    @Inject
    RequestLocale locale;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("month") String month) {
        YearMonth m = clearing.periodOrCurrent(month);
        ClearingService.Overview overview = clearing.overview(m);
        long top = Math.max(1, overview.statements().stream().mapToLong(s -> Math.max(Math.abs(s.issued()), Math.abs(s.redeemed()))).max().orElse(1));
        List<Bars> bars = overview.statements().stream()
                .map(s -> new Bars(s, (int) (100 * Math.abs(s.issued()) / top), (int) (100 * Math.abs(s.redeemed()) / top))).toList();
        return Templates.overview(overview, bars, m, clearing.recentMonths());
    }

    @GET
    @Path("/{period}.csv")
    @Produces(StatementExport.CSV)
    public Response csv(@PathParam("period") String period) {
        return export.csv(clearing.overview(clearing.period(period)).statements(), "clearing-" + period, locale.get());
    }
}
