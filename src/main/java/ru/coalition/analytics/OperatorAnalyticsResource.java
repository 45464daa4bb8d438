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
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ConsoleMsg;
import ru.coalition.platform.Messages;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ReadReplica;
import ru.coalition.platform.RequestLocale;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The operator's dashboard (issue 13 §6, and §2's partner-by-partner matrix as a heat map): the coalition's figures of
 * a period (the last 30 days unless ?from=&to= ask others; a wrong period is shown, with the last 30 days), pictures
 * with their numbers in tables, and everything as one CSV.
 */
@Path("/operator/analytics")
@RolesAllowed(Roles.OPERATOR_ADMIN)
public class OperatorAnalyticsResource {

    static final int DEFAULT_DAYS = 30;

    @CheckedTemplate(basePath = "analytics")
    static class Templates {
        static native TemplateInstance operator(View view, List<Problem.FieldError> errors, String from, String to);
    }

    /** A cell of the partner matrix: members, the percent of the row partner's customers, its shade. */
    @io.quarkus.qute.TemplateData
    public record MatrixCell(String partner, long members, int percent, String heat, boolean diagonal) {
    }

    @io.quarkus.qute.TemplateData
    public record MatrixRow(String partner, String name, List<MatrixCell> cells) {
    }

    /** A weekday of the hours table: its name and the receipts of each hour with its shade. */
    @io.quarkus.qute.TemplateData
    public record HourRow(int weekday, String name, List<Long> receipts, List<String> heat) {
    }

    /** What the page shows. */
    public record View(OperatorAnalytics.Summary summary, List<MatrixRow> matrix, List<String> columns, List<HourRow> hours,
                       String busiestDay, String growthSvg, String pointsSvg, String revenueSvg, String hoursSvg,
                       ReadReplica.Staleness staleness) {
    }

    @Inject
    OperatorAnalytics analytics;

    @Inject
    RequestLocale locale;

    @Inject
    Clock clock;

    @Inject
    CoalitionConfig config;

    @Inject
    ReadReplica replica;

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("from") String from, @QueryParam("to") String to) {
        PartnerAnalytics.Period period = lastDays();
        List<Problem.FieldError> errors = List.of();
        if (from != null || to != null) {
            try {
                period = PartnerAnalytics.period(from, to, locale.texts());
            } catch (ProblemException e) {
                errors = e.fieldErrors();
            }
        } else {
            from = period.from().toString();
            to = period.to().toString();
        }
        return Templates.operator(view(period, locale.get()), errors, from, to);
    }

    View view(PartnerAnalytics.Period period, Locale l) {
        ConsoleMsg msg = Messages.console(l);
        OperatorAnalytics.Summary s = analytics.summary(period);
        OperatorAnalytics.Overlap o = analytics.overlap(period);
        Map<String, String> names = new HashMap<>();
        s.partners().forEach(p -> names.put(p.partner(), p.name()));
        Map<String, Long> cells = new HashMap<>();
        o.cells().forEach(c -> {
            cells.put(c.a() + " " + c.b(), c.members());
            cells.put(c.b() + " " + c.a(), c.members());
        });
        List<MatrixRow> matrix = new ArrayList<>();
        for (String a : o.partners()) {
            long own = cells.getOrDefault(a + " " + a, 0L);
            List<MatrixCell> row = new ArrayList<>();
            for (String b : o.partners()) {
                long n = cells.getOrDefault(a + " " + b, 0L);
                int percent = own == 0 ? 0 : (int) Math.round(n * 100.0 / own);
                row.add(new MatrixCell(b, n, percent, a.equals(b) ? "diag" : BreakdownCharts.heat(percent), a.equals(b)));
            }
            matrix.add(new MatrixRow(a, names.getOrDefault(a, a), row));
        }
        List<String> columns = o.partners().stream().map(p -> names.getOrDefault(p, p)).toList();

        long max = s.hours().stream().mapToLong(OperatorAnalytics.HourCell::receipts).max().orElse(0);
        List<HourRow> hours = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            long[] receipts = new long[24];
            for (OperatorAnalytics.HourCell c : s.hours()) {
                if (c.weekday() == d) {
                    receipts[c.hour()] = c.receipts();
                }
            }
            List<Long> values = java.util.Arrays.stream(receipts).boxed().toList();
            hours.add(new HourRow(d, weekday(d, l), values,
                    values.stream().map(n -> BreakdownCharts.heat(max == 0 ? 0 : (int) Math.ceil(n * 100.0 / max))).toList()));
        }
        Map<String, Long> revenue = new LinkedHashMap<>();
        s.partners().stream().filter(p -> p.receipts() > 0)
                .forEach(p -> revenue.put(p.name(), new java.math.BigDecimal(p.revenue()).setScale(0, java.math.RoundingMode.HALF_UP).longValue()));
        return new View(s, matrix, columns, hours, s.busiest() == null ? null : weekday(s.busiest().weekday(), l),
                OperatorCharts.growth(s.growth(), msg, l), OperatorCharts.points(s.partners(), msg, l), MemberBars.svg(revenue, l),
                OperatorCharts.hours(s.hours(), l), replica.staleness());
    }

    static String weekday(int isoDay, Locale l) {
        return DayOfWeek.of(isoDay).getDisplayName(TextStyle.FULL_STANDALONE, "en".equals(l.getLanguage()) ? Locale.ENGLISH : l);
    }

    /** Everything on the page as one CSV in long form (section; row; figure; value), semicolons and a BOM. */
    @GET
    @Path("/summary.csv")
    @Produces("text/csv")
    public Response csv(@QueryParam("from") String from, @QueryParam("to") String to) {
        PartnerAnalytics.Period period = PartnerAnalytics.period(from, to, locale.texts());
        Locale l = locale.get();
        View v = view(period, l);
        OperatorAnalytics.Summary s = v.summary();
        ConsoleMsg msg = Messages.console(l);
        boolean russian = "ru".equals(l.getLanguage());
        Function<String, String> rub = x -> russian ? x.replace('.', ',') : x;
        return CsvDownload.of("coalition-" + period.from() + "-" + period.to(), new String[]{msg.opAnalyticsSection(), msg.opAnalyticsRow(), msg.opAnalyticsFigure(), msg.opAnalyticsValue()}, csv -> {
            String all = msg.opAnalyticsAll();
            String totals = msg.opAnalyticsSummaryTitle();
            csv.printRecord(totals, all, msg.opAnalyticsMembers(), s.members());
            csv.printRecord(totals, all, msg.opAnalyticsNewMembers(), s.newMembers());
            csv.printRecord(totals, all, msg.opAnalyticsActive(), s.activeMembers());
            csv.printRecord(totals, all, msg.opAnalyticsRevenue(), rub.apply(s.revenue()));
            csv.printRecord(totals, all, msg.opAnalyticsReceipts(), s.receipts());
            csv.printRecord(totals, all, msg.opAnalyticsOutstanding(), s.pointsOutstanding());
            csv.printRecord(totals, all, msg.opAnalyticsLiability(), rub.apply(s.liability()));
            String partners = msg.opAnalyticsPartnersTitle();
            String points = msg.opAnalyticsPointsTitle(s.pointsMonth());
            for (OperatorAnalytics.PartnerRow p : s.partners()) {
                csv.printRecord(partners, p.name(), msg.opAnalyticsRevenue(), rub.apply(p.revenue()));
                csv.printRecord(partners, p.name(), msg.opAnalyticsReceipts(), p.receipts());
                csv.printRecord(partners, p.name(), msg.opAnalyticsCustomers(), p.members());
                csv.printRecord(points, p.name(), msg.opAnalyticsIssued(), p.issued());
                csv.printRecord(points, p.name(), msg.opAnalyticsRedeemed(), p.redeemed());
                csv.printRecord(points, p.name(), msg.opAnalyticsExpired(), p.expired());
                csv.printRecord(points, p.name(), msg.opAnalyticsOutstanding(), p.outstanding());
                csv.printRecord(points, p.name(), msg.opAnalyticsRate(), rub.apply(p.ratePerPoint()));
                csv.printRecord(points, p.name(), msg.opAnalyticsLiability(), rub.apply(p.liability()));
            }
            for (OperatorAnalytics.PointsMonth m : s.points()) {
                csv.printRecord(msg.opAnalyticsTrendTitle(), m.month(), msg.opAnalyticsIssued(), m.issued());
                csv.printRecord(msg.opAnalyticsTrendTitle(), m.month(), msg.opAnalyticsRedeemed(), m.redeemed());
                csv.printRecord(msg.opAnalyticsTrendTitle(), m.month(), msg.opAnalyticsExpired(), m.expired());
                csv.printRecord(msg.opAnalyticsTrendTitle(), m.month(), msg.opAnalyticsOutstanding(), m.outstanding());
                csv.printRecord(msg.opAnalyticsTrendTitle(), m.month(), msg.opAnalyticsLiability(), rub.apply(m.liability()));
            }
            for (OperatorAnalytics.MembersMonth m : s.growth()) {
                String g = msg.opAnalyticsGrowthTitle();
                csv.printRecord(g, m.month(), msg.opAnalyticsRegistered(), m.registered());
                csv.printRecord(g, m.month(), msg.opAnalyticsViaCabinet(), m.cabinet());
                csv.printRecord(g, m.month(), msg.opAnalyticsViaApi(), m.api());
                csv.printRecord(g, m.month(), msg.opAnalyticsViaOther(), m.other());
                csv.printRecord(g, m.month(), msg.opAnalyticsReferred(), m.referred());
                csv.printRecord(g, m.month(), msg.opAnalyticsInForce(), m.inForce());
            }
            for (OperatorAnalytics.HourCell h : s.hours()) {
                csv.printRecord(msg.opAnalyticsHoursTitle(), weekday(h.weekday(), l) + " " + String.format("%02d:00", h.hour()),
                        msg.opAnalyticsReceipts(), h.receipts());
            }
            for (MatrixRow r : v.matrix()) {
                for (int i = 0; i < r.cells().size(); i++) {
                    csv.printRecord(msg.opAnalyticsOverlapTitle(), r.name(), v.columns().get(i), r.cells().get(i).members());
                }
            }
        });
    }

    /** The last 30 days of the operator's time zone, today included. */
    private PartnerAnalytics.Period lastDays() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(config.operatorZone()));
        return new PartnerAnalytics.Period(today.minusDays(DEFAULT_DAYS - 1L), today);
    }

}
