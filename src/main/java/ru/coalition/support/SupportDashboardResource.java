package ru.coalition.support;

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
import ru.coalition.identity.Roles;
import ru.coalition.platform.RequestLocale;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervisor's dashboard of the desk's figures (per agent and month, weekly charts with their table, CSV) and
 * the team's honour board (agents and supervisor, printable).
 */
@Path("/operator/support")
@Produces(MediaType.TEXT_HTML)
public class SupportDashboardResource {

    /** The dashboard: the figures of a month, the months offered, the team for the agent picker. */
    public record Dashboard(SupportFigures.Figures figures, YearMonth month, List<YearMonth> months, List<AgentNames.Agent> team,
                            String agent) {
        /** The most tickets handled in any week: the columns' scale. */
        public long busiestWeek() {
            return Math.max(1, figures.weeks().stream().mapToLong(SupportFigures.Week::handled).max().orElse(1));
        }

        /** A week's column height in percent of the busiest week. */
        public long height(SupportFigures.Week w) {
            return Math.round(100.0 * w.handled() / busiestWeek());
        }

        /** The table's lines: every agent's row, then the totals. */
        public List<Line> lines() {
            List<Line> lines = new ArrayList<>();
            figures.agents().forEach(r -> lines.add(new Line(r, false)));
            lines.add(new Line(figures.totals(), true));
            return lines;
        }

        /** A CSAT average's bar length in percent of 5. */
        public long csatShare(BigDecimal average) {
            return average == null ? 0 : Math.round(average.doubleValue() * 20);
        }

        /** The download's query: this month and agent. */
        public String csvQuery() {
            return "from=" + figures.from() + "&to=" + figures.to()
                    + (agent == null ? "" : "&agent=" + URLEncoder.encode(agent, StandardCharsets.UTF_8));
        }
    }

    /** A line of the dashboard's table: an agent's row or the totals. */
    public record Line(SupportFigures.Row row, boolean total) {
    }

    @CheckedTemplate(basePath = "kpi")
    static class Templates {
        static native TemplateInstance dashboard(Dashboard dashboard);

        static native TemplateInstance honour(HonourBoard.Board board, YearMonth month, List<YearMonth> months);
    }

    @Inject
    SupportFigures figures;

    @Inject
    HonourBoard honour;

    @Inject
    AgentNames names;

    @Inject
    RequestLocale locale;

    @Inject
    FiguresCsv csv;

    @GET
    @Path("/dashboard")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    public TemplateInstance dashboard(@QueryParam("month") String month, @QueryParam("agent") String agent) {
        YearMonth m = SupportFiguresApiResource.month(month, figures);
        String a = agent == null || agent.isBlank() ? null : agent.trim();
        return Templates.dashboard(new Dashboard(figures.figures(SupportFigures.month(m), a), m, recentMonths(), names.team(), a));
    }

    /** The dashboard's table as CSV (see {@link FiguresCsv}). */
    @GET
    @Path("/dashboard.csv")
    @Produces("text/csv")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    public Response csv(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("agent") String agent) {
        return csv.of(figures.figures(figures.period(from, to), agent == null || agent.isBlank() ? null : agent.trim()), locale.get());
    }

    @GET
    @Path("/honour")
    @RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
    public TemplateInstance honour(@QueryParam("month") String month) {
        YearMonth m = SupportFiguresApiResource.month(month, figures);
        return Templates.honour(honour.of(m), m, recentMonths());
    }

    private List<YearMonth> recentMonths() {
        YearMonth now = YearMonth.from(figures.today());
        List<YearMonth> months = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            months.add(now.minusMonths(i));
        }
        return months;
    }
}
