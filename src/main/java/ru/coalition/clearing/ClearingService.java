package ru.coalition.clearing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.programs.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Monthly clearing between the partners and the operator (PROGRAM-SEMANTICS.md §4 "Clearing"). Months are calendar
 * months in the operator's zone; a movement belongs to the month it was posted in. A coalition point issued by A costs A
 * its rate; a point redeemed at B's till or spent on a catalog reward B honours earns B its rate; expired points were
 * paid for and never redeemed — the operator's breakage. Each partner's net is (redeemed − issued) × its rate; the
 * operator's margin is minus the sum of the nets, so the partners' nets and the margin always add up to zero.
 */
@ApplicationScoped
@Transactional
public class ClearingService {

    /** Source types of the entries clearing tells apart (the ledger's, the refunds', the catalog's). */
    static final String REFUND = LedgerService.SOURCE_REFUND;
    static final String REWARD_ORDER = "reward_order";

    /** A month on the operator's page: every partner's statement and the totals. */
    @Schema(name = "ClearingOverview")
    public record Overview(String period, boolean closed, List<Statement> statements, Totals totals) {
    }

    @Schema(name = "ClearingTotals")
    public record Totals(long issued, long redeemed, long expired,
                         @Schema(description = "RUB: the sum of the partners' nets") String net,
                         @Schema(description = "RUB: what the operator keeps; net + operatorMargin = 0") String operatorMargin) {

        @com.fasterxml.jackson.annotation.JsonIgnore
        public BigDecimal netValue() {
            return new BigDecimal(net);
        }

        @com.fasterxml.jackson.annotation.JsonIgnore
        public BigDecimal marginValue() {
            return new BigDecimal(operatorMargin);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    LedgerService ledger;

    @Inject
    PartnerService partners;

    @Inject
    PartnerScope scope;

    @Inject
    CoalitionConfig config;

    /** "2026-12" as a month that has begun; anything else is refused with the field named. */
    public YearMonth period(String text) {
        YearMonth month;
        try {
            month = YearMonth.parse(text == null ? "" : text);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ErrorCode.CLEARING_PERIOD, String.valueOf(text));
        }
        if (month.isAfter(currentMonth())) {
            throw new ProblemException(ErrorCode.CLEARING_PERIOD, text);
        }
        return month;
    }

    /** The month a page asks for, or the current one when it asks for none. */
    public YearMonth periodOrCurrent(String text) {
        return text == null || text.isBlank() ? currentMonth() : period(text);
    }

    public YearMonth currentMonth() {
        return YearMonth.from(LocalDate.ofInstant(clock.instant(), zone()));
    }

    /** The partner's statement for a month: stored if the month is closed, read from the ledger if it is open. */
    public Statement statement(Partner partner, YearMonth month) {
        scope.enter(partner);
        Optional<Statement> stored = stored(partner, month);
        if (stored.isPresent()) {
            return stored.get();
        }
        Window w = window(month);
        return compute(partner, month, ledger.coalitionMovements(w.from(), w.until(), w.lateAfterId(), Long.MAX_VALUE),
                outstanding(month, w), false);
    }

    /** Every partner's statement for a month and the totals (operator). */
    public Overview overview(YearMonth month) {
        boolean closed = closedMonth(month).isPresent();
        List<Statement> statements = new ArrayList<>();
        if (closed) {
            for (Partner p : partners.list()) {
                stored(p, month).ifPresent(statements::add);
            }
        } else {
            Window w = window(month);
            List<LedgerService.Movement> movements = ledger.coalitionMovements(w.from(), w.until(), w.lateAfterId(), Long.MAX_VALUE);
            Map<Long, Long> outstanding = outstanding(month, w);
            for (Partner p : partners.list()) {
                statements.add(compute(p, month, movements, outstanding, false));
            }
        }
        statements.sort(Comparator.comparing(Statement::partnerName));
        return new Overview(month.toString(), closed, statements, totals(statements));
    }

    static Totals totals(List<Statement> statements) {
        long net = statements.stream().mapToLong(Statement::netKopecks).sum();
        return new Totals(statements.stream().mapToLong(Statement::issued).sum(), statements.stream().mapToLong(Statement::redeemed).sum(),
                statements.stream().mapToLong(Statement::expired).sum(), Money.format(net), Money.format(-net));
    }

    /**
     * Closes a month once: every partner's statement is stored as it stands, together with the last ledger entry read,
     * and never changes after. A replica that finds the month closed does nothing. Returns whether this call closed it.
     */
    public boolean close(YearMonth month) {
        if (closedMonth(month).isPresent() || !month.isBefore(currentMonth())) {
            return false;
        }
        LocalDate period = month.atDay(1);
        long upTo = ledger.lastEntryId();
        int inserted = em.createNativeQuery("insert into clearing_month (period, closed_at, last_entry_id) values (:p, :t, :id)"
                        + " on conflict (period) do nothing")
                .setParameter("p", period).setParameter("t", clock.instant()).setParameter("id", upTo).executeUpdate();
        if (inserted == 0) {
            return false;
        }
        Window w = window(month);
        List<LedgerService.Movement> movements = ledger.coalitionMovements(w.from(), w.until(), w.lateAfterId(), upTo);
        Map<Long, Long> outstanding = ledger.coalitionOutstanding(w.until(), upTo);
        for (Partner p : partners.list()) {
            Statement s = compute(p, month, movements, outstanding, true);
            em.createNativeQuery("insert into clearing_statement (partner_id, period, issued, redeemed, expired, outstanding, rate_per_point,"
                            + " net, lines) values (:p, :m, :i, :r, :e, :o, :rate, :net, cast(:lines as jsonb))")
                    .setParameter("p", p.id).setParameter("m", period).setParameter("i", s.issued()).setParameter("r", s.redeemed())
                    .setParameter("e", s.expired()).setParameter("o", s.outstanding()).setParameter("rate", s.rate()).setParameter("net", s.netKopecks())
                    .setParameter("lines", json(s.lines())).executeUpdate();
        }
        return true;
    }

    /** Closed months, newest first. */
    public List<YearMonth> closedMonths() {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("select period from clearing_month order by period desc").getResultList();
        return rows.stream().map(r -> YearMonth.from(ru.coalition.platform.SqlValues.toLocalDate(r))).toList();
    }

    /** The months a statement page offers: the current one and the eleven before it, newest first. */
    public List<YearMonth> recentMonths() {
        List<YearMonth> months = new ArrayList<>();
        YearMonth m = currentMonth();
        for (int i = 0; i < 12; i++) {
            months.add(m.minusMonths(i));
        }
        return months;
    }

    /** What a month reads: its posting window, and the entries after the previous month's close that came late. */
    private record Window(Instant from, Instant until, long lateAfterId) {
    }

    private Window window(YearMonth month) {
        ZoneId zone = zone();
        Instant from = month.atDay(1).atStartOfDay(zone).toInstant();
        Instant until = month.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        // entries posted for the previous month after it closed come in here; while it is open they are its own
        long late = closedMonth(month.minusMonths(1)).orElse(Long.MAX_VALUE);
        return new Window(from, until, late);
    }

    /**
     * Each partner's points outstanding at an open month's end: the last closed month before it as stored, and the change
     * since. Read whole, the ledger took seconds at a million members, for every open month on every dashboard.
     */
    private Map<Long, Long> outstanding(YearMonth month, Window w) {
        @SuppressWarnings("unchecked")
        List<Object[]> closed = em.createNativeQuery("select period, last_entry_id from clearing_month where period < :p"
                + " order by period desc limit 1").setParameter("p", month.atDay(1)).getResultList();
        if (closed.isEmpty()) {
            return ledger.coalitionOutstanding(w.until(), Long.MAX_VALUE);
        }
        YearMonth base = YearMonth.from(ru.coalition.platform.SqlValues.toLocalDate(closed.get(0)[0]));
        long upTo = ((Number) closed.get(0)[1]).longValue();
        Map<Long, Long> outstanding = new java.util.HashMap<>(ledger.coalitionOutstandingChange(
                base.plusMonths(1).atDay(1).atStartOfDay(zone()).toInstant(), upTo, w.until(), Long.MAX_VALUE));
        @SuppressWarnings("unchecked")
        List<Object[]> stored = em.createNativeQuery("select partner_id, outstanding from clearing_statement where period = :p")
                .setParameter("p", base.atDay(1)).getResultList();
        stored.forEach(r -> outstanding.merge(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), Long::sum));
        return outstanding;
    }

    private Optional<Long> closedMonth(YearMonth month) {
        List<?> rows = em.createNativeQuery("select last_entry_id from clearing_month where period = :p")
                .setParameter("p", month.atDay(1)).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(((Number) rows.get(0)).longValue());
    }

    private Optional<Statement> stored(Partner partner, YearMonth month) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select issued, redeemed, expired, rate_per_point, net, cast(lines as text), outstanding"
                        + " from clearing_statement where partner_id = :p and period = :m")
                .setParameter("p", partner.id).setParameter("m", month.atDay(1)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        long net = ((Number) r[4]).longValue();
        return Optional.of(new Statement(month.toString(), partner.slug, partner.name, ((Number) r[0]).longValue(),
                ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[6]).longValue(), rateText((BigDecimal) r[3]),
                Money.format(net), true,
                lines((String) r[5]), net));
    }

    /** The partner's statement from the month's movements. */
    static Statement compute(Partner partner, YearMonth month, List<LedgerService.Movement> movements, Map<Long, Long> outstanding,
                             boolean closed) {
        BigDecimal rate = partner.ratePerPoint == null ? BigDecimal.ZERO : partner.ratePerPoint;
        Map<LineKey, Long> byLine = new TreeMap<>(Comparator.comparing(LineKey::side).thenComparing(LineKey::category)
                .thenComparing(LineKey::correction));
        for (LedgerService.Movement m : movements) {
            if (m.partnerId() == partner.id) {
                Classified c = classify(m);
                byLine.merge(new LineKey(c.side(), c.category(), m.correction()), c.points(), Long::sum);
            }
        }
        List<Statement.Line> lines = byLine.entrySet().stream().map(e -> new Statement.Line(e.getKey().side(), e.getKey().category(),
                e.getKey().correction(), e.getValue(), Money.format(e.getKey().side() == Statement.Side.EXPIRED ? 0 : kopecks(rate, e.getValue()))))
                .toList();
        long issued = total(lines, Statement.Side.ISSUED);
        long redeemed = total(lines, Statement.Side.REDEEMED);
        long net = kopecks(rate, redeemed - issued);
        return new Statement(month.toString(), partner.slug, partner.name, issued, redeemed, total(lines, Statement.Side.EXPIRED),
                outstanding.getOrDefault(partner.id, 0L), rateText(rate), Money.format(net), closed, lines, net);
    }

    private record Classified(Statement.Side side, Statement.Category category, long points) {
    }

    /** A statement line's identity: its points are the sum of the movements of that side, category and correction. */
    private record LineKey(Statement.Side side, Statement.Category category, boolean correction) {
    }

    private static long total(List<Statement.Line> lines, Statement.Side side) {
        return lines.stream().filter(l -> l.side() == side).mapToLong(Statement.Line::points).sum();
    }

    /** Which side of the statement a movement is on, and its points in that side's direction. */
    static Classified classify(LedgerService.Movement m) {
        EntryKind k = m.kind();
        long p = m.points();
        return switch (k) {
            case ACCRUAL -> new Classified(Statement.Side.ISSUED, Statement.Category.PURCHASES, p);
            case BONUS -> new Classified(Statement.Side.ISSUED, Statement.Category.BONUSES, p);
            case SCRATCH -> new Classified(Statement.Side.ISSUED, Statement.Category.SCRATCH_CARDS, p);
            case REDEMPTION -> new Classified(Statement.Side.REDEEMED, Statement.Category.TILL, -p);
            case REWARD -> new Classified(Statement.Side.REDEEMED, REWARD_ORDER.equals(m.sourceType())
                    ? Statement.Category.CATALOG : Statement.Category.OFFERS, -p);
            case EXPIRY -> new Classified(Statement.Side.EXPIRED, Statement.Category.EXPIRED, -p);
            case REVERSAL -> REWARD_ORDER.equals(m.sourceType())
                    ? new Classified(Statement.Side.REDEEMED, Statement.Category.VOUCHERS_RETURNED, -p)
                    : new Classified(Statement.Side.ISSUED, REFUND.equals(m.sourceType()) ? Statement.Category.REFUNDS : Statement.Category.OTHER, p);
            // adjustments carry no partner and never reach here; should one carry a partner, it counts as issued by it
            case ADJUSTMENT -> new Classified(Statement.Side.ISSUED, Statement.Category.OTHER, p);
        };
    }

    /** Points at a rate, in kopecks, rounded half to even. */
    static long kopecks(BigDecimal rate, long points) {
        return rate.multiply(BigDecimal.valueOf(points)).movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
    }

    private static String rateText(BigDecimal rate) {
        return rate.setScale(Math.max(2, rate.stripTrailingZeros().scale()), RoundingMode.UNNECESSARY).toPlainString();
    }

    private ZoneId zone() {
        return ZoneId.of(config.operatorZone());
    }

    private static String json(List<Statement.Line> lines) {
        try {
            return JSON.writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Statement.Line> lines(String json) {
        try {
            return JSON.readValue(json, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored clearing lines do not read back", e);
        }
    }
}
