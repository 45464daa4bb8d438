package ru.coalition.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import ru.coalition.mailings.Segments;
import ru.coalition.members.MemberAnswerCache;
import ru.coalition.members.MemberAnswers;
import ru.coalition.members.MemberFilters;
import ru.coalition.members.MemberFilters.Dimension;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.platform.SqlParams;
import ru.coalition.purchases.PurchaseFigures;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The socio-demographic portrait of a partner's customers (issue 13 §3): how many of them, and what they spent, by an
 * answer of the questionnaire (or two, as a cross-tab), for whole months and optionally within one of the partner's
 * segments. What is shown never isolates fewer than {@link #K} members, not even by subtracting two answers
 * (docs/analytics.md "Portrait" gives the method and why each step is there):
 * <ol>
 *   <li>periods are whole calendar months, so two periods that differ by a few days give the same answer;</li>
 *   <li>a cell of fewer than K members is not shown (a 1-D portrait merges such cells into one "other" cell, itself
 *       shown only with K or more); in a segment's portrait also a cell whose members outside the segment are 1 to K-1,
 *       since the portrait of all customers minus the segment's would show them; in a cross-tab a row or column with
 *       one hidden cell hides one more, so a total minus the rest does not give it;</li>
 *   <li>every count shown is rounded to a multiple of K, up or down at random with the odds of an unbiased rounding,
 *       keyed by the cell's members: the difference of any two counts is 0 or at least K, the same members always
 *       give the same count (asking again does not average the rounding away), one member more or less is lost in it;</li>
 *   <li>a cell's revenue is moved by a keyed amount of a quarter to three quarters of its largest member's spend, up
 *       or down, so no member's spend shows as the difference of two revenues.</li>
 * </ol>
 */
@ApplicationScoped
@Transactional
public class Portraits {

    /** The fewest members a shown cell, or a difference of two, stands for. */
    public static final int K = 5;

    /** The value of the cell that holds the small ones together. */
    public static final String OTHER = "*";

    /** What is asked: whole months, the answers, and the segment (null: all customers). */
    public record Request(LocalDate from, LocalDate to, Dimension dimension, Dimension by, Long segmentId) {
    }

    /** A cell as counted, before anything is hidden or rounded: members in and (for a segment) outside it. */
    record Raw(String value, String by, String spelling, long members, long outside, long revenue, long top, long key) {
    }

    /** A cell as shown: members a multiple of K, revenue in kopecks moved by the keyed amount. */
    public record Cell(String value, String by, String spelling, long members, long revenue) {
    }

    /** The answer: the months it covers, the cells shown, and how many were hidden (merged into "other" or left out). */
    public record Portrait(LocalDate from, LocalDate to, Dimension dimension, Dimension by, Long segmentId, List<Cell> cells,
                           int suppressed) {
    }

    @Inject
    ru.coalition.platform.ReadReplica reads;

    @Inject
    PartnerScope scope;

    @Inject
    PurchaseFigures purchases;

    @Inject
    MemberFilters members;

    @Inject
    Segments segments;

    @Inject
    AnalyticsConfig config;

    @Inject
    MemberAnswerCache answers;

    /** The app does not start without a usable key. */
    void checkKey(@jakarta.enterprise.event.Observes io.quarkus.runtime.StartupEvent start) {
        config.cellKeySeed();
    }

    /** The first day of the first month and the last of the last: the only periods a portrait is made for. */
    public static LocalDate[] months(LocalDate from, LocalDate to) {
        return new LocalDate[]{from.withDayOfMonth(1), to.withDayOfMonth(to.lengthOfMonth())};
    }

    public Portrait portrait(Partner partner, Request q) {
        LocalDate[] months = months(q.from(), q.to());
        List<Raw> raw = count(partner, new Request(months[0], months[1], q.dimension(), q.by(), q.segmentId()));
        List<Raw> shown = q.by() == null ? merged(raw, q.segmentId() != null) : crossTab(raw, q.segmentId() != null);
        int suppressed = (int) raw.stream().filter(r -> r.members() > 0 && shown.stream().noneMatch(s -> same(s, r))).count();
        List<Cell> cells = shown.stream().map(Portraits::released)
                .sorted(Comparator.comparing((Cell c) -> OTHER.equals(c.value())).thenComparing(Cell::members, Comparator.reverseOrder())
                        .thenComparing(Cell::value).thenComparing(c -> Objects.toString(c.by(), "")))
                .toList();
        return new Portrait(months[0], months[1], q.dimension(), q.by(), q.segmentId(), cells, suppressed);
    }

    /**
     * The true counts per cell (package-private: the tests compare them with figures by hand): from the copies in memory
     * (the partner's member-days and the members' answers), or in SQL for a segment's portrait, whose members only SQL
     * selects.
     */
    List<Raw> count(Partner partner, Request q) {
        if (q.segmentId() == null && config.figuresInMemory()) {
            MemberAnswers m = answers.ifReady();
            PurchaseFigures.Customers customers = purchases.customersIfReady(partner, q.from(), q.to());
            if (m != null && customers != null) {
                return countOf(customers, m, q);
            }
        }
        // in SQL also while the copies are first read
        return countInSql(partner, q);
    }

    /**
     * {@link #countInSql} over the copies in memory: the period's customers and their spend, each one's answers, the cell's
     * key summed as PostgreSQL sums it, and a city's spelling the first in the database's order, as min() takes it.
     */
    List<Raw> countInMemory(Partner partner, Request q) {
        return countOf(purchases.customersInMemory(partner, q.from(), q.to()), answers.fresh(), q);
    }

    private List<Raw> countOf(PurchaseFigures.Customers customers, MemberAnswers m, Request q) {
        MemberAnswers.Ages ages = new MemberAnswers.Ages(q.to());
        long seed = config.cellKeySeed();
        // a cell: members, revenue, top, key sum, the first spelling; by (value, by) codes
        Map<Long, long[]> cells = new java.util.HashMap<>();
        for (int i = 0; i < customers.size(); i++) {
            int id = customers.member()[i];
            if (!m.active(id)) {
                continue;
            }
            int v = m.answer(q.dimension(), id, ages);
            int w = q.by() == null ? 0 : m.answer(q.by(), id, ages);
            long[] c = cells.computeIfAbsent(((long) v << 32) | w, x -> new long[]{0, 0, 0, 0, -1});
            long spend = customers.spend()[i];
            c[0]++;
            c[1] += spend;
            c[2] = c[0] == 1 ? spend : Math.max(c[2], spend);
            c[3] += MemberFilters.cellKey(seed, id);
            if (q.dimension() == Dimension.city && (c[4] < 0 || m.earlier(m.spelling(id), (int) c[4]))) {
                c[4] = m.spelling(id);
            }
        }
        List<Raw> raw = new ArrayList<>();
        cells.forEach((vw, c) -> {
            String value = m.text(q.dimension(), (int) (vw >>> 32));
            String spelling = q.dimension() == Dimension.city ? m.text(Dimension.city, (int) c[4]) : value;
            raw.add(new Raw(value, q.by() == null ? null : m.text(q.by(), (int) (long) vw), spelling, c[0], 0, c[1], c[2],
                    c[3] & 0xFFFFFFFFL));
        });
        return raw;
    }

    /** {@link #count} in one statement: the period's customers joined with the members. */
    List<Raw> countInSql(Partner partner, Request q) {
        if (q.segmentId() != null) {
            segments.find(partner.id, q.segmentId());
        }
        SqlParams params = new SqlParams("pt");
        String answer = members.answer(q.dimension(), params, q.to());
        String by = q.by() == null ? "''" : members.answer(q.by(), params, q.to());
        String spelling = members.spelling(q.dimension(), params, q.to());
        String key = MemberFilters.cellKey(params, config.cellKeySeed(), "m.id");
        StringBuilder sql = new StringBuilder("with c as (").append(purchases.customers(partner, q.from(), q.to(), params)).append(')');
        Map<String, Object> values = new LinkedHashMap<>();
        String inSegment = "true";
        if (q.segmentId() != null) {
            Segments.Selection selection = segments.selection(q.segmentId());
            sql.append(", s as (").append(selection.sql()).append(')');
            values.putAll(selection.params());
            inSegment = "exists (select 1 from s where s.member_id = m.id)";
        }
        sql.append(" select ").append(answer).append(" as v, ").append(by).append(" as w, min(").append(spelling).append(") as spelling,")
                .append(" count(*) filter (where ").append(inSegment).append("), count(*) filter (where not ").append(inSegment).append("),")
                .append(" coalesce(sum(c.spend) filter (where ").append(inSegment).append("), 0),")
                .append(" coalesce(max(c.spend) filter (where ").append(inSegment).append("), 0),")
                .append(" coalesce(sum(").append(key).append(") filter (where ").append(inSegment).append("), 0)")
                .append(" from c join member m on m.id = c.member_id where ").append(members.inForce())
                .append(" group by 1, 2");
        // on the read replica, in the partner's scope
        @SuppressWarnings("unchecked")
        List<Object[]> rows = reads.analytics(em -> {
            scope.enter(em, partner);
            jakarta.persistence.Query query = em.createNativeQuery(sql.toString());
            params.values().forEach(query::setParameter);
            values.forEach(query::setParameter);
            return query.getResultList();
        });
        List<Raw> raw = new ArrayList<>();
        for (Object[] r : rows) {
            if (r[0] == null) {
                continue;
            }
            long keySum = new BigInteger(r[7].toString()).mod(BigInteger.ONE.shiftLeft(32)).longValue();
            raw.add(new Raw((String) r[0], q.by() == null ? null : (String) r[1], (String) r[2], ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue(), ((Number) r[5]).longValue(), ((Number) r[6]).longValue(), keySum));
        }
        return raw.stream().filter(r -> r.members() > 0 || r.outside() > 0).toList();
    }

    /** Whether a cell may be shown as it is: K members or more, and no 1 to K-1 of its customers left outside the segment. */
    static boolean safe(Raw r, boolean segment) {
        return r.members() >= K && (!segment || r.outside() == 0 || r.outside() >= K);
    }

    /** A 1-D portrait: the unsafe cells together as "other", and while "other" is unsafe, the smallest safe cell joins it. */
    static List<Raw> merged(List<Raw> raw, boolean segment) {
        List<Raw> shown = new ArrayList<>(raw.stream().filter(r -> r.members() > 0 && safe(r, segment)).toList());
        // a cell none of the segment's customers fall in stands for nobody here: it joins nothing
        List<Raw> other = new ArrayList<>(raw.stream().filter(r -> r.members() > 0 && !shown.contains(r)).toList());
        if (other.isEmpty()) {
            return shown;
        }
        shown.sort(Comparator.comparingLong(Raw::members));
        Raw together = join(other);
        while (!safe(together, segment) && !shown.isEmpty()) {
            other.add(shown.remove(0));
            together = join(other);
        }
        if (safe(together, segment)) {
            shown.add(together);
        }
        return shown;
    }

    private static Raw join(List<Raw> cells) {
        long members = 0, outside = 0, revenue = 0, top = 0, key = 0;
        for (Raw r : cells) {
            members += r.members();
            outside += r.outside();
            revenue += r.revenue();
            top = Math.max(top, r.top());
            key = (key + r.key()) & 0xFFFFFFFFL;
        }
        return new Raw(OTHER, null, null, members, outside, revenue, top, key);
    }

    /**
     * A cross-tab: the unsafe cells hidden, then, as often as needed, in each row and column that hides exactly one cell
     * the smallest shown one hidden too (with the row's total from the 1-D portrait, a single hidden cell would be the
     * difference).
     */
    static List<Raw> crossTab(List<Raw> counted, boolean segment) {
        // a cell with none of the segment's members hides nothing, so it does not make its row hide another
        List<Raw> raw = counted.stream().filter(r -> r.members() > 0).toList();
        Set<Raw> hidden = new HashSet<>(raw.stream().filter(r -> !safe(r, segment)).toList());
        boolean changed;
        do {
            changed = false;
            for (Function<Raw, String> line : List.<Function<Raw, String>>of(Raw::value, Raw::by)) {
                for (List<Raw> cells : raw.stream().collect(Collectors.groupingBy(line)).values()) {
                    if (cells.stream().filter(hidden::contains).count() == 1) {
                        Optional<Raw> next = cells.stream().filter(r -> !hidden.contains(r)).min(Comparator.comparingLong(Raw::members));
                        if (next.isPresent()) {
                            hidden.add(next.get());
                            changed = true;
                        }
                    }
                }
            }
        } while (changed);
        return raw.stream().filter(r -> !hidden.contains(r)).toList();
    }

    private static boolean same(Raw shown, Raw raw) {
        return shown.value().equals(raw.value()) && Objects.equals(shown.by(), raw.by());
    }

    /**
     * A count of members as any k-anonymous figure shows it: null below {@link #K}, else rounded to a multiple of K as a
     * portrait's cell is, keyed by the sum of the members' keys ({@code key}, modulo 2^32).
     */
    public static Long shown(long members, long key) {
        return members < K ? null : rounded(members, keyed(members, key));
    }

    private static SplittableRandom keyed(long members, long key) {
        return new SplittableRandom(key * 0x9E3779B97F4A7C15L + members);
    }

    /** Down to a multiple of K, or up with the odds of the remainder (13: up with 3 in 5), the draw being the cell's own. */
    private static long rounded(long members, SplittableRandom keyed) {
        long remainder = members % K;
        return members - remainder + (keyed.nextInt(K) < remainder ? K : 0);
    }

    /** The cell as shown: its count rounded to a multiple of K and its revenue moved, both keyed by its members. */
    static Cell released(Raw r) {
        SplittableRandom keyed = keyed(r.members(), r.key());
        long members = rounded(r.members(), keyed);
        // the revenue's own draw also takes the true revenue, so a cell whose members spent more moves anew
        SplittableRandom moved = new SplittableRandom(keyed.nextLong() ^ (r.revenue() * 0xBF58476D1CE4E5B9L));
        double share = 0.25 + 0.5 * moved.nextDouble();
        long shift = Math.round(r.top() * share) * (moved.nextBoolean() ? 1 : -1);
        long revenue = Math.max(0, r.revenue() + shift);
        return new Cell(r.value(), r.by(), r.spelling(), members, Math.round(revenue / 100.0) * 100);
    }
}
