package ru.coalition.scratchcards;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.query.NativeQuery;
import ru.coalition.audit.AuditLog;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;
import ru.coalition.platform.Texts;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A partner's batches of scratch cards: ordering, the life of a batch (ORDERED → GENERATING → READY → ACTIVE →
 * EXPIRED, or CANCELLED) and the plain codes for print while it is READY. Cards are made by {@link ScratchGenerator}.
 */
@ApplicationScoped
@Transactional
public class ScratchBatches {

    public static final int MAX_COUNT = 1_000_000;
    public static final long MAX_POINTS_PER_CARD = 100_000;
    public static final int MAX_YEARS_VALID = 5;
    public static final int NOTE_LIMIT = 300;

    @Schema(name = "ScratchBatchOrder")
    public record Order(@Schema(examples = "1000") Integer count, @Schema(examples = "50") Long pointsPerCard,
                        @Schema(examples = "2027-06-30") LocalDate validUntil, String note) {
    }

    /** A batch on the operator's list of all batches. */
    public record Listed(String partnerSlug, String partnerName, ScratchBatch batch) {
    }

    /** One sealed chunk of plain codes, opened: the serial of its first card and the codes in order. */
    public record Codes(int firstSerial, List<String> codes) {
    }

    static final String COLUMNS = "b.public_id, b.id, b.partner_id, b.batch_no, b.status, b.card_count, b.points_per_card,"
            + " b.valid_until, b.note, b.ordered_by, b.generated,"
            + " (select count(*) from scratch_card c where c.batch_id = b.id and c.redeemed_by is not null),"
            + " b.created_at, b.ready_at, b.activated_at, b.closed_at";

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PartnerService partners;

    @Inject
    PartnerScope scope;

    @Inject
    AuditLog audit;

    @Inject
    CodeKeys keys;

    /** Orders a batch; a replica's generator picks it up within seconds. */
    public ScratchBatch order(Partner partner, Order order, String orderedBy, Texts texts) {
        ProgramDefinition.ScratchCards settings = partners.currentProgram(partner).map(ProgramDefinition::scratchCards).orElse(null);
        if (settings == null || !settings.enabled()) {
            throw new ProblemException(ErrorCode.SCRATCH_DISABLED);
        }
        List<Problem.FieldError> errors = check(order, partners.today(partner), texts);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, errors);
        }
        scope.enter(partner);
        // numbers are per partner and dense: orders of one partner take their number one at a time
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('scratch_batch_no'), cast(:p as int))")
                .setParameter("p", partner.id).getResultList();
        UUID publicId = UUID.randomUUID();
        String note = order.note() == null || order.note().isBlank() ? null : order.note().strip();
        em.createNativeQuery("insert into scratch_batch (partner_id, public_id, batch_no, status, card_count, points_per_card,"
                        + " valid_until, note, ordered_by, created_at) values (:p, :u,"
                        + " (select coalesce(max(batch_no), 0) + 1 from scratch_batch where partner_id = :p), 'ORDERED', :c, :pts, :v, :n, :by, :t)")
                .unwrap(NativeQuery.class)
                .setParameter("p", partner.id).setParameter("u", publicId).setParameter("c", order.count())
                .setParameter("pts", order.pointsPerCard()).setParameter("v", order.validUntil())
                .setParameter("n", note, String.class).setParameter("by", orderedBy).setParameter("t", clock.instant())
                .executeUpdate();
        ScratchBatch batch = find(partner, publicId);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("batch", batch.batchNo());
        details.put("count", batch.count());
        details.put("pointsPerCard", batch.pointsPerCard());
        details.put("validUntil", batch.validUntil().toString());
        audit.record("scratch.order", partner.id, "scratch-batch", publicId.toString(), details);
        return batch;
    }

    /** What is wrong with an order, field by field, in the caller's language. */
    public static List<Problem.FieldError> check(Order order, LocalDate today, Texts texts) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (order.count() == null || order.count() < 1 || order.count() > MAX_COUNT) {
            errors.add(new Problem.FieldError("count", texts.problem("coalition.scratch.count")));
        }
        if (order.pointsPerCard() == null || order.pointsPerCard() < 1 || order.pointsPerCard() > MAX_POINTS_PER_CARD) {
            errors.add(new Problem.FieldError("pointsPerCard", texts.problem("coalition.scratch.points")));
        }
        if (order.validUntil() == null || order.validUntil().isBefore(today)
                || order.validUntil().isAfter(today.plusYears(MAX_YEARS_VALID))) {
            errors.add(new Problem.FieldError("validUntil", texts.problem("coalition.scratch.valid-until")));
        }
        if (order.note() != null && order.note().strip().length() > NOTE_LIMIT) {
            errors.add(new Problem.FieldError("note", texts.problem("coalition.scratch.note")));
        }
        return errors;
    }

    /** The partner's batches, newest first. */
    public List<ScratchBatch> ofPartner(Partner partner) {
        scope.enter(partner);
        return read(em.createNativeQuery("select " + COLUMNS + " from scratch_batch b where b.partner_id = :p order by b.id desc")
                .setParameter("p", partner.id).getResultList());
    }

    /** A batch of the partner; another partner's batch is not found (404), so its existence is not revealed. */
    public ScratchBatch find(Partner partner, UUID batchId) {
        scope.enter(partner);
        List<ScratchBatch> found = read(em.createNativeQuery("select " + COLUMNS + " from scratch_batch b"
                        + " where b.partner_id = :p and b.public_id = :u")
                .setParameter("p", partner.id).setParameter("u", batchId).getResultList());
        if (found.isEmpty()) {
            throw new ProblemException(ErrorCode.SCRATCH_BATCH_NOT_FOUND);
        }
        return found.get(0);
    }

    /** Every partner's batches, newest first (operator console). */
    public List<Listed> all(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select p.slug, p.name, " + COLUMNS + " from scratch_batch b"
                        + " join partner p on p.id = b.partner_id order by b.id desc limit :l")
                .setParameter("l", limit).getResultList();
        return rows.stream().map(r -> new Listed((String) r[0], (String) r[1], batch(java.util.Arrays.copyOfRange(r, 2, r.length))))
                .toList();
    }

    /**
     * The printed cards are in the shops: from now on their codes can be entered. The plain codes are destroyed in the
     * same transaction, so nobody can download them any more.
     */
    public ScratchBatch activate(Partner partner, UUID batchId) {
        ScratchBatch batch = lock(partner, batchId);
        if (!batch.activatable()) {
            throw new ProblemException(ErrorCode.SCRATCH_BATCH_STATE, batch.status().name());
        }
        destroyCodes(batch);
        em.createNativeQuery("update scratch_batch set status = 'ACTIVE', activated_at = :t where id = :id")
                .setParameter("t", clock.instant()).setParameter("id", batch.id()).executeUpdate();
        audit.record("scratch.activate", partner.id, "scratch-batch", batchId.toString(), Map.of("batch", batch.batchNo()));
        return find(partner, batchId);
    }

    /** Unredeemed cards of the batch die; points already credited stay where they are. */
    public ScratchBatch cancel(Partner partner, UUID batchId) {
        ScratchBatch batch = lock(partner, batchId);
        if (!batch.cancellable()) {
            throw new ProblemException(ErrorCode.SCRATCH_BATCH_STATE, batch.status().name());
        }
        destroyCodes(batch);
        em.createNativeQuery("update scratch_batch set status = 'CANCELLED', closed_at = :t, worker = null where id = :id")
                .setParameter("t", clock.instant()).setParameter("id", batch.id()).executeUpdate();
        audit.record("scratch.cancel", partner.id, "scratch-batch", batchId.toString(),
                Map.of("batch", batch.batchNo(), "redeemed", batch.redeemed()));
        return find(partner, batchId);
    }

    /**
     * Before a download of the plain codes: the batch must be READY, and the download is written to the audit log
     * (who took the codes out, in which format).
     */
    public ScratchBatch startExport(Partner partner, UUID batchId, String format) {
        ScratchBatch batch = find(partner, batchId);
        if (!batch.downloadable()) {
            throw new ProblemException(ErrorCode.SCRATCH_BATCH_STATE, batch.status().name());
        }
        audit.record("scratch.export", partner.id, "scratch-batch", batchId.toString(),
                Map.of("batch", batch.batchNo(), "format", format));
        return batch;
    }

    /** The first serials of the batch's sealed chunks, in order. */
    public List<Integer> chunks(Partner partner, ScratchBatch batch) {
        scope.enter(partner);
        @SuppressWarnings("unchecked")
        List<Number> firsts = em.createNativeQuery("select first_serial from scratch_code_chunk where partner_id = :p"
                        + " and batch_id = :b order by first_serial")
                .setParameter("p", partner.id).setParameter("b", batch.id()).getResultList();
        return firsts.stream().map(Number::intValue).toList();
    }

    /** One chunk's plain codes; empty when they were destroyed meanwhile (the batch was activated or cancelled). */
    public java.util.Optional<Codes> openChunk(Partner partner, ScratchBatch batch, int firstSerial) {
        scope.enter(partner);
        List<?> sealed = em.createNativeQuery("select sealed from scratch_code_chunk where partner_id = :p and batch_id = :b"
                        + " and first_serial = :f")
                .setParameter("p", partner.id).setParameter("b", batch.id()).setParameter("f", firstSerial).getResultList();
        if (sealed.isEmpty()) {
            return java.util.Optional.empty();
        }
        byte[] plain = keys.open((byte[]) sealed.get(0), place(batch.id(), firstSerial));
        return java.util.Optional.of(new Codes(firstSerial, split(plain)));
    }

    static String place(long batchId, int firstSerial) {
        return "scratch-batch:" + batchId + ":" + firstSerial;
    }

    static byte[] join(List<String> codes) {
        return String.join("", codes).getBytes(StandardCharsets.US_ASCII);
    }

    static List<String> split(byte[] plain) {
        String all = new String(plain, StandardCharsets.US_ASCII);
        List<String> codes = new ArrayList<>(all.length() / ScratchCode.LENGTH);
        for (int i = 0; i + ScratchCode.LENGTH <= all.length(); i += ScratchCode.LENGTH) {
            codes.add(all.substring(i, i + ScratchCode.LENGTH));
        }
        return codes;
    }

    /** The batch, read after locking its row, so a concurrent activation or cancellation waits for this one. */
    private ScratchBatch lock(Partner partner, UUID batchId) {
        scope.enter(partner);
        em.createNativeQuery("select id from scratch_batch where partner_id = :p and public_id = :u for update")
                .setParameter("p", partner.id).setParameter("u", batchId).getResultList();
        return find(partner, batchId);
    }

    private void destroyCodes(ScratchBatch batch) {
        em.createNativeQuery("delete from scratch_code_chunk where partner_id = :p and batch_id = :b")
                .setParameter("p", batch.partnerId()).setParameter("b", batch.id()).executeUpdate();
    }

    @SuppressWarnings("unchecked")
    static List<ScratchBatch> read(List<?> rows) {
        return ((List<Object[]>) rows).stream().map(ScratchBatches::batch).toList();
    }

    static ScratchBatch batch(Object[] r) {
        return new ScratchBatch((UUID) r[0], ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).intValue(),
                ScratchBatch.Status.valueOf((String) r[4]), ((Number) r[5]).intValue(), ((Number) r[6]).longValue(),
                SqlValues.toLocalDate(r[7]), (String) r[8], (String) r[9], ((Number) r[10]).intValue(), ((Number) r[11]).intValue(),
                SqlValues.toInstant(r[12]), SqlValues.toInstantOrNull(r[13]), SqlValues.toInstantOrNull(r[14]), SqlValues.toInstantOrNull(r[15]));
    }

    /**
     * A partner's cards in a period of its local days: handed out (the cards of batches activated in it, the moment they
     * went to the shops) and entered by members in it, with the points those entries credited.
     */
    public record Figures(long handedOut, long entered, long points) {
    }

    public Figures figures(Partner partner, LocalDate from, LocalDate to) {
        scope.enter(partner);
        java.time.ZoneId zone = java.time.ZoneId.of(partner.timeZone);
        java.time.Instant start = from.atStartOfDay(zone).toInstant();
        java.time.Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        Object[] r = (Object[]) em.createNativeQuery("select (select coalesce(sum(card_count), 0) from scratch_batch where partner_id = :p"
                        + " and activated_at >= :start and activated_at < :end),"
                        + " count(*), coalesce(sum(b.points_per_card), 0) from scratch_card c join scratch_batch b on b.id = c.batch_id"
                        + " where c.partner_id = :p and c.redeemed_at >= :start and c.redeemed_at < :end")
                .setParameter("p", partner.id).setParameter("start", start).setParameter("end", end).getSingleResult();
        return new Figures(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).longValue());
    }
}
