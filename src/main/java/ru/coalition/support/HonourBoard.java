package ru.coalition.support;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The honour board (Доска почёта, issue 11 §7): the month's best three agents. An agent qualifies with at least
 * {@code coalition.csat.honour-min-handled} tickets handled in the month; each qualifying agent scores 0–100:
 * <pre>
 *   speed   = handled tickets that met their SLA / handled
 *   quality = (CSAT average / 5, or 3/5 with no rating) × (1 − reopened / handled)
 *   volume  = handled / the most handled by any qualifying agent
 *   score   = 100 × (0.4 × speed + 0.4 × quality + 0.2 × volume)
 * </pre>
 * Ties go to more tickets handled, then the higher CSAT average, then the name (alphabetically), then the id.
 */
@ApplicationScoped
public class HonourBoard {

    public static final double SPEED = 0.4;
    public static final double QUALITY = 0.4;
    public static final double VOLUME = 0.2;
    /** What an agent no member rated counts as (3 of 5). */
    public static final double UNRATED_CSAT = 3.0;
    public static final int PLACES = 3;

    @Schema(name = "HonourPlace")
    public record Place(int place, String agent, String name,
                        @Schema(description = "0–100, one decimal") BigDecimal score,
                        @Schema(description = "The speed part, 0–1") BigDecimal speed,
                        @Schema(description = "The quality part, 0–1") BigDecimal quality,
                        @Schema(description = "The volume part, 0–1") BigDecimal volume,
                        long handled, BigDecimal slaMetPercent, BigDecimal csatAverage, long csatCount, BigDecimal reopenPercent) {
    }

    @Schema(name = "HonourBoard")
    public record Board(@Schema(description = "YYYY-MM") String month, int minHandled,
                        @Schema(description = "How many agents qualified") int qualified,
                        @Schema(description = "The best three, first place first") List<Place> places) {
    }

    private record Scored(SupportFigures.Row row, double speed, double quality, double volume, double score) {
    }

    @Inject
    SupportFigures figures;

    @Inject
    SatisfactionConfig config;

    public Board of(YearMonth month) {
        int min = config.honourMinHandled();
        List<SupportFigures.Row> rows = figures.figures(SupportFigures.month(month), null).agents().stream()
                .filter(r -> r.agent() != null && r.handled() >= min).toList();
        List<Place> places = rank(rows).stream().limit(PLACES).toList();
        return new Board(month.toString(), min, rows.size(), places);
    }

    /** Every qualifying row scored and ordered, best first. */
    static List<Place> rank(List<SupportFigures.Row> rows) {
        long most = rows.stream().mapToLong(SupportFigures.Row::handled).max().orElse(1);
        List<Scored> scored = new ArrayList<>();
        for (SupportFigures.Row r : rows) {
            double speed = (double) r.slaMet() / r.handled();
            double csat = r.csatCount() == 0 || r.csatAverage() == null ? UNRATED_CSAT : r.csatAverage().doubleValue();
            double quality = csat / 5.0 * (1.0 - (double) r.reopened() / r.handled());
            double volume = (double) r.handled() / most;
            scored.add(new Scored(r, speed, quality, volume, 100.0 * (SPEED * speed + QUALITY * quality + VOLUME * volume)));
        }
        scored.sort(Comparator.comparingDouble(Scored::score).reversed()
                .thenComparing(Comparator.comparingLong((Scored s) -> s.row().handled()).reversed())
                .thenComparing(Comparator.comparingDouble((Scored s) -> s.row().csatAverage() == null ? 0 : s.row().csatAverage().doubleValue()).reversed())
                .thenComparing(s -> s.row().name() == null ? "" : s.row().name())
                .thenComparing(s -> s.row().agent()));
        List<Place> places = new ArrayList<>();
        for (Scored s : scored) {
            SupportFigures.Row r = s.row();
            places.add(new Place(places.size() + 1, r.agent(), r.name(), round(s.score(), 1), round(s.speed(), 3), round(s.quality(), 3),
                    round(s.volume(), 3), r.handled(), r.slaMetPercent(), r.csatAverage(), r.csatCount(), r.reopenPercent()));
        }
        return places;
    }

    private static BigDecimal round(double v, int scale) {
        return BigDecimal.valueOf(v).setScale(scale, RoundingMode.HALF_UP);
    }
}
