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
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.platform.RequestLocale;

import java.time.YearMonth;
import java.util.List;

/** The partner admin's clearing statements in the portal: a month's figures and lines, as CSV or PDF too. */
@Path("/portal/statements")
@RolesAllowed(Roles.PARTNER_ADMIN)
public class ClearingPortalResource {

    @CheckedTemplate(basePath = "clearing")
    static class Templates {
        static native TemplateInstance statement(Partner partner, Statement statement, YearMonth month, List<YearMonth> months);
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    ClearingService clearing;

    @Inject
    StatementExport export;

    @Inject
    RequestLocale locale;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("month") String month) {
        Partner p = currentPartner.require();
        YearMonth m = clearing.periodOrCurrent(month);
        return Templates.statement(p, clearing.statement(p, m), m, clearing.recentMonths());
    }

    @GET
    @Path("/{period}.csv")
    @Produces(StatementExport.CSV)
    public Response csv(@PathParam("period") String period) {
        Partner p = currentPartner.require();
        return export.csv(List.of(clearing.statement(p, clearing.period(period))), p.slug + "-statement-" + period, locale.get());
    }

    @GET
    @Path("/{period}.pdf")
    @Produces(StatementExport.PDF)
    public Response pdf(@PathParam("period") String period) {
        Partner p = currentPartner.require();
        return export.pdf(clearing.statement(p, clearing.period(period)), p.slug + "-statement-" + period, locale.get());
    }
}
