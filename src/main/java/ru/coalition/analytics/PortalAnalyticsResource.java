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
import ru.coalition.identity.Roles;
import ru.coalition.mailings.Segments;
import ru.coalition.members.MemberFilters;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.platform.Messages;
import ru.coalition.platform.PortalMsg;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ReadReplica;
import ru.coalition.platform.RequestLocale;

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
    static final int DEFAULT_MONTHS = 12;

    @CheckedTemplate(basePath = "analytics")
    static class Templates {
        static native TemplateInstance dashboard(PartnerAnalytics.Dashboard dashboard, List<Problem.FieldError> errors, String from, String to,
                                                 ReadReplica.Staleness staleness);

        static native TemplateInstance portrait(PortraitPage page, List<Problem.FieldError> errors, ReadReplica.Staleness staleness);

        static native TemplateInstance coalition(CoalitionEffect.View effect, String fromMonth, String toMonth, String svg,
                                                 List<Problem.FieldError> errors, ReadReplica.Staleness staleness);
    }

    /** One question of the portrait: its answers as shown, and their chart. */
    @io.quarkus.qute.TemplateData
    public record Section(String dimension, PartnerAnalytics.PortraitView view, String svg) {
    }

    /** A row of the age-by-gender table: the age band, then the customers of each gender (null: hidden). */
    @io.quarkus.qute.TemplateData
    public record CrossRow(String label, List<Long> cells) {
    }

    /** The portrait page: whole months as yyyy-MM, the partner's segments to choose from, the questions and the cross-tab. */
    public record PortraitPage(LocalDate from, LocalDate to, String fromMonth, String toMonth, List<Segments.View> segments, Long segment,
                               List<Section> sections, List<String> columns, List<CrossRow> cross, int crossSuppressed) {
    }

    @Inject
    PartnerAnalytics analytics;

    @Inject
    CurrentPartner currentPartner;

    @Inject
    RequestLocale locale;

    @Inject
    Clock clock;

    @Inject
    ReadReplica replica;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance dashboard(@QueryParam("from") String from, @QueryParam("to") String to) {
        Partner p = currentPartner.require();
        if (from == null && to == null) {
            PartnerAnalytics.Period last = lastDays(p, DEFAULT_DAYS);
            return Templates.dashboard(analytics.dashboard(p, last), List.of(), last.from().toString(), last.to().toString(), replica.staleness());
        }
        try {
            return Templates.dashboard(analytics.dashboard(p, PartnerAnalytics.period(from, to, locale.texts())), List.of(), from, to, replica.staleness());
        } catch (ProblemException e) {
            return Templates.dashboard(analytics.dashboard(p, lastDays(p, DEFAULT_DAYS)), e.fieldErrors(), from, to, replica.staleness());
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
        return CsvDownload.of(p.slug + "-days-" + period.from() + "-" + period.to(), new String[]{msg.analyticsDay(), msg.analyticsRevenue(), msg.analyticsReceipts(), msg.analyticsMembers()}, csv -> {
            for (PartnerAnalytics.DayRow day : d.days()) {
                csv.printRecord(day.day(), russian ? day.revenue().replace('.', ',') : day.revenue(), day.receipts(), day.members());
            }
        });
    }

    @Inject
    Segments segments;

    /**
     * The portrait of the customers of whole months (the last twelve, this one included, unless ?from=&to= ask others, as
     * yyyy-MM or a day of the month), of all of them or of a segment: each question's answers as bars and a table, and
     * age by gender.
     */
    @GET
    @Path("/portrait")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance portrait(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("segment") String segment) {
        Partner p = currentPartner.require();
        List<Problem.FieldError> errors = List.of();
        String[] months = {monthDay(from), monthDay(to)};
        if (from == null && to == null) {
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(p.timeZone));
            months = new String[]{today.minusMonths(DEFAULT_MONTHS - 1L).withDayOfMonth(1).toString(), today.toString()};
        }
        try {
            PartnerAnalytics.period(months[0], months[1], locale.texts());
        } catch (ProblemException e) {
            errors = e.fieldErrors();
            LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(p.timeZone));
            months = new String[]{today.minusMonths(DEFAULT_MONTHS - 1L).withDayOfMonth(1).toString(), today.toString()};
        }
        String chosen = segment == null || segment.isBlank() ? null : segment;
        List<Section> sections = new java.util.ArrayList<>();
        PartnerAnalytics.PortraitView first = null;
        for (MemberFilters.Dimension d : MemberFilters.Dimension.values()) {
            PartnerAnalytics.PortraitView view = analytics.portrait(p, months[0], months[1], d.name(), null, chosen, locale.texts());
            first = first == null ? view : first;
            sections.add(new Section(d.name(), view, MemberBars.svg(view.buckets(), locale.get())));
        }
        PartnerAnalytics.PortraitView cross = analytics.portrait(p, months[0], months[1], "age", "gender", chosen, locale.texts());
        PortraitLabels labels = new PortraitLabels(locale.get());
        List<String> columns = MemberFilters.GENDERS.stream().map(g -> Messages.of(locale.get()).genderLabel(g)).toList();
        List<CrossRow> rows = new java.util.ArrayList<>();
        for (MemberFilters.AgeBand band : MemberFilters.AGE_BANDS) {
            List<Long> cells = MemberFilters.GENDERS.stream().map(g -> cross.buckets().stream()
                    .filter(b -> b.value().equals(band.code()) && g.equals(b.by())).map(PartnerAnalytics.BucketView::members)
                    .findFirst().orElse(null)).toList();
            if (cells.stream().anyMatch(java.util.Objects::nonNull)) {
                rows.add(new CrossRow(labels.of(MemberFilters.Dimension.age, band.code(), band.code()), cells));
            }
        }
        return Templates.portrait(new PortraitPage(first.from(), first.to(), first.from().toString().substring(0, 7), first.to().toString().substring(0, 7),
                segments.list(p.id), first.segment(), sections, columns, rows, cross.suppressed()), errors, replica.staleness());
    }

    @Inject
    CoalitionEffect coalition;

    /** What the coalition brings the partner, for whole months (the last twelve unless ?from=&to= ask others). */
    @GET
    @Path("/coalition")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance coalition(@QueryParam("from") String from, @QueryParam("to") String to) {
        Partner p = currentPartner.require();
        List<Problem.FieldError> errors = List.of();
        String[] months = {monthDay(from), monthDay(to)};
        PartnerAnalytics.Period period;
        try {
            period = from == null && to == null ? lastMonths(p) : PartnerAnalytics.period(months[0], months[1], locale.texts());
        } catch (ProblemException e) {
            errors = e.fieldErrors();
            period = lastMonths(p);
        }
        CoalitionEffect.View effect = coalition.of(p, period.from(), period.to());
        java.util.Map<String, Long> bars = new java.util.LinkedHashMap<>();
        effect.sources().forEach(s -> bars.put(s.name(), s.members()));
        return Templates.coalition(effect, effect.from().toString().substring(0, 7), effect.to().toString().substring(0, 7),
                MemberBars.svg(bars, locale.get()), errors, replica.staleness());
    }

    /** The coalition effect as CSV: figure, value; then the partners newcomers came from. */
    @GET
    @Path("/coalition.csv")
    @Produces("text/csv")
    public Response coalitionCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        Partner p = currentPartner.require();
        PartnerAnalytics.Period period = PartnerAnalytics.period(monthDay(from), monthDay(to), locale.texts());
        CoalitionEffect.View e = coalition.of(p, period.from(), period.to());
        PortalMsg msg = Messages.portal(locale.get());
        return CsvDownload.of(p.slug + "-coalition-" + e.from().toString().substring(0, 7) + "-"
                        + e.to().toString().substring(0, 7), new String[]{msg.analyticsFigure(), msg.analyticsValue()}, csv -> {
            csv.printRecord(msg.analyticsCustomers(), shown(e.customers(), msg));
            csv.printRecord(msg.analyticsNewMembers(), shown(e.newCustomers(), msg));
            csv.printRecord(msg.analyticsFromOtherPartners(), shown(e.fromOtherPartners(), msg));
            csv.printRecord(msg.analyticsAlsoElsewhere(), shown(e.alsoElsewhere(), msg));
            csv.printRecord(msg.analyticsAlsoElsewhereShare(), e.alsoElsewhereShare() == null ? msg.analyticsFewerThan(Portraits.K) : e.alsoElsewhereShare() + " %");
            csv.printRecord(msg.analyticsAcquiredRevenueShare(), e.acquiredRevenueShare() == null ? msg.analyticsFewerThan(Portraits.K) : e.acquiredRevenueShare() + " %");
            for (CoalitionEffect.SourceView s : e.sources()) {
                csv.printRecord(msg.analyticsCameFrom(s.name()), s.members());
            }
        });
    }

    private static String shown(Long members, PortalMsg msg) {
        return members == null ? msg.analyticsFewerThan(Portraits.K) : members.toString();
    }

    /** The last twelve whole months of the partner, this one included. */
    private PartnerAnalytics.Period lastMonths(Partner p) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(p.timeZone));
        return new PartnerAnalytics.Period(today.minusMonths(DEFAULT_MONTHS - 1L).withDayOfMonth(1), today);
    }

    /** The portrait's answers of every question as CSV: question, answer, customers, revenue. */
    @GET
    @Path("/portrait.csv")
    @Produces("text/csv")
    public Response portraitCsv(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("segment") String segment) {
        Partner p = currentPartner.require();
        String chosen = segment == null || segment.isBlank() ? null : segment;
        List<PartnerAnalytics.PortraitView> views = java.util.Arrays.stream(MemberFilters.Dimension.values())
                .map(d -> analytics.portrait(p, monthDay(from), monthDay(to), d.name(), null, chosen, locale.texts())).toList();
        PortalMsg msg = Messages.portal(locale.get());
        boolean russian = "ru".equals(locale.get().getLanguage());
        PartnerAnalytics.PortraitView any = views.get(0);
        return CsvDownload.of(p.slug + "-portrait-" + any.from().toString().substring(0, 7) + "-"
                        + any.to().toString().substring(0, 7), new String[]{msg.analyticsDimensionColumn(), msg.analyticsAnswer(), msg.analyticsPeople(), msg.analyticsRevenueApprox()}, csv -> {
            for (PartnerAnalytics.PortraitView v : views) {
                for (PartnerAnalytics.BucketView b : v.buckets()) {
                    csv.printRecord(msg.analyticsDimension(v.dimension()), b.label(), b.members(), russian ? b.revenue().replace('.', ',') : b.revenue());
                }
            }
        });
    }

    /** A month as the month input sends it (yyyy-MM) becomes its first day; a date stays as it is. */
    static String monthDay(String value) {
        return value != null && value.strip().matches("\\d{4}-\\d{2}") ? value.strip() + "-01" : value;
    }

    /**
     * The breakdown as one CSV in long form (section; row; figure; value), so a spreadsheet can pivot it: receipts per
     * member, segments, cohorts, categories, points, scratch cards.
     */
    @GET
    @Path("/breakdown.csv")
    @Produces("text/csv")
    public Response breakdownCsv(@QueryParam("from") String from, @QueryParam("to") String to) {
        Partner p = currentPartner.require();
        PartnerAnalytics.Period period = PartnerAnalytics.period(from, to, locale.texts());
        PartnerAnalytics.Breakdown b = analytics.dashboard(p, period).breakdown();
        PortalMsg msg = Messages.portal(locale.get());
        boolean russian = "ru".equals(locale.get().getLanguage());
        java.util.function.Function<String, String> rub = v -> russian ? v.replace('.', ',') : v;
        return CsvDownload.of(p.slug + "-breakdown-" + period.from() + "-" + period.to(), new String[]{msg.analyticsSection(), msg.analyticsRow(), msg.analyticsFigure(), msg.analyticsValue()}, csv -> {
            for (PartnerAnalytics.Band f : b.frequency()) {
                csv.printRecord(msg.analyticsFrequencyTitle(), msg.analyticsBand(f.band()), msg.analyticsMembers(), f.members());
            }
            csv.printRecord(msg.analyticsFrequencyTitle(), msg.analyticsNewMembers(), msg.analyticsMembers(), b.newMembers());
            csv.printRecord(msg.analyticsFrequencyTitle(), msg.analyticsReturning(), msg.analyticsMembers(), b.returningMembers());
            for (PartnerAnalytics.RfmRow r : b.rfm()) {
                csv.printRecord(msg.analyticsRfmTitle(), msg.analyticsRfmSegment(r.segment()), msg.analyticsMembers(), r.members());
                csv.printRecord(msg.analyticsRfmTitle(), msg.analyticsRfmSegment(r.segment()), msg.analyticsRevenue(), rub.apply(r.spend()));
            }
            for (PartnerAnalytics.CohortRow c : b.cohorts()) {
                csv.printRecord(msg.analyticsCohortsTitle(), c.month(), msg.analyticsMembers(), c.members());
                for (int i = 0; i < c.retained().size(); i++) {
                    csv.printRecord(msg.analyticsCohortsTitle(), c.month(), msg.analyticsCohortOffset(i), c.retained().get(i) + " %");
                }
            }
            for (PartnerAnalytics.CategoryRow c : b.categories()) {
                String name = BreakdownCharts.label(c, msg);
                csv.printRecord(msg.analyticsCategoriesTitle(), name, msg.analyticsRevenue(), rub.apply(c.amount()));
                csv.printRecord(msg.analyticsCategoriesTitle(), name, msg.analyticsLines(), c.lines());
            }
            for (PartnerAnalytics.PointsRow m : b.points()) {
                csv.printRecord(msg.analyticsPointsTitle(), m.month(), msg.analyticsIssued(), m.issued());
                csv.printRecord(msg.analyticsPointsTitle(), m.month(), msg.analyticsRedeemed(), m.redeemed());
                csv.printRecord(msg.analyticsPointsTitle(), m.month(), msg.analyticsExpired(), m.expired());
                csv.printRecord(msg.analyticsPointsTitle(), m.month(), msg.analyticsOutstanding(), m.outstanding());
            }
            csv.printRecord(msg.analyticsScratchTitle(), "", msg.analyticsScratchHandedOut(), b.scratchHandedOut());
            csv.printRecord(msg.analyticsScratchTitle(), "", msg.analyticsScratchEntered(), b.scratchEntered());
            csv.printRecord(msg.analyticsScratchTitle(), "", msg.analyticsScratchPoints(), b.scratchPoints());
        });
    }

    /** The last {@code n} local days of the partner, today included. */
    private PartnerAnalytics.Period lastDays(Partner p, int n) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(p.timeZone));
        return new PartnerAnalytics.Period(today.minusDays(n - 1L), today);
    }
}
