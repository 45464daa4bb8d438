package ru.coalition.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.members.MemberFilters;
import ru.coalition.partners.Partner;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.Texts;
import ru.coalition.programs.Money;
import ru.coalition.purchases.PurchaseFigures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A partner's analytics (issue 13): the figures each feature keeps for it, put together and in the API's form. Every
 * figure counts only what members did at this partner (docs/analytics.md defines each one).
 */
@ApplicationScoped
public class PartnerAnalytics {

    /** The longest period a figure is asked for. */
    public static final int MAX_DAYS = 1096;

    /** A period of the partner's local days, both ends included. */
    public record Period(LocalDate from, LocalDate to) {
    }

    @Schema(name = "PartnerAnalyticsSummary")
    public record SummaryView(LocalDate from, LocalDate to,
                              @Schema(description = "Roubles: the period's receipts less their refunds, e.g. 125000.50") String revenue,
                              long receipts,
                              @Schema(description = "Members with a receipt in the period") long members,
                              @Schema(description = "Roubles per receipt, rounded to the kopeck; 0.00 without receipts") String averageReceipt,
                              @Schema(description = "Receipts per member, two decimals; 0 without members") BigDecimal frequency,
                              @Schema(description = "Members whose first receipt at the partner falls in the period") long newMembers,
                              @Schema(description = "Of the new members, those who had bought at another partner of the coalition first")
                              long fromOtherPartners) {
    }

    /** One figure beside its value in the comparison period; {@code change} in percent, null when there was nothing before. */
    @io.quarkus.qute.TemplateData
    public record Tile(String key, BigDecimal value, BigDecimal before, Integer change) {
    }

    /** A day of the chart and the table. */
    @io.quarkus.qute.TemplateData
    public record DayRow(LocalDate day, String revenue, long receipts, long members) {
    }

    /** The dashboard of a period: the summary beside the same number of days just before, the period's days, the breakdown. */
    @Schema(name = "PartnerDashboard")
    public record Dashboard(Period period, Period previous, SummaryView now, SummaryView before, List<Tile> tiles, List<DayRow> days,
                            Breakdown breakdown) {
    }

    /** Members with so many receipts in the period. */
    @io.quarkus.qute.TemplateData
    @Schema(name = "FrequencyBand")
    public record Band(@Schema(description = "Receipts per member: 1, 2, 3, 4-5, 6-9, 10+") String band, long members) {
    }

    /** A monthly cohort: members whose first receipt here fell in the month, and the percent of them who bought in each month since. */
    @io.quarkus.qute.TemplateData
    @Schema(name = "Cohort")
    public record CohortRow(@Schema(description = "yyyy-MM", implementation = String.class, examples = "2026-12") java.time.YearMonth month, long members,
                            @Schema(description = "Percent of the cohort with a receipt in its month, the month after, ...") List<Integer> retained) {
    }

    /** A segment of the recency × frequency grid, with the members' spend in the period (roubles). */
    @io.quarkus.qute.TemplateData
    @Schema(name = "RfmSegment")
    public record RfmRow(@Schema(description = "champions, loyal, newcomers, needAttention, atRisk, sleeping") String segment, long members,
                         String spend) {
    }

    /** Coalition points of a month of the partner's issue (its clearing statement). */
    @io.quarkus.qute.TemplateData
    @Schema(name = "PointsMonth")
    public record PointsRow(@Schema(description = "yyyy-MM", implementation = String.class, examples = "2026-12") java.time.YearMonth month, long issued, long redeemed, long expired, long outstanding,
                            boolean closed) {
    }

    /** A category's sales (roubles, less refunds) and share of the period's sales in percent; category null: all the others. */
    @io.quarkus.qute.TemplateData
    @Schema(name = "CategorySales")
    public record CategoryRow(@Schema(description = "The category as the till sent it; \"\" for lines without one; null: the rest",
            nullable = true) String category, String amount, long lines, int share) {
    }

    @Schema(name = "PartnerBreakdown")
    public record Breakdown(List<Band> frequency, long newMembers, long returningMembers, List<CohortRow> cohorts, List<RfmRow> rfm,
                            List<PointsRow> points, @Schema(description = "Cards of batches activated in the period") long scratchHandedOut,
                            @Schema(description = "Cards members entered in the period") long scratchEntered,
                            @Schema(description = "Points those entries credited") long scratchPoints, List<CategoryRow> categories) {
    }

    /** The months a breakdown looks at: the period's, the last twelve of them at most. */
    static final int MAX_MONTHS = 12;
    static final int TOP_CATEGORIES = 10;

    @Inject
    ru.coalition.clearing.ClearingService clearing;

    @Inject
    ru.coalition.scratchcards.ScratchBatches scratch;

    private Breakdown breakdown(Partner partner, Period period, PurchaseFigures.Profile profile) {
        PurchaseFigures.Summary now = profile.summary();
        List<Band> frequency = profile.frequency().entrySet().stream()
                .map(e -> new Band(e.getKey(), e.getValue())).toList();
        java.time.YearMonth last = java.time.YearMonth.from(period.to());
        java.time.YearMonth first = firstMonth(period);
        List<CohortRow> cohorts = profile.cohorts().stream().map(c -> new CohortRow(c.month(), c.members(),
                c.active().stream().map(n -> c.members() == 0 ? 0 : (int) Math.round(n * 100.0 / c.members())).toList())).toList();
        java.util.Map<String, long[]> segments = new java.util.LinkedHashMap<>();
        for (String code : RFM_SEGMENTS) {
            segments.put(code, new long[2]);
        }
        for (PurchaseFigures.RfmCell cell : profile.rfm()) {
            long[] sum = segments.get(rfmSegment(cell.recency(), cell.frequency()));
            sum[0] += cell.members();
            sum[1] += cell.spend();
        }
        List<RfmRow> rfm = segments.entrySet().stream().map(e -> new RfmRow(e.getKey(), e.getValue()[0], Money.format(e.getValue()[1]))).toList();
        List<PointsRow> points = new ArrayList<>();
        java.time.YearMonth current = clearing.currentMonth();
        for (java.time.YearMonth m = first; !m.isAfter(last) && !m.isAfter(current); m = m.plusMonths(1)) {
            ru.coalition.clearing.Statement st = clearing.statement(partner, m);
            points.add(new PointsRow(m, st.issued(), st.redeemed(), st.expired(), st.outstanding(), st.closed()));
        }
        ru.coalition.scratchcards.ScratchBatches.Figures cards = scratch.figures(partner, period.from(), period.to());
        List<PurchaseFigures.CategorySales> sales = purchases.categories(partner, period.from(), period.to(), TOP_CATEGORIES);
        long total = sales.stream().mapToLong(PurchaseFigures.CategorySales::amount).sum();
        List<CategoryRow> categories = sales.stream().map(c -> new CategoryRow(c.category(), Money.format(c.amount()), c.lines(),
                total <= 0 ? 0 : (int) Math.round(c.amount() * 100.0 / total))).toList();
        return new Breakdown(frequency, now.newMembers(), now.members() - now.newMembers(), cohorts, rfm, points, cards.handedOut(),
                cards.entered(), cards.points(), categories);
    }

    /** The first month of a period's cohorts and points: its own first month, or the twelfth before its last. */
    private static java.time.YearMonth firstMonth(Period period) {
        java.time.YearMonth last = java.time.YearMonth.from(period.to());
        java.time.YearMonth first = java.time.YearMonth.from(period.from());
        return first.isBefore(last.minusMonths(MAX_MONTHS - 1L)) ? last.minusMonths(MAX_MONTHS - 1L) : first;
    }

    /** The segments of the recency × frequency grid, in the order shown. */
    public static final List<String> RFM_SEGMENTS = List.of("champions", "loyal", "newcomers", "needAttention", "atRisk", "sleeping");

    /**
     * Recency 3 (bought in the last third of the period) and frequency 3 (four receipts or more): champions; both at least
     * 2 otherwise: loyal; recent with one receipt: newcomers; middle with one: need attention; early with more: at risk;
     * early with one: sleeping.
     */
    static String rfmSegment(int recency, int frequency) {
        if (recency == 3 && frequency == 3) {
            return "champions";
        }
        if (recency >= 2 && frequency >= 2) {
            return "loyal";
        }
        if (frequency == 1) {
            return recency == 3 ? "newcomers" : recency == 2 ? "needAttention" : "sleeping";
        }
        return "atRisk";
    }

    @Inject
    PurchaseFigures purchases;

    public Dashboard dashboard(Partner partner, Period period) {
        long length = ChronoUnit.DAYS.between(period.from(), period.to()) + 1;
        Period previous = new Period(period.from().minusDays(length), period.from().minusDays(1));
        PurchaseFigures.Profile profile = purchases.profile(partner, period.from(), period.to(), firstMonth(period),
                java.time.YearMonth.from(period.to()));
        SummaryView now = view(period, profile.summary());
        SummaryView before = summary(partner, previous);
        List<Tile> tiles = List.of(
                tile("revenue", new BigDecimal(now.revenue()), new BigDecimal(before.revenue())),
                tile("receipts", BigDecimal.valueOf(now.receipts()), BigDecimal.valueOf(before.receipts())),
                tile("members", BigDecimal.valueOf(now.members()), BigDecimal.valueOf(before.members())),
                tile("averageReceipt", new BigDecimal(now.averageReceipt()), new BigDecimal(before.averageReceipt())),
                tile("frequency", now.frequency(), before.frequency()),
                tile("newMembers", BigDecimal.valueOf(now.newMembers()), BigDecimal.valueOf(before.newMembers())),
                tile("fromOtherPartners", BigDecimal.valueOf(now.fromOtherPartners()), BigDecimal.valueOf(before.fromOtherPartners())));
        List<DayRow> days = purchases.days(partner, period.from(), period.to()).stream()
                .map(d -> new DayRow(d.day(), Money.format(d.revenue()), d.receipts(), d.members())).toList();
        return new Dashboard(period, previous, now, before, tiles, days, breakdown(partner, period, profile));
    }

    private static Tile tile(String key, BigDecimal now, BigDecimal then) {
        Integer change = then.signum() == 0 ? null
                : now.subtract(then).multiply(BigDecimal.valueOf(100)).divide(then.abs(), 0, RoundingMode.HALF_UP).intValueExact();
        return new Tile(key, now, then, change);
    }

    public SummaryView summary(Partner partner, Period period) {
        return view(period, purchases.summary(partner, period.from(), period.to()));
    }

    private static SummaryView view(Period period, PurchaseFigures.Summary s) {
        long average = s.receipts() == 0 ? 0 : BigDecimal.valueOf(s.revenue()).divide(BigDecimal.valueOf(s.receipts()), 0, RoundingMode.HALF_UP).longValueExact();
        BigDecimal frequency = s.members() == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(s.receipts()).divide(BigDecimal.valueOf(s.members()), 2, RoundingMode.HALF_UP);
        return new SummaryView(period.from(), period.to(), Money.format(s.revenue()), s.receipts(), s.members(), Money.format(average),
                frequency, s.newMembers(), s.fromOtherPartners());
    }

    @Schema(name = "PortraitBucket")
    public record BucketView(
            @Schema(description = "The answer: the code of an age band, gender, social status or income bracket, the city as its"
                    + " members wrote it; \"*\" for the answers of fewer than 5 customers together") String value,
            @Schema(description = "The answer in words, in the request's language") String label,
            @Schema(description = "The second answer of a cross-tab (by=)", nullable = true) String by,
            @Schema(description = "The second answer in words", nullable = true) String byLabel,
            @Schema(description = "Customers, rounded to a multiple of 5 (never below 5)") long members,
            @Schema(description = "Roubles they spent, moved by a keyed amount and rounded to the rouble") String revenue) {
    }

    @Schema(name = "PartnerPortrait")
    public record PortraitView(@Schema(description = "First day of the first whole month") LocalDate from,
                               @Schema(description = "Last day of the last whole month") LocalDate to,
                               String dimension, @Schema(nullable = true) String by,
                               @Schema(description = "The segment whose customers it portrays; absent: all customers", nullable = true) Long segment,
                               List<BucketView> buckets,
                               @Schema(description = "Answers (cells) not shown on their own: fewer than 5 customers, merged into \"*\" or left out")
                               int suppressed,
                               @Schema(description = "The fewest customers a bucket, or a difference of two, stands for") int k) {
    }

    @Inject
    Portraits portraits;

    /** A portrait of checked query parameters; the labels in the texts' language. */
    public PortraitView portrait(Partner partner, String from, String to, String dimension, String by, String segment, Texts texts) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Period period = null;
        try {
            period = period(from, to, texts);
        } catch (ProblemException e) {
            errors.addAll(e.fieldErrors());
        }
        MemberFilters.Dimension d = dimension(dimension, true, "dimension", texts, errors);
        MemberFilters.Dimension b = dimension(by, false, "by", texts, errors);
        if (d != null && d == b) {
            errors.add(new Problem.FieldError("by", texts.problem("coalition.field.choice")));
        }
        Long segmentId = null;
        if (segment != null && !segment.isBlank()) {
            try {
                segmentId = Long.valueOf(segment.strip());
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("segment", texts.problem("coalition.field.choice")));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, errors);
        }
        Portraits.Portrait p = portraits.portrait(partner, new Portraits.Request(period.from(), period.to(), d, b, segmentId));
        PortraitLabels labels = new PortraitLabels(texts.locale());
        List<BucketView> buckets = p.cells().stream().map(c -> new BucketView(shownValue(p.dimension(), c), labels.of(p.dimension(), c.value(), c.spelling()),
                c.by(), c.by() == null ? null : labels.of(p.by(), c.by(), c.by()), c.members(), Money.format(c.revenue()))).toList();
        return new PortraitView(p.from(), p.to(), d.name(), b == null ? null : b.name(), segmentId, buckets, p.suppressed(), Portraits.K);
    }

    private static String shownValue(MemberFilters.Dimension d, Portraits.Cell c) {
        return d == MemberFilters.Dimension.city && !Portraits.OTHER.equals(c.value()) ? c.spelling() : c.value();
    }

    private static MemberFilters.Dimension dimension(String value, boolean required, String field, Texts texts, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new Problem.FieldError(field, texts.problem("coalition.field.required")));
            }
            return null;
        }
        try {
            return MemberFilters.Dimension.valueOf(value.strip());
        } catch (IllegalArgumentException e) {
            errors.add(new Problem.FieldError(field, texts.problem("coalition.field.choice")));
            return null;
        }
    }

    /** The period of two query parameters, checked: both dates, in order, at most {@link #MAX_DAYS} days. */
    public static Period period(String from, String to, Texts texts) {
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate start = date("from", from, texts, errors);
        LocalDate end = date("to", to, texts, errors);
        if (start != null && end != null) {
            if (end.isBefore(start)) {
                errors.add(new Problem.FieldError("to", texts.problem("coalition.field.period-order")));
            } else if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
                errors.add(new Problem.FieldError("to", texts.problem("coalition.field.period-too-long", MAX_DAYS)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, errors);
        }
        return new Period(start, end);
    }

    private static LocalDate date(String field, String value, Texts texts, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, texts.problem("coalition.field.required")));
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, texts.problem("coalition.field.date")));
            return null;
        }
    }
}
