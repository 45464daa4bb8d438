package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.audit.AuditLog;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.SqlValues;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Service levels of the support desk (issue 11 §3): the targets per category and priority, the business calendar, and
 * each ticket's clock. A ticket's due moments are its opening plus the target plus the business time its clock stood
 * still; the clock stands still while the ticket waits for the member or is solved, and runs while it is NEW or OPEN.
 * {@link Tickets} calls {@link #opened}, {@link #moved} and {@link #reprioritized} at its transitions.
 */
@ApplicationScoped
@Transactional
public class ServiceLevels {

    /** The share of a target after which a ticket is at risk: 80 % (4/5). */
    public static final int AT_RISK_PERCENT = 80;

    /** The longest target: 100 000 business minutes (over 185 working days of nine hours). */
    public static final int MAX_TARGET = 100_000;

    public static final List<String> PRIORITIES = List.of("LOW", "NORMAL", "HIGH", "URGENT");

    /** The next due moment of a ticket (t): the first response while none was given, else the solution. */
    static final String NEXT_DUE = "least(case when t.first_response_at is null then t.first_response_due_at end,"
            + " case when t.solved_at is null then t.resolution_due_at end)";

    /** The overdue queue's order: breached first, then by the nearest due moment. */
    static final String OVERDUE_ORDER = "case when t.breached_at is not null then 0 else 1 end, " + NEXT_DUE + " nulls last, t.id";

    /** The supervisor's queues begin with what is overdue (breached, then at risk) among tickets not yet solved. */
    static final String OVERDUE_FIRST = "case when t.state in ('SOLVED', 'CLOSED') then 2 when t.breached_at is not null then 0"
            + " when t.at_risk_at is not null then 1 else 2 end, ";

    @Schema(name = "SlaPolicy")
    public record Policy(@Schema(description = "question, complaint, missing-points, account or other") String category,
                         @Schema(description = "LOW, NORMAL, HIGH or URGENT") String priority,
                         @Schema(description = "First public reply within this many business minutes") int firstResponseMinutes,
                         @Schema(description = "Solved within this many business minutes") int resolutionMinutes,
                         Instant updatedAt, @Schema(description = "Who changed it last") String updatedBy) {
    }

    @Schema(name = "SlaHoliday")
    public record Holiday(LocalDate day, String name) {
    }

    /** One day of the working week: opens and closes as HH:mm (closes 24:00 is the end of the day). */
    @Schema(name = "SlaWorkingDay")
    public record WorkingDay(@Schema(description = "1 Monday … 7 Sunday") int weekday,
                             @Schema(examples = "09:00") String opens, @Schema(examples = "18:00") String closes) {
    }

    @Schema(name = "SlaCalendar")
    public record Calendar(@Schema(description = "The operator's time zone the hours are read in", examples = "Europe/Moscow") String zone,
                           @Schema(description = "Working days; a day not listed is a day off") List<WorkingDay> hours,
                           List<Holiday> holidays) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CoalitionConfig config;

    @Inject
    AuditLog audit;

    @Inject
    RequestLocale locale;

    // --- policies ---

    public List<Policy> policies() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select category, priority, first_response_minutes, resolution_minutes, updated_at,"
                + " updated_by from support_sla_policy").getResultList();
        return rows.stream().map(r -> new Policy((String) r[0], (String) r[1], ((Number) r[2]).intValue(), ((Number) r[3]).intValue(),
                        SqlValues.toInstant(r[4]), (String) r[5]))
                .sorted(java.util.Comparator.comparing((Policy p) -> Tickets.CATEGORIES.indexOf(p.category()))
                        .thenComparing(p -> PRIORITIES.indexOf(p.priority())))
                .toList();
    }

    /** Sets one policy's targets (audited); tickets opened from now on, and tickets whose priority changes, use them. */
    public Policy savePolicy(String category, String priority, int firstResponseMinutes, int resolutionMinutes, String actor) {
        if (!Tickets.CATEGORIES.contains(category) || !PRIORITIES.contains(priority)) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        if (firstResponseMinutes < 1 || firstResponseMinutes > MAX_TARGET) {
            throw invalid("firstResponseMinutes", "coalition.field.sla-target");
        }
        if (resolutionMinutes < 1 || resolutionMinutes > MAX_TARGET) {
            throw invalid("resolutionMinutes", "coalition.field.sla-target");
        }
        Instant now = clock.instant();
        em.createNativeQuery("insert into support_sla_policy (category, priority, first_response_minutes, resolution_minutes,"
                        + " updated_at, updated_by) values (:c, :p, :f, :r, :t, :a) on conflict (category, priority) do update set"
                        + " first_response_minutes = excluded.first_response_minutes, resolution_minutes = excluded.resolution_minutes,"
                        + " updated_at = excluded.updated_at, updated_by = excluded.updated_by")
                .setParameter("c", category).setParameter("p", priority).setParameter("f", firstResponseMinutes)
                .setParameter("r", resolutionMinutes).setParameter("t", now).setParameter("a", actor).executeUpdate();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("category", category);
        details.put("priority", priority);
        details.put("firstResponse", firstResponseMinutes);
        details.put("resolution", resolutionMinutes);
        audit.record("sla.policy", null, "sla-policy", category + "/" + priority, details);
        return new Policy(category, priority, firstResponseMinutes, resolutionMinutes, now, actor);
    }

    /** A field error in the caller's language. */
    private ProblemException invalid(String field, String key) {
        return new ProblemException(ErrorCode.VALIDATION, List.of(new Problem.FieldError(field, locale.texts().problem(key))));
    }

    // --- the calendar ---

    public Calendar calendarView() {
        @SuppressWarnings("unchecked")
        List<Object[]> hours = em.createNativeQuery("select weekday, opens_minute, closes_minute from support_sla_hours order by weekday")
                .getResultList();
        return new Calendar(config.operatorZone(), hours.stream().map(h -> new WorkingDay(((Number) h[0]).intValue(),
                hhmm(((Number) h[1]).intValue()), hhmm(((Number) h[2]).intValue()))).toList(), holidays());
    }

    public List<Holiday> holidays() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select day, name from support_sla_holiday order by day").getResultList();
        return rows.stream().map(r -> new Holiday(SqlValues.toLocalDate(r[0]), (String) r[1])).toList();
    }

    /** The calendar as it is now, for computing. */
    public BusinessCalendar calendar() {
        Map<DayOfWeek, BusinessCalendar.Hours> week = new EnumMap<>(DayOfWeek.class);
        @SuppressWarnings("unchecked")
        List<Object[]> hours = em.createNativeQuery("select weekday, opens_minute, closes_minute from support_sla_hours").getResultList();
        for (Object[] h : hours) {
            week.put(DayOfWeek.of(((Number) h[0]).intValue()), new BusinessCalendar.Hours(((Number) h[1]).intValue(), ((Number) h[2]).intValue()));
        }
        Set<LocalDate> days = new HashSet<>();
        holidays().forEach(h -> days.add(h.day()));
        return new BusinessCalendar(ZoneId.of(config.operatorZone()), week, days);
    }

    /**
     * Replaces the working week (audited). At least one working day is needed; each day's hours are HH:mm, closing
     * after opening (24:00 is the end of the day). Open tickets' due moments follow the new hours.
     */
    public Calendar saveHours(List<WorkingDay> days) {
        if (days == null || days.isEmpty()) {
            throw invalid("hours", "coalition.field.sla-week");
        }
        Map<Integer, BusinessCalendar.Hours> parsed = new java.util.TreeMap<>();
        for (int i = 0; i < days.size(); i++) {
            WorkingDay d = days.get(i);
            if (d == null || d.weekday() < 1 || d.weekday() > 7 || parsed.containsKey(d.weekday())) {
                throw invalid("hours[" + i + "].weekday", "coalition.field.choice");
            }
            try {
                parsed.put(d.weekday(), BusinessCalendar.Hours.of(d.opens(), d.closes()));
            } catch (RuntimeException e) {
                throw invalid("hours[" + i + "].closes", "coalition.field.sla-hours");
            }
        }
        em.createNativeQuery("delete from support_sla_hours").executeUpdate();
        parsed.forEach((day, h) -> em.createNativeQuery("insert into support_sla_hours (weekday, opens_minute, closes_minute)"
                        + " values (:d, :o, :c)").setParameter("d", day).setParameter("o", h.opensMinute()).setParameter("c", h.closesMinute())
                .executeUpdate());
        // ISO days of the week (1 Monday) with their hours: "1 09:00–18:00; 2 09:00–18:00; …"
        String week = parsed.entrySet().stream().map(e -> e.getKey() + " " + hhmm(e.getValue().opensMinute()) + "–"
                + hhmm(e.getValue().closesMinute())).collect(java.util.stream.Collectors.joining("; "));
        audit.record("sla.hours", null, "sla-calendar", "week", Map.of("hours", week));
        recomputeOpen();
        return calendarView();
    }

    /** Adds a day off (audited); a day already listed only gets the new name. Open tickets' due moments follow. */
    public Holiday addHoliday(LocalDate day, String name) {
        if (day == null) {
            throw invalid("day", "coalition.field.required");
        }
        if (name == null || name.isBlank()) {
            throw invalid("name", "coalition.field.required");
        }
        if (name.trim().length() > 100) {
            throw invalid("name", "coalition.field.too-long");
        }
        em.createNativeQuery("insert into support_sla_holiday (day, name) values (:d, :n) on conflict (day) do update set name = excluded.name")
                .setParameter("d", day).setParameter("n", name.trim()).executeUpdate();
        audit.record("sla.holiday.add", null, "sla-holiday", day.toString(), Map.of("name", name.trim()));
        recomputeOpen();
        return new Holiday(day, name.trim());
    }

    /** Removes a day off (audited); an unknown day answers 404. */
    public void removeHoliday(LocalDate day) {
        int removed = em.createNativeQuery("delete from support_sla_holiday where day = :d").setParameter("d", day).executeUpdate();
        if (removed == 0) {
            throw new ProblemException(ErrorCode.SLA_HOLIDAY_NOT_FOUND);
        }
        audit.record("sla.holiday.remove", null, "sla-holiday", day.toString(), null);
        recomputeOpen();
    }

    // --- the ticket's clock ---

    /** A ticket was opened: its targets come from the policy of its category and priority, its clock starts. */
    public void opened(long ticketId) {
        reprioritized(ticketId);
    }

    /** The ticket's priority (or category) changed: the targets of the policy now in force, from the opening on. */
    public void reprioritized(long ticketId) {
        em.createNativeQuery("update support_ticket t set sla_first_response_minutes = p.first_response_minutes,"
                        + " sla_resolution_minutes = p.resolution_minutes from support_sla_policy p"
                        + " where t.id = :id and p.category = t.category and p.priority = t.priority")
                .setParameter("id", ticketId).executeUpdate();
        moved(ticketId);
    }

    /**
     * The ticket's state may have changed: waiting for the member, solved or closed stops its clock; NEW or OPEN lets
     * it run again, and the business time it stood still moves its due moments later.
     */
    public void moved(long ticketId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select state, sla_paused_since from support_ticket where id = :id")
                .setParameter("id", ticketId).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        boolean running = "NEW".equals(rows.get(0)[0]) || "OPEN".equals(rows.get(0)[0]);
        Instant pausedSince = rows.get(0)[1] == null ? null : SqlValues.toInstant(rows.get(0)[1]);
        Instant now = clock.instant();
        if (!running && pausedSince == null) {
            em.createNativeQuery("update support_ticket set sla_paused_since = :t where id = :id")
                    .setParameter("t", now).setParameter("id", ticketId).executeUpdate();
            return;
        }
        BusinessCalendar calendar = calendar();
        if (running && pausedSince != null) {
            long paused = calendar.businessMinutesBetween(pausedSince, now);
            em.createNativeQuery("update support_ticket set sla_paused_since = null, sla_paused_minutes = sla_paused_minutes + :m"
                            + " where id = :id").setParameter("m", paused).setParameter("id", ticketId).executeUpdate();
        }
        recompute(ticketId, calendar);
    }

    /** Due and at-risk moments from the opening, the targets and the business time the clock stood still. */
    private void recompute(long ticketId, BusinessCalendar calendar) {
        Object[] t = (Object[]) em.createNativeQuery("select created_at, sla_first_response_minutes, sla_resolution_minutes,"
                + " sla_paused_minutes from support_ticket where id = :id").setParameter("id", ticketId).getSingleResult();
        if (t[1] == null || t[2] == null) {
            return;
        }
        Instant created = SqlValues.toInstant(t[0]);
        long firstResponse = ((Number) t[1]).longValue();
        long resolution = ((Number) t[2]).longValue();
        long paused = ((Number) t[3]).longValue();
        em.createNativeQuery("update support_ticket set first_response_due_at = :fd, first_response_risk_at = :fr,"
                        + " resolution_due_at = :rd, resolution_risk_at = :rr where id = :id")
                .setParameter("fd", calendar.addBusinessMinutes(created, firstResponse + paused))
                .setParameter("fr", calendar.addBusinessMinutes(created, riskMinutes(firstResponse) + paused))
                .setParameter("rd", calendar.addBusinessMinutes(created, resolution + paused))
                .setParameter("rr", calendar.addBusinessMinutes(created, riskMinutes(resolution) + paused))
                .setParameter("id", ticketId).executeUpdate();
    }

    /** 80 % of a target, in whole minutes (rounded down: the warning comes rather a minute early than late). */
    static long riskMinutes(long target) {
        return target * AT_RISK_PERCENT / 100;
    }

    /** After a change of the calendar: every ticket whose clock runs gets its due moments from the new calendar. */
    private void recomputeOpen() {
        BusinessCalendar calendar = calendar();
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select id from support_ticket where state in ('NEW', 'OPEN')"
                + " and sla_resolution_minutes is not null and sla_paused_since is null order by id").getResultList();
        ids.forEach(id -> recompute(id.longValue(), calendar));
    }

    static String hhmm(int minute) {
        return "%02d:%02d".formatted(minute / 60, minute % 60);
    }
}
