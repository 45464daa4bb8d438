package ru.coalition.support;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/** The support desk's figures (issue 11 §7): the supervisor's dashboard and the team's honour board. */
@Path("/api/v1/operator/support")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.TAG_OPERATOR)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class SupportFiguresApiResource {

    @Inject
    SupportFigures figures;

    @Inject
    HonourBoard honour;

    @Inject
    FiguresCsv csv;

    @Inject
    RequestLocale locale;

    @GET
    @Path("/figures")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    @Operation(operationId = "supportFigures", summary = "Per agent and period: tickets handled, response and resolution times, SLA met, CSAT, reopens",
            description = "A ticket is handled by the agent it is assigned to when solved, in the period of its solution."
                    + " Days are inclusive and counted in the operator's zone; by default the current month up to today;"
                    + " `from` alone means its month. Times are wall-clock hours from the ticket's opening (median and 90th"
                    + " percentile). At most 366 days.")
    @ProblemResponses(ErrorCode.FIGURES_PERIOD)
    public SupportFigures.Figures figures(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("agent") String agent) {
        return figures.figures(figures.period(from, to), agent == null || agent.isBlank() ? null : agent.trim());
    }

    @GET
    @Path("/figures.csv")
    @Produces(FiguresCsv.CSV)
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    @Operation(operationId = "supportFiguresCsv", summary = "The same figures as CSV: a line per agent, then the totals",
            description = "Semicolons and a byte-order mark as a spreadsheet in a Russian locale opens them; headers and decimal"
                    + " commas follow the request's language (Accept-Language or ?lang=ru|en).")
    @APIResponse(responseCode = "200", description = "The table", content = @Content(mediaType = FiguresCsv.CSV))
    @ProblemResponses(ErrorCode.FIGURES_PERIOD)
    public Response figuresCsv(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("agent") String agent) {
        return csv.of(figures(from, to, agent), locale.get());
    }

    @GET
    @Path("/honour")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    @Operation(operationId = "supportHonourBoard", summary = "The month's best three agents by the documented score",
            description = "score = 100 × (0.4 × speed + 0.4 × quality + 0.2 × volume); see docs/support.md. `month` is YYYY-MM,"
                    + " the current month by default.")
    @ProblemResponses(ErrorCode.FIGURES_PERIOD)
    public HonourBoard.Board honour(@QueryParam("month") String month) {
        return honour.of(month(month, figures));
    }

    static YearMonth month(String month, SupportFigures figures) {
        if (month == null || month.isBlank()) {
            return YearMonth.from(figures.today());
        }
        try {
            return YearMonth.parse(month.trim());
        } catch (DateTimeParseException e) {
            throw new ProblemException(ErrorCode.FIGURES_PERIOD);
        }
    }
}
