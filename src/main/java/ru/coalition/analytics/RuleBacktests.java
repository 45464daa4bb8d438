package ru.coalition.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.qute.TemplateData;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.partners.ProgramVersion;
import ru.coalition.platform.SqlValues;
import ru.coalition.programs.Money;
import ru.coalition.programs.ProgramEngine;
import ru.coalition.purchases.PurchaseReplay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The rule back-test (issue 13 §4; docs/analytics.md "Rule back-test"): a draft program version run over the partner's
 * receipts of a past period, beside what the versions in force did with them. A back-test is a row of rule_backtest and
 * runs in the background, a chunk of receipts at a time, its progress stored for the page to poll; the figures are stored
 * with it when it is done. Each receipt is run through {@link ProgramEngine} under the draft, as a till would have posted
 * it (the lines as they count after refunds, the gift-card part, the tier multiplier).
 */
@ApplicationScoped
public class RuleBacktests {

    private static final Logger LOG = Logger.getLogger(RuleBacktests.class);

    /** Receipts per chunk (one transaction and one progress step each). */
    static final int CHUNK = 500;
    /** A RUNNING back-test whose heartbeat is older than this lost its replica: it reads as failed. */
    static final Duration STALE = Duration.ofMinutes(10);

    @Schema(name = "RuleBacktestStatus")
    public enum Status { RUNNING, DONE, FAILED }

    /** A threshold of either program and the members whose points of the period reach its balance. */
    @TemplateData
    @Schema(name = "RuleBacktestThreshold")
    public record ThresholdRow(String id, long balance, @Schema(description = "The draft has this threshold") boolean inDraft,
                               @Schema(description = "The version in force at the period's end has it") boolean inForce,
                               @Schema(description = "Members whose points of the period as posted reach the balance") long membersInForce,
                               @Schema(description = "Members whose points of the period under the draft reach the balance") long membersDraft) {
    }

    /** A tier level of either program and the members it would hold by their spend in the period; code null: no tiers. */
    @TemplateData
    @Schema(name = "RuleBacktestTier")
    public record TierRow(@Schema(nullable = true) String code, @Schema(nullable = true) String name,
                          long membersInForce, long membersDraft) {
    }

    /** The figures of a finished back-test. Money is roubles as decimal strings; cost is null when the partner has no rate. */
    @TemplateData
    @Schema(name = "RuleBacktestResult")
    public record Result(long receipts, long members,
                         @Schema(description = "Roubles of the receipts less their refunds") String spend,
                         @Schema(description = "Roubles per point the partner pays; null when the operator set none", nullable = true) String ratePerPoint,
                         @Schema(description = "The version in force on the period's last day (its first day), for thresholds and tiers", nullable = true) LocalDate inForceVersion,
                         long pointsInForce, long pointsDraft,
                         @Schema(nullable = true) String costInForce, @Schema(nullable = true) String costDraft,
                         @Schema(description = "Draft against in force, percent; null when nothing was issued in force", nullable = true) Integer change,
                         List<ThresholdRow> thresholds, List<TierRow> tiers) {
    }

    /** A back-test as the page and the API see it. */
    @TemplateData
    @Schema(name = "RuleBacktest")
    public record View(UUID id, Status status, LocalDate from, LocalDate to, Instant startedAt, Instant finishedAt,
                       int stepsDone, int stepsTotal, @Schema(nullable = true) Result result, @Schema(nullable = true) String error) {
        public boolean running() {
            return status == Status.RUNNING;
        }

        public int percent() {
            return stepsTotal == 0 ? 0 : Math.min(100, stepsDone * 100 / stepsTotal);
        }
    }

    @Inject
    EntityManager em;

    @Inject
    PartnerScope scope;

    @Inject
    PartnerService partners;

    @Inject
    PurchaseReplay replay;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rule-backtest");
        t.setDaemon(true);
        return t;
    });

    /** Records the back-test of {@code programJson} (a program section as stored) over the period and starts it. */
    public UUID start(Partner partner, String requestedBy, PartnerAnalytics.Period period, String programJson) {
        UUID id = insert(partner, requestedBy, period, programJson);
        worker.submit(() -> execute(partner.id, id));
        return id;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    UUID insert(Partner partner, String requestedBy, PartnerAnalytics.Period period, String programJson) {
        scope.enter(partner);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        em.createNativeQuery("insert into rule_backtest (public_id, partner_id, requested_by, status, period_from, period_to, program,"
                        + " started_at, heartbeat_at) values (:id, :p, :by, 'RUNNING', :from, :to, :program, :now, :now)")
                .setParameter("id", id).setParameter("p", partner.id).setParameter("by", requestedBy)
                .setParameter("from", period.from()).setParameter("to", period.to()).setParameter("program", programJson)
                .setParameter("now", now).executeUpdate();
        return id;
    }

    /** The partner's back-test; empty for another partner's or an unknown id. */
    @Transactional
    public Optional<View> find(Partner partner, UUID id) {
        scope.enter(partner);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select public_id, status, period_from, period_to, started_at, finished_at, steps_done,"
                        + " steps_total, result::text, error, heartbeat_at from rule_backtest where partner_id = :p and public_id = :id")
                .setParameter("p", partner.id).setParameter("id", id).getResultList();
        return rows.stream().findFirst().map(r -> {
            Status status = Status.valueOf((String) r[1]);
            // the stored error is for the log and the operator; callers learn only that it failed
            String error = status == Status.FAILED ? "failed" : null;
            if (status == Status.RUNNING && SqlValues.toInstant(r[10]).isBefore(clock.instant().minus(STALE))) {
                status = Status.FAILED;
                error = "interrupted";
            }
            Result result = null;
            if (r[8] != null) {
                try {
                    result = json.readValue((String) r[8], Result.class);
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException(e);
                }
            }
            return new View((UUID) r[0], status, SqlValues.toLocalDate(r[2]), SqlValues.toLocalDate(r[3]), SqlValues.toInstant(r[4]),
                    SqlValues.toInstantOrNull(r[5]), ((Number) r[6]).intValue(), ((Number) r[7]).intValue(), result, error);
        });
    }

    /** What one member did in the period, summed over the receipts. */
    private static final class MemberSums {
        long spend;
        long pointsInForce;
        long pointsDraft;
    }

    @ActivateRequestContext
    void execute(long partnerId, UUID id) {
        try {
            Partner partner = partners.findById(partnerId).orElseThrow();
            Job job = job(partner, id);
            ZoneId zone = ZoneId.of(partner.timeZone);
            Instant from = job.from().atStartOfDay(zone).toInstant();
            Instant to = job.to().plusDays(1).atStartOfDay(zone).toInstant();
            long total = replay.count(partner, from, to);
            int steps = (int) Math.max(1, (total + CHUNK - 1) / CHUNK);
            progress(partner, id, 0, steps);
            Map<Long, MemberSums> members = new HashMap<>();
            Map<Long, ProgramDefinition> versions = new HashMap<>();
            long receipts = 0;
            long after = 0;
            int step = 0;
            while (true) {
                List<PurchaseReplay.Receipt> chunk = replay.chunk(partner, from, to, after, CHUNK);
                if (chunk.isEmpty()) {
                    break;
                }
                for (PurchaseReplay.Receipt r : chunk) {
                    ProgramDefinition posted = versions.computeIfAbsent(r.programVersionId(), v -> definition(partner, v));
                    long draft = draftPoints(job.draft(), posted, r);
                    MemberSums m = members.computeIfAbsent(r.memberId(), k -> new MemberSums());
                    m.spend += r.spend();
                    m.pointsInForce += r.points();
                    m.pointsDraft += draft;
                    receipts++;
                    after = r.id();
                }
                progress(partner, id, Math.min(++step, steps), steps);
            }
            Optional<ProgramVersion> atEnd = inForceAt(partner, job.to());
            ProgramDefinition inForce = atEnd.map(v -> definition(partner, v.id)).orElse(null);
            Result result = result(partner, job.draft(), inForce, atEnd.map(v -> v.effectiveFrom).orElse(null), receipts, members);
            finish(partner, id, json.writeValueAsString(result));
        } catch (Exception e) {
            LOG.errorf(e, "rule back-test %s failed", id);
            fail(partnerId, id, e);
        }
    }

    /** The draft's points for a receipt, as a till posting it under the draft would have computed them. */
    static long draftPoints(ProgramDefinition draft, ProgramDefinition posted, PurchaseReplay.Receipt r) {
        if (r.lines().stream().mapToLong(ProgramEngine.Line::amount).sum() == 0) {
            return 0; // refunded in full: nothing is left to earn on
        }
        return ProgramEngine.evaluate(draft, r.lines(), r.giftCardPaid(), r.giftCardUsed(), multiplier(draft, posted, r.multiplier())).points();
    }

    /**
     * The draft's multiplier for a receipt: the receipt's tier (the level of the posting version with the multiplier kept
     * on the purchase) at the draft's multiplier of that level; the kept one when the draft has that level but no such
     * code matches; 1 when the draft has no tiers.
     */
    static BigDecimal multiplier(ProgramDefinition draft, ProgramDefinition posted, BigDecimal kept) {
        if (draft.tiers() == null || draft.tiers().levels() == null || draft.tiers().levels().isEmpty()) {
            return BigDecimal.ONE;
        }
        if (posted == null || posted.tiers() == null || posted.tiers().levels() == null) {
            return kept;
        }
        return posted.tiers().levels().stream().filter(t -> t.multiplier() != null && t.multiplier().compareTo(kept) == 0).findFirst()
                .flatMap(level -> draft.tiers().levels().stream().filter(t -> t.code().equals(level.code())).findFirst())
                .map(t -> t.multiplier() == null ? BigDecimal.ONE : t.multiplier())
                .orElse(kept);
    }

    private Result result(Partner partner, ProgramDefinition draft, ProgramDefinition inForce, LocalDate inForceVersion, long receipts,
                          Map<Long, MemberSums> members) {
        long pointsInForce = members.values().stream().mapToLong(m -> m.pointsInForce).sum();
        long pointsDraft = members.values().stream().mapToLong(m -> m.pointsDraft).sum();
        long spend = members.values().stream().mapToLong(m -> m.spend).sum();
        BigDecimal rate = partner.ratePerPoint;
        Integer change = pointsInForce == 0 ? null
                : BigDecimal.valueOf(pointsDraft - pointsInForce).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(Math.abs(pointsInForce)), 0, RoundingMode.HALF_UP).intValueExact();
        // thresholds: the draft's, then those of the version in force that the draft has not (same id and balance)
        Map<String, ThresholdRow> thresholds = new LinkedHashMap<>();
        for (ProgramDefinition.Threshold t : thresholdsOf(draft)) {
            thresholds.put(t.id() + "@" + t.balance(), threshold(t, true, false, members));
        }
        for (ProgramDefinition.Threshold t : thresholdsOf(inForce)) {
            ThresholdRow had = thresholds.get(t.id() + "@" + t.balance());
            thresholds.put(t.id() + "@" + t.balance(), had != null
                    ? new ThresholdRow(had.id(), had.balance(), true, true, had.membersInForce(), had.membersDraft())
                    : threshold(t, false, true, members));
        }
        // tiers: members by their spend in the period, under each program's levels
        Map<String, long[]> tiers = new LinkedHashMap<>();
        Map<String, String> names = new HashMap<>();
        levels(draft).forEach(t -> { tiers.put(t.code(), new long[2]); names.put(t.code(), t.name()); });
        levels(inForce).forEach(t -> { tiers.putIfAbsent(t.code(), new long[2]); names.putIfAbsent(t.code(), t.name()); });
        for (MemberSums m : members.values()) {
            tiers.computeIfAbsent(levelOf(inForce, m.spend), k -> new long[2])[0]++;
            tiers.computeIfAbsent(levelOf(draft, m.spend), k -> new long[2])[1]++;
        }
        List<TierRow> tierRows = new ArrayList<>();
        tiers.forEach((code, n) -> tierRows.add(new TierRow(code.isEmpty() ? null : code, names.get(code), n[0], n[1])));
        return new Result(receipts, members.size(), Money.format(spend), rate == null ? null : rate.stripTrailingZeros().toPlainString(),
                inForceVersion, pointsInForce, pointsDraft, cost(pointsInForce, rate), cost(pointsDraft, rate), change,
                List.copyOf(thresholds.values()), tierRows);
    }

    private static ThresholdRow threshold(ProgramDefinition.Threshold t, boolean inDraft, boolean inForce, Map<Long, MemberSums> members) {
        return new ThresholdRow(t.id(), t.balance(), inDraft, inForce,
                members.values().stream().filter(m -> m.pointsInForce >= t.balance()).count(),
                members.values().stream().filter(m -> m.pointsDraft >= t.balance()).count());
    }

    private static List<ProgramDefinition.Threshold> thresholdsOf(ProgramDefinition p) {
        return p == null || p.thresholds() == null ? List.of() : p.thresholds();
    }

    private static List<ProgramDefinition.Tier> levels(ProgramDefinition p) {
        return p == null || p.tiers() == null || p.tiers().levels() == null ? List.of() : p.tiers().levels();
    }

    /** The level a spend reaches (the highest whose minimum it meets, else the first, as tiers.TierService); "" without tiers. */
    static String levelOf(ProgramDefinition p, long spend) {
        List<ProgramDefinition.Tier> levels = levels(p);
        if (levels.isEmpty()) {
            return "";
        }
        return levels.stream().filter(t -> Money.of(t.minSpend()) <= spend).max(Comparator.comparing(ProgramDefinition.Tier::minSpend))
                .orElse(levels.get(0)).code();
    }

    /** Points at the rate, roubles rounded half up to the kopeck; null without a rate. */
    static String cost(long points, BigDecimal rate) {
        return rate == null ? null : BigDecimal.valueOf(points).multiply(rate).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private record Job(LocalDate from, LocalDate to, ProgramDefinition draft) {
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Job job(Partner partner, UUID id) throws JsonProcessingException {
        scope.enter(partner);
        Object[] r = (Object[]) em.createNativeQuery("select period_from, period_to, program from rule_backtest where partner_id = :p"
                + " and public_id = :id").setParameter("p", partner.id).setParameter("id", id).getSingleResult();
        return new Job(SqlValues.toLocalDate(r[0]), SqlValues.toLocalDate(r[1]), PartnerService.readDefinition((String) r[2]));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    ProgramDefinition definition(Partner partner, long versionId) {
        scope.enter(partner);
        return partners.definitionOf(partners.versionById(versionId));
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Optional<ProgramVersion> inForceAt(Partner partner, LocalDate day) {
        scope.enter(partner);
        return partners.programInForce(partner, day);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void progress(Partner partner, UUID id, int done, int total) {
        scope.enter(partner);
        em.createNativeQuery("update rule_backtest set steps_done = :d, steps_total = :t, heartbeat_at = :now where partner_id = :p"
                        + " and public_id = :id and status = 'RUNNING'")
                .setParameter("d", done).setParameter("t", total).setParameter("now", clock.instant())
                .setParameter("p", partner.id).setParameter("id", id).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void finish(Partner partner, UUID id, String result) {
        scope.enter(partner);
        em.createNativeQuery("update rule_backtest set status = 'DONE', steps_done = steps_total, finished_at = :now, heartbeat_at = :now,"
                        + " result = cast(:r as jsonb) where partner_id = :p and public_id = :id")
                .setParameter("now", clock.instant()).setParameter("r", result).setParameter("p", partner.id).setParameter("id", id)
                .executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void fail(long partnerId, UUID id, Exception e) {
        String message = String.valueOf(e.getMessage());
        em.createNativeQuery("update rule_backtest set status = 'FAILED', finished_at = :now, error = :err where partner_id = :p"
                        + " and public_id = :id")
                .setParameter("now", clock.instant()).setParameter("err", message.substring(0, Math.min(500, message.length())))
                .setParameter("p", partnerId).setParameter("id", id).executeUpdate();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
