package ru.coalition.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.clearing.ClearingService;
import ru.coalition.clearing.Statement;
import ru.coalition.members.MemberFigures;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.programs.Money;
import ru.coalition.purchases.CoalitionFigures;
import ru.coalition.purchases.OperatorFigures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The operator's dashboard (issue 13 §6 and §2's matrix): the coalition's members, purchases and points of a period, put
 * together from what each feature keeps (docs/analytics.md "Operator dashboard" defines each figure): the purchase
 * rollups, the members' registrations, the clearing statements.
 */
@ApplicationScoped
public class OperatorAnalytics {

    /** Months of the growth and registration series, up to the period's last one. */
    static final int GROWTH_MONTHS = 12;
    /** Months of the points trend, up to the period's last one (or the current month). */
    static final int POINTS_MONTHS = 6;

    @Schema(name = "OperatorPartnerFigures")
    @io.quarkus.qute.TemplateData
    public record PartnerRow(String partner, String name,
                             @Schema(description = "Roubles of the period's receipts at the partner less their refunds") String revenue,
                             long receipts,
                             @Schema(description = "Members with a receipt at the partner in the period") long members,
                             @Schema(description = "Coalition points the partner issued in the points month, net of refunds") long issued,
                             @Schema(description = "Coalition points redeemed with the partner in the points month") long redeemed,
                             long expired,
                             @Schema(description = "Points of the partner's issue in members' wallets at the points month's end (the open month: now)")
                             long outstanding,
                             @Schema(description = "RUB per point") String ratePerPoint,
                             @Schema(description = "RUB: outstanding × rate") String liability) {
    }

    @Schema(name = "OperatorPointsMonth")
    @io.quarkus.qute.TemplateData
    public record PointsMonth(@Schema(description = "yyyy-MM", examples = "2026-12") String month, boolean closed, long issued,
                              long redeemed, long expired, long outstanding,
                              @Schema(description = "RUB: Σ outstanding × the partner's rate") String liability) {

        /** The month for pages ({@code m.monthValue.asMonth}). */
        public YearMonth monthValue() {
            return YearMonth.parse(month);
        }
    }

    @Schema(name = "OperatorMembersMonth")
    @io.quarkus.qute.TemplateData
    public record MembersMonth(@Schema(description = "yyyy-MM", examples = "2026-12") String month,
                               @Schema(description = "Members registered in the month (operator's time zone)") long registered,
                               @Schema(description = "Of them, through the cabinet's form") long cabinet,
                               @Schema(description = "Of them, through the partner API") long api,
                               @Schema(description = "Of them, otherwise (imports)") long other,
                               @Schema(description = "Of them, invited by a member (referral)") long referred,
                               @Schema(description = "Members in force at the month's end (registered, not deleted)") long inForce) {

        /** The month for pages ({@code m.monthValue.asMonth}). */
        public YearMonth monthValue() {
            return YearMonth.parse(month);
        }
    }

    @Schema(name = "OperatorHourCell")
    @io.quarkus.qute.TemplateData
    public record HourCell(@Schema(description = "1 Monday … 7 Sunday") int weekday, @Schema(description = "0–23, the partner's local hour") int hour,
                           long receipts) {
    }

    @Schema(name = "OperatorSummary")
    public record Summary(LocalDate from, LocalDate to,
                          @Schema(description = "Members in force at the period's end") long members,
                          @Schema(description = "Members registered in the period (operator's days)") long newMembers,
                          @Schema(description = "Distinct members with a receipt at any partner in the period") long activeMembers,
                          @Schema(description = "Roubles of the period's receipts less their refunds, all partners") String revenue,
                          long receipts,
                          @Schema(description = "The month of the points figures (yyyy-MM): the period's last, or the current one if that is later",
                                  examples = "2026-12") String pointsMonth,
                          @Schema(description = "RUB: points outstanding at the points month's end × each partner's rate") String liability,
                          long pointsOutstanding,
                          List<PartnerRow> partners, List<PointsMonth> points, List<MembersMonth> growth,
                          @Schema(description = "Receipts by weekday and hour, cells with receipts only") List<HourCell> hours,
                          @Schema(description = "The cell with the most receipts (the earliest on a tie); null without receipts", nullable = true)
                          HourCell busiest) {

        /** The points month for pages. */
        public YearMonth pointsMonthValue() {
            return YearMonth.parse(pointsMonth);
        }
    }

    @Schema(name = "OverlapCell")
    @io.quarkus.qute.TemplateData
    public record OverlapCell(String a, String b, @Schema(description = "Members with a receipt at both in the period (a = b: the partner's customers)") long members) {
    }

    @Schema(name = "OperatorOverlap")
    public record Overlap(LocalDate from, LocalDate to, @Schema(description = "Partner slugs, rows and columns of the matrix") List<String> partners,
                          @Schema(description = "The upper triangle with the diagonal (a ≤ b in the partners' order), cells with members only")
                          List<OverlapCell> cells) {
    }

    @Inject
    OperatorFigures purchases;

    @Inject
    CoalitionFigures coalition;

    @Inject
    MemberFigures members;

    @Inject
    ClearingService clearing;

    @Inject
    PartnerService partners;

    @Inject
    CoalitionConfig config;

    public Summary summary(PartnerAnalytics.Period period) {
        ZoneId zone = ZoneId.of(config.operatorZone());
        java.time.Instant start = period.from().atStartOfDay(zone).toInstant();
        java.time.Instant end = period.to().plusDays(1).atStartOfDay(zone).toInstant();
        long inForce = members.inForceAt(end);
        long registered = members.registered(start, end);
        long active = purchases.activeMembers(period.from(), period.to());

        Map<Long, OperatorFigures.PartnerSales> sales = new HashMap<>();
        purchases.partners(period.from(), period.to()).forEach(s -> sales.put(s.partnerId(), s));
        YearMonth current = clearing.currentMonth();
        YearMonth pointsMonth = YearMonth.from(period.to()).isAfter(current) ? current : YearMonth.from(period.to());
        List<PointsMonth> points = new ArrayList<>();
        Map<String, Statement> statements = new HashMap<>();
        for (YearMonth m = pointsMonth.minusMonths(POINTS_MONTHS - 1L); !m.isAfter(pointsMonth); m = m.plusMonths(1)) {
            ClearingService.Overview o = clearing.overview(m);
            long outstanding = o.statements().stream().mapToLong(Statement::outstanding).sum();
            BigDecimal liability = o.statements().stream().map(OperatorAnalytics::liability).reduce(BigDecimal.ZERO, BigDecimal::add);
            points.add(new PointsMonth(m.toString(), o.closed(), o.totals().issued(), o.totals().redeemed(), o.totals().expired(), outstanding, money(liability)));
            if (m.equals(pointsMonth)) {
                o.statements().forEach(s -> statements.put(s.partner(), s));
            }
        }
        List<PartnerRow> rows = new ArrayList<>();
        long revenue = 0;
        long receipts = 0;
        for (Partner p : partners.list()) {
            OperatorFigures.PartnerSales s = sales.getOrDefault(p.id, new OperatorFigures.PartnerSales(p.id, 0, 0, 0));
            Statement st = statements.get(p.slug);
            revenue += s.revenue();
            receipts += s.receipts();
            rows.add(new PartnerRow(p.slug, p.name, Money.format(s.revenue()), s.receipts(), s.members(),
                    st == null ? 0 : st.issued(), st == null ? 0 : st.redeemed(), st == null ? 0 : st.expired(), st == null ? 0 : st.outstanding(),
                    st == null ? "0.00" : st.ratePerPoint(), money(st == null ? BigDecimal.ZERO : liability(st))));
        }
        rows.sort(Comparator.comparing((PartnerRow r) -> new BigDecimal(r.revenue())).reversed().thenComparing(PartnerRow::name));

        YearMonth last = YearMonth.from(period.to());
        List<MembersMonth> growth = members.months(last.minusMonths(GROWTH_MONTHS - 1L), last).stream()
                .map(m -> new MembersMonth(m.month().toString(), m.registered(), m.cabinet(), m.api(), m.other(), m.referred(), m.inForce())).toList();

        List<HourCell> hours = purchases.hours(period.from(), period.to()).stream()
                .map(h -> new HourCell(h.weekday(), h.hour(), h.receipts()))
                .sorted(Comparator.comparingInt(HourCell::weekday).thenComparingInt(HourCell::hour)).toList();
        HourCell busiest = hours.stream().filter(h -> h.receipts() > 0)
                .reduce(null, (a, b) -> a == null || b.receipts() > a.receipts() ? b : a);
        PointsMonth now = points.get(points.size() - 1);
        return new Summary(period.from(), period.to(), inForce, registered, active, Money.format(revenue), receipts, pointsMonth.toString(),
                now.liability(), now.outstanding(), rows, points, growth, hours, busiest);
    }

    /** The partner-by-partner matrix of shared customers in the period, partners in the order of the list (by name). */
    public Overlap overlap(PartnerAnalytics.Period period) {
        List<Partner> list = partners.list().stream().sorted(Comparator.comparing((Partner p) -> p.name).thenComparing(p -> p.slug)).toList();
        Map<Long, Integer> order = new HashMap<>();
        for (int i = 0; i < list.size(); i++) {
            order.put(list.get(i).id, i);
        }
        List<OverlapCell> cells = new ArrayList<>();
        for (CoalitionFigures.Overlap o : coalition.overlap(period.from(), period.to())) {
            Integer i = order.get(o.a());
            Integer j = order.get(o.b());
            if (i == null || j == null) {
                continue;
            }
            Partner a = list.get(Math.min(i, j));
            Partner b = list.get(Math.max(i, j));
            cells.add(new OverlapCell(a.slug, b.slug, o.members()));
        }
        cells.sort(Comparator.comparing((OverlapCell c) -> order.get(partnerId(list, c.a()))).thenComparing(c -> order.get(partnerId(list, c.b()))));
        return new Overlap(period.from(), period.to(), list.stream().map(p -> p.slug).toList(), cells);
    }

    private static Long partnerId(List<Partner> list, String slug) {
        return list.stream().filter(p -> p.slug.equals(slug)).findFirst().orElseThrow().id;
    }

    static BigDecimal liability(Statement s) {
        return s.rate().multiply(BigDecimal.valueOf(s.outstanding()));
    }

    static String money(BigDecimal roubles) {
        return roubles.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
}
