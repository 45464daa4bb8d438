package ru.coalition.platform;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the partitions of the tables partitioned by range of id (purchase, purchase_line, ledger_entry; V50-V52) before
 * their ids are drawn, about a month of ids each, so that a partition is a stretch of posting time and an old one can
 * be archived whole (docs/scaling.md "Partitioning"). Every replica runs it; a transaction-level advisory lock lets one
 * at a time look, and the partitions are recorded in id_range.
 */
@ApplicationScoped
@Transactional
public class IdRanges {

    private static final Logger LOG = Logger.getLogger(IdRanges.class);

    /** Never smaller: a quiet installation still gets partitions of a useful size (and a test posts no million). */
    static final long MIN_SPAN = 1_000_000;
    /** Never larger: a partition of a billion rows is past what one is meant to hold. */
    static final long MAX_SPAN = 1_000_000_000;
    /** Ids drawn over this long make one partition's span. */
    static final double SPAN_DAYS = 30;

    /** A partition made, for the log and the tests. */
    public record Made(String parent, String partition, long lower, long upper) {
    }

    /** Where a partition stands against the last id drawn. */
    public enum Stage { PAST, CURRENT, AHEAD }

    /**
     * One partition for the operator's page: its ids ({@code lower} null from the lowest), PostgreSQL's estimate of its
     * rows (null before its first ANALYZE) and its size with indexes.
     */
    public record Partition(String parent, String partition, Long lower, long upper, Instant createdAt, Long rows, long bytes,
                            Stage stage) {
    }

    /**
     * The ids left above the last one drawn before the job must make a partition, and how many days they last at the
     * rate of the last 30 days ({@code daysLeft} null until the job has notes an hour apart).
     */
    public record Headroom(String sequence, List<String> parents, long lastId, long upper, Long daysLeft) {
        public long idsLeft() {
            return upper - lastId;
        }

        /** Less than a week ahead, where the job keeps about a month: the job is not running. */
        public boolean isShort() {
            return idsLeft() <= 0 || daysLeft != null && daysLeft < SHORT_DAYS;
        }
    }

    static final long SHORT_DAYS = 7;

    @Inject
    EntityManager em;

    @Scheduled(identity = "id-ranges", every = "${coalition.jobs.id-ranges.every}", delayed = "${coalition.jobs.delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        ensureAhead(MIN_SPAN).forEach(m -> LOG.infof("partitions: %s made for ids %d to %d", m.partition(), m.lower(), m.upper()));
    }

    /**
     * Per sequence: notes the last id drawn, measures a month of ids from the notes of the last 30 days, and while less
     * than that is left above the last id, adds a partition of that span to every parent of the sequence.
     */
    public List<Made> ensureAhead(long minSpan) {
        List<Made> made = new ArrayList<>();
        boolean mine = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext('id_range'))").getSingleResult();
        if (!mine) {
            return made;
        }
        @SuppressWarnings("unchecked")
        List<String> sequences = em.createNativeQuery("select distinct sequence from id_range order by 1").getResultList();
        List<Made> planned = new ArrayList<>();
        for (String sequence : sequences) {
            long last = ((Number) em.createNativeQuery("select coalesce(pg_sequence_last_value(cast(:s as regclass)), 0)")
                    .setParameter("s", sequence).getSingleResult()).longValue();
            em.createNativeQuery("insert into id_sample (sequence, taken_at, last_id) values (:s, clock_timestamp(), :l)")
                    .setParameter("s", sequence).setParameter("l", last).executeUpdate();
            em.createNativeQuery("delete from id_sample where sequence = :s and taken_at < now() - interval '40 days'")
                    .setParameter("s", sequence).executeUpdate();
            long span = Math.max(minSpan, Math.min(MAX_SPAN, monthOfIds(sequence, last)));
            @SuppressWarnings("unchecked")
            List<Object[]> tops = em.createNativeQuery("select parent, max(upper) from id_range where sequence = :s group by parent")
                    .setParameter("s", sequence).getResultList();
            for (Object[] top : tops) {
                String parent = (String) top[0];
                long upper = ((Number) top[1]).longValue();
                while (upper - last < span) {
                    planned.add(new Made(parent, null, upper, upper + span));
                    upper += span;
                }
            }
        }
        if (planned.isEmpty()) {
            return made;
        }
        // a partition is made under a lock on its parent that writers wait for: all the parents at once, never waiting
        // long for one while holding another (V50's lock_hot_tables), so that no purchase or refund deadlocks with this
        String parents = String.join(", ", planned.stream().map(Made::parent).distinct().sorted().toList());
        em.createNativeQuery("select 1 from lock_hot_tables(:l)").setParameter("l", "lock table " + parents + " in access exclusive mode")
                .getSingleResult();
        for (Made m : planned) {
            String partition = (String) em.createNativeQuery("select id_range_add(:p, :lo, :hi)")
                    .setParameter("p", m.parent()).setParameter("lo", m.lower()).setParameter("hi", m.upper()).getSingleResult();
            made.add(new Made(m.parent(), partition, m.lower(), m.upper()));
        }
        return made;
    }

    /** Every partition, table by table from the oldest, with its size. */
    public List<Partition> partitions() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select r.parent, r.partition, r.lower, r.upper, r.created_at, c.reltuples::bigint,
                       pg_total_relation_size(c.oid), coalesce(pg_sequence_last_value(cast(r.sequence as regclass)), 0)
                from id_range r join pg_class c on c.oid = to_regclass(r.partition)
                order by r.parent, r.upper""").getResultList();
        List<Partition> out = new ArrayList<>();
        for (Object[] r : rows) {
            Long lower = r[2] == null ? null : ((Number) r[2]).longValue();
            long upper = ((Number) r[3]).longValue();
            long rowsEstimate = ((Number) r[5]).longValue();
            long last = ((Number) r[7]).longValue();
            Stage stage = last >= upper ? Stage.PAST : lower != null && last < lower ? Stage.AHEAD : Stage.CURRENT;
            out.add(new Partition((String) r[0], (String) r[1], lower, upper, SqlValues.toInstant(r[4]), rowsEstimate < 0 ? null : rowsEstimate,
                    ((Number) r[6]).longValue(), stage));
        }
        return out;
    }

    /** Per sequence, the room left in the partitions made so far. */
    public List<Headroom> headroom() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select sequence, string_agg(distinct parent, ',' order by parent), max(upper),
                       coalesce(pg_sequence_last_value(cast(sequence as regclass)), 0)
                from id_range group by sequence order by sequence""").getResultList();
        List<Headroom> out = new ArrayList<>();
        for (Object[] r : rows) {
            String sequence = (String) r[0];
            long upper = ((Number) r[2]).longValue();
            long last = ((Number) r[3]).longValue();
            long month = monthOfIds(sequence, last);
            Long days = month <= 0 ? null : (long) ((upper - last) / (month / SPAN_DAYS));
            out.add(new Headroom(sequence, List.of(((String) r[1]).split(",")), last, upper, days));
        }
        return out;
    }

    /** The ids drawn over the last 30 days, extrapolated from the oldest note within them (0 without a note an hour old). */
    private long monthOfIds(String sequence, long last) {
        @SuppressWarnings("unchecked")
        List<Object[]> notes = em.createNativeQuery("select last_id, extract(epoch from clock_timestamp() - taken_at)"
                        + " from id_sample where sequence = :s and taken_at > now() - interval '30 days' order by taken_at limit 1")
                .setParameter("s", sequence).getResultList();
        if (notes.isEmpty()) {
            return 0;
        }
        Object[] oldest = notes.get(0);
        double seconds = ((Number) oldest[1]).doubleValue();
        if (seconds < 3600) {
            return 0;
        }
        return (long) ((last - ((Number) oldest[0]).longValue()) / seconds * SPAN_DAYS * 86_400);
    }
}
