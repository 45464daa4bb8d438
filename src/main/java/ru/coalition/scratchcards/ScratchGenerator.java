package ru.coalition.scratchcards;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import ru.coalition.platform.CoalitionConfig;

import javax.crypto.Mac;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Makes the cards of ordered batches, off every request thread: a replica claims a batch (SKIP LOCKED), then writes
 * its cards chunk by chunk, each chunk in its own transaction — the codes' keyed hashes go in with COPY, the plain codes
 * sealed beside them, and the batch's progress moves. A replica that dies mid-batch stops its heartbeat and another
 * takes the batch over where the last committed chunk ended. Also moves batches past their last day to EXPIRED.
 */
@ApplicationScoped
public class ScratchGenerator {

    private static final Logger LOG = Logger.getLogger(ScratchGenerator.class);
    /** A generating batch whose replica has been silent this long is taken over. */
    static final Duration STALE = Duration.ofMinutes(2);
    private static final int ATTEMPTS_PER_CHUNK = 3;

    /** This replica, as the owner of the batch it generates. */
    private final UUID worker = UUID.randomUUID();
    /** DRBG: a standard generator (NIST SP 800-90A) seeded from the system, fast because it runs in the JVM. */
    private final SecureRandom random = drbg();

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CodeKeys keys;

    @Inject
    CoalitionConfig config;

    record Claimed(long id, long partnerId, int count, int generated) {
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    @Scheduled(identity = "scratch-cards", every = "${coalition.scratch.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        generatePending();
        expireDue();
    }

    /** Generates every batch waiting for its cards; returns how many batches were finished here. */
    public int generatePending() {
        int finished = 0;
        Claimed claimed;
        while ((claimed = claim()) != null) {
            if (generate(claimed)) {
                finished++;
            }
        }
        return finished;
    }

    private Claimed claim() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("update scratch_batch set status = 'GENERATING', worker = :w, heartbeat_at = :now"
                            + " where id = (select id from scratch_batch where status = 'ORDERED'"
                            + " or (status = 'GENERATING' and heartbeat_at < :stale) order by id limit 1 for update skip locked)"
                            + " returning id, partner_id, card_count, generated")
                    .setParameter("w", worker).setParameter("now", now).setParameter("stale", now.minus(STALE)).getResultList();
            if (rows.isEmpty()) {
                return null;
            }
            Object[] r = rows.get(0);
            return new Claimed(((Number) r[0]).longValue(), ((Number) r[1]).longValue(), ((Number) r[2]).intValue(),
                    ((Number) r[3]).intValue());
        });
    }

    /** One chunk made ready to write: its rows in COPY's binary format, and its plain codes sealed. */
    record Chunk(int from, int size, byte[] rows, byte[] sealed) {
    }

    /**
     * Writes the batch's remaining cards; false when the batch was cancelled or taken over meanwhile. The next chunk is
     * made (random codes, their hashes, the sealed plain codes) on another thread while PostgreSQL writes this one, so
     * the two cores work at once.
     */
    boolean generate(Claimed batch) {
        long started = System.nanoTime();
        int chunkSize = config.scratch().chunk();
        ExecutorService maker = Executors.newSingleThreadExecutor(r -> new Thread(r, "scratch-cards-maker"));
        try {
            int generated = batch.generated();
            Future<Chunk> next = maker.submit(() -> make(batch, batch.generated(), Math.min(chunkSize, batch.count() - batch.generated())));
            while (generated < batch.count()) {
                Chunk chunk = next.get();
                int after = chunk.from() + chunk.size();
                if (after < batch.count()) {
                    next = maker.submit(() -> make(batch, after, Math.min(chunkSize, batch.count() - after)));
                }
                Integer written = null;
                for (int attempt = 1; written == null; attempt++) {
                    Chunk toWrite = chunk;
                    try {
                        written = QuarkusTransaction.requiringNew().call(() -> write(batch, toWrite));
                    } catch (RuntimeException e) {
                        // the only expected failure is a code whose hash another card already has (one in 2^69): new codes
                        if (attempt >= ATTEMPTS_PER_CHUNK) {
                            throw e;
                        }
                        LOG.warnf("scratch batch %d: chunk from %d failed (%s), generating it again", batch.id(), chunk.from(), e.getMessage());
                        chunk = make(batch, chunk.from(), chunk.size());
                    }
                }
                if (written < 0) {
                    return false;
                }
                generated = written;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("making scratch cards failed", e.getCause());
        } finally {
            maker.shutdownNow();
        }
        LOG.infof("scratch batch %d: %d cards in %d ms", batch.id(), batch.count() - batch.generated(),
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** The chunk of cards with serials from + 1 … from + size: new codes, their keyed hashes as COPY rows, sealed codes. */
    private Chunk make(Claimed batch, int from, int size) {
        Mac hasher = keys.hasher();
        ScratchCode.Source source = new ScratchCode.Source(random);
        List<String> codes = new ArrayList<>(size);
        CopyRows rows = new CopyRows(size);
        for (int i = 0; i < size; i++) {
            String code = source.next();
            codes.add(code);
            rows.card(batch.partnerId(), batch.id(), from + i + 1, CodeKeys.hash(hasher, code));
        }
        return new Chunk(from, size, rows.end(), keys.seal(ScratchBatches.join(codes), ScratchBatches.place(batch.id(), from + 1)));
    }

    /** One chunk in the current transaction; the batch's new generated count, or -1 if it is no longer ours. */
    private int write(Claimed batch, Chunk chunk) {
        List<?> mine = em.createNativeQuery("select generated from scratch_batch where id = :id and worker = :w"
                        + " and status = 'GENERATING' for update")
                .setParameter("id", batch.id()).setParameter("w", worker).getResultList();
        if (mine.isEmpty() || ((Number) mine.get(0)).intValue() != chunk.from()) {
            return -1;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try {
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("copy scratch_card (partner_id, batch_id, serial_no, code_hash) from stdin with (format binary)",
                                new java.io.ByteArrayInputStream(chunk.rows()));
            } catch (java.io.IOException e) {
                throw new java.sql.SQLException(e);
            }
        });
        em.createNativeQuery("insert into scratch_code_chunk (partner_id, batch_id, first_serial, sealed) values (:p, :b, :f, :s)")
                .setParameter("p", batch.partnerId()).setParameter("b", batch.id()).setParameter("f", chunk.from() + 1)
                .setParameter("s", chunk.sealed()).executeUpdate();
        int generated = chunk.from() + chunk.size();
        Instant now = clock.instant();
        em.createNativeQuery("update scratch_batch set generated = :g, heartbeat_at = :now,"
                        + " status = case when :g = card_count then 'READY' else status end,"
                        + " ready_at = case when :g = card_count then cast(:now as timestamptz) end,"
                        + " worker = case when :g = card_count then null else worker end where id = :id")
                .setParameter("g", generated).setParameter("now", now).setParameter("id", batch.id()).executeUpdate();
        return generated;
    }

    /**
     * Batches past their last day (partner-local) expire: no card of theirs can be entered any more, and plain codes
     * never printed are destroyed. Returns how many expired.
     */
    public int expireDue() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<Number> due = em.createNativeQuery("select b.id from scratch_batch b join partner p on p.id = b.partner_id"
                            + " where b.status in ('READY', 'ACTIVE')"
                            + " and b.valid_until < cast(cast(:now as timestamptz) at time zone p.time_zone as date)"
                            + " for update of b skip locked")
                    .setParameter("now", now).getResultList();
            if (due.isEmpty()) {
                return 0;
            }
            List<Long> ids = due.stream().map(Number::longValue).toList();
            em.createNativeQuery("delete from scratch_code_chunk where batch_id in (:ids)").setParameter("ids", ids).executeUpdate();
            return em.createNativeQuery("update scratch_batch set status = 'EXPIRED', closed_at = :now where id in (:ids)")
                    .setParameter("now", now).setParameter("ids", ids).executeUpdate();
        });
    }
}
