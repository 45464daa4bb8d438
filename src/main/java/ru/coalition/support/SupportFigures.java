package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The desk's figures per agent and period (issue 11 §7). A ticket is <b>handled</b> by the agent it is assigned to when
 * it is solved, in the period its (last) solution falls in; the figures are those of the handled tickets: first
 * response and resolution times from the ticket's opening in wall-clock hours (median and 90th percentile), the share
 * that met their SLA (never marked breached), the members' ratings, and the share reopened by a member at least once.
 * A duplicate merged into another ticket is not counted (its case is).
 */
@ApplicationScoped
@Transactional
public class SupportFigures {

    /** The longest period one request may ask for. */
    static final int MAX_DAYS = 366;

    @Schema(name = "AgentFigures")
    public record Row(@Schema(description = "The agent's Keycloak id; null on the row of tickets solved while unassigned and on the totals") String agent,
                      @Schema(description = "The agent's name; null where agent is null") String name,
                      @Schema(description = "Tickets solved in the period while assigned to the agent") long handled,
                      @Schema(description = "Median hours (wall clock) from opening to the first public reply") BigDecimal firstResponseMedianHours,
                      @Schema(description = "90th percentile of the same") BigDecimal firstResponseP90Hours,
                      @Schema(description = "Median hours (wall clock) from opening to the solution") BigDecimal resolutionMedianHours,
                      @Schema(description = "90th percentile of the same") BigDecimal resolutionP90Hours,
                      @Schema(description = "Handled tickets never marked breached") long slaMet,
                      @Schema(description = "slaMet as a percentage of handled") BigDecimal slaMetPercent,
                      @Schema(description = "Average rating (1–5) of the handled tickets rated; null when none is") BigDecimal csatAverage,
                      @Schema(description = "Handled tickets rated") long csatCount,
                      @Schema(description = "Handled tickets a member reopened at least once") long reopened,
                      @Schema(description = "reopened as a percentage of handled") BigDecimal reopenPercent) {
    }

    @Schema(name = "FiguresWeek")
    public record Week(@Schema(description = "The week's Monday (operator's zone)") LocalDate weekOf, long handled,
                       BigDecimal csatAverage, long csatCount) {
    }

    @Schema(name = "SupportFigures")
    public record Figures(@Schema(description = "First day, inclusive") LocalDate from, @Schema(description = "Last day, inclusive") LocalDate to,
                          @Schema(description = "The zone the days are counted in") String zone,
                          @Schema(description = "The agent asked for, if any") String agent,
                          @Schema(description = "One row per agent, most tickets handled first") List<Row> agents,
                          Row totals, @Schema(description = "Every week the period touches, oldest first") List<Week> weeks) {
    }

    /** A period of days in the operator's zone, both ends included. */
    public record Period(LocalDate from, LocalDate to) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CoalitionConfig config;

    @Inject
    AgentNames names;

    public ZoneId zone() {
        return ZoneId.of(config.operatorZone());
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone());
    }

    /** The period asked for: the current month up to today when a day is left out; bad days answer figures.period. */
    public Period period(String from, String to) {
        try {
            LocalDate today = today();
            LocalDate f = from == null || from.isBlank() ? today.withDayOfMonth(1) : LocalDate.parse(from.trim());
            LocalDate t = to == null || to.isBlank() ? (from == null || from.isBlank() ? today : f.with(TemporalAdjusters.lastDayOfMonth()))
                    : LocalDate.parse(to.trim());
            if (t.isBefore(f) || ChronoUnit.DAYS.between(f, t) >= MAX_DAYS) {
                throw new ProblemException(ErrorCode.FIGURES_PERIOD);
            }
            return new Period(f, t);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ErrorCode.FIGURES_PERIOD);
        }
    }

    public static Period month(YearMonth month) {
        return new Period(month.atDay(1), month.atEndOfMonth());
    }

    /** The figures of a period, for everyone (agent null) or one agent. */
    public Figures figures(Period p, String agent) {
        ZoneId zone = zone();
        Instant from = p.from().atStartOfDay(zone).toInstant();
        Instant until = p.to().plusDays(1).atStartOfDay(zone).toInstant();
        String handled = "select t.id, t.assignee, t.created_at, t.first_response_at, t.solved_at, t.breached_at, r.score,"
                + " exists (select 1 from support_event e where e.ticket_id = t.id and e.action = 'reopened') as reopened"
                + " from support_ticket t left join support_rating r on r.ticket_id = t.id"
                + " where t.solved_at >= :from and t.solved_at < :until and t.state in ('SOLVED', 'CLOSED') and t.merged_into is null"
                + (agent == null ? "" : " and t.assignee = :agent");
        var q = em.createNativeQuery("with h as (" + handled + ")"
                + " select h.assignee, grouping(h.assignee), count(*),"
                + " percentile_cont(0.5) within group (order by extract(epoch from h.first_response_at - h.created_at)) filter (where h.first_response_at is not null),"
                + " percentile_cont(0.9) within group (order by extract(epoch from h.first_response_at - h.created_at)) filter (where h.first_response_at is not null),"
                + " percentile_cont(0.5) within group (order by extract(epoch from h.solved_at - h.created_at)),"
                + " percentile_cont(0.9) within group (order by extract(epoch from h.solved_at - h.created_at)),"
                + " count(*) filter (where h.breached_at is null), avg(h.score), count(h.score), count(*) filter (where h.reopened)"
                + " from h group by rollup (h.assignee)")
                .setParameter("from", from).setParameter("until", until);
        if (agent != null) {
            q.setParameter("agent", agent);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        List<Row> agents = new ArrayList<>();
        Row totals = row(null, null, new Object[13]);
        for (Object[] r : rows) {
            boolean total = ((Number) r[1]).intValue() == 1;
            String id = (String) r[0];
            if (total) {
                totals = row(null, null, r);
            } else {
                agents.add(row(id, id == null ? null : names.name(id), r));
            }
        }
        agents.sort(java.util.Comparator.comparingLong(Row::handled).reversed()
                .thenComparing(r -> r.name() == null ? "\uffff" : r.name()).thenComparing(r -> r.agent() == null ? "" : r.agent()));
        return new Figures(p.from(), p.to(), zone.getId(), agent, agents, totals, weeks(p, zone, from, until, agent));
    }

    private List<Week> weeks(Period p, ZoneId zone, Instant from, Instant until, String agent) {
        var q = em.createNativeQuery("select cast(date_trunc('week', t.solved_at at time zone :zone) as date), count(*), avg(r.score), count(r.score)"
                        + " from support_ticket t left join support_rating r on r.ticket_id = t.id"
                        + " where t.solved_at >= :from and t.solved_at < :until and t.state in ('SOLVED', 'CLOSED') and t.merged_into is null"
                        + (agent == null ? "" : " and t.assignee = :agent") + " group by 1")
                .setParameter("zone", zone.getId()).setParameter("from", from).setParameter("until", until);
        if (agent != null) {
            q.setParameter("agent", agent);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        Map<LocalDate, Object[]> byWeek = new LinkedHashMap<>();
        rows.forEach(r -> byWeek.put(SqlValues.toLocalDate(r[0]), r));
        List<Week> weeks = new ArrayList<>();
        for (LocalDate w = p.from().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !w.isAfter(p.to()); w = w.plusWeeks(1)) {
            Object[] r = byWeek.get(w);
            weeks.add(r == null ? new Week(w, 0, null, 0)
                    : new Week(w, ((Number) r[1]).longValue(), scaled(r[2], 2), ((Number) r[3]).longValue()));
        }
        return weeks;
    }

    private static Row row(String agent, String name, Object[] r) {
        long handled = r[2] == null ? 0 : ((Number) r[2]).longValue();
        long slaMet = r[7] == null ? 0 : ((Number) r[7]).longValue();
        long reopened = r[10] == null ? 0 : ((Number) r[10]).longValue();
        return new Row(agent, name, handled, hours(r[3]), hours(r[4]), hours(r[5]), hours(r[6]), slaMet, percent(slaMet, handled),
                scaled(r[8], 2), r[9] == null ? 0 : ((Number) r[9]).longValue(), reopened, percent(reopened, handled));
    }

    private static BigDecimal hours(Object seconds) {
        return seconds == null ? null : BigDecimal.valueOf(((Number) seconds).doubleValue()).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
    }

    private static BigDecimal percent(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part * 100L).divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    private static BigDecimal scaled(Object n, int scale) {
        return n == null ? null : new BigDecimal(n.toString()).setScale(scale, RoundingMode.HALF_UP);
    }
}
