package ru.coalition.ledger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.jboss.logging.Logger;
import ru.coalition.platform.SqlValues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Recorded full checks of the ledger (table audit_run). The console shows the last one instead of checking every wallet
 * on every view; an operator starts a new one on demand (it runs in the background and reports its steps), and a
 * nightly job runs one. One runs at a time over all replicas: a unique index admits one RUNNING row, and the running
 * check holds an advisory lock, so a replica that finds the row but not the lock knows that run's replica died and
 * closes it as failed.
 */
@ApplicationScoped
public class AuditRuns {

    private static final Logger LOG = Logger.getLogger(AuditRuns.class);

    /** The advisory lock a running check holds (key: hashtext('ledger-audit')). */
    static final String LOCK = "hashtext('ledger-audit')";
    /** A RUNNING row younger than this may belong to a check that has not yet taken the lock. */
    static final Duration GRACE = Duration.ofMinutes(1);
    /** Entries counted since the last check, at most (the page says "more than" beyond it). */
    public static final long LIVE_COUNT_LIMIT = 100_000;

    @Schema(name = "LedgerCheckTrigger")
    public enum Trigger { CONSOLE, API, NIGHTLY }

    @Schema(name = "LedgerCheckStatus")
    public enum Status { RUNNING, DONE, FAILED }

    /** One run as stored: its figures are null until it is done. */
    @Schema(name = "LedgerCheckRun")
    public record Summary(long id, Trigger trigger, String requestedBy, Status status, Instant startedAt, Instant finishedAt,
                          Long durationMs, int stepsDone, int stepsTotal, Long wallets, Long entries, Long lastEntryId,
                          Long walletsInDebt, Integer breachCount, List<LedgerAudit.Breach> breaches, String error,
                          Boolean onReplica, Long behindMs) {
        public boolean running() {
            return status == Status.RUNNING;
        }

        public boolean clean() {
            return status == Status.DONE && breachCount != null && breachCount == 0;
        }

        public int percent() {
            return stepsTotal == 0 ? 0 : Math.min(100, stepsDone * 100 / stepsTotal);
        }

        /** How far behind the primary the replica was when the check began, in whole seconds; null when unknown. */
        public Long behindSeconds() {
            return behindMs == null ? null : behindMs / 1000;
        }
    }

    /** What starting a run did: started it, or found one running (whose id it is). */
    public record Started(long id, boolean started) {
    }

    /** Cheap figures read live: entries posted since the last check (counted up to a limit), table sizes as estimated. */
    public record Live(long entriesSince, boolean moreThan, long walletsEstimate, long entriesEstimate) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    LedgerAudit audit;

    @Inject
    ObjectMapper json;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-audit");
        t.setDaemon(true);
        return t;
    });

    /** Starts a full check in the background, unless one is running already (anywhere). */
    public Started start(Trigger trigger, String requestedBy) {
        Started s = claim(trigger, requestedBy, null);
        if (s.started()) {
            worker.submit(() -> execute(s.id()));
        }
        return s;
    }

    /**
     * Runs a full check here and now and waits for it (the nightly job), unless one is running or one finished within
     * {@code skipIfWithin} (another replica's nightly run). Empty when it ran none.
     */
    public Optional<Summary> runNow(Trigger trigger, String requestedBy, Duration skipIfWithin) {
        Started s = claim(trigger, requestedBy, skipIfWithin);
        if (!s.started()) {
            return Optional.empty();
        }
        execute(s.id());
        return find(s.id());
    }

    /** Takes the one running slot: closes a run whose replica died, then inserts a RUNNING row if none is left. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Started claim(Trigger trigger, String requestedBy, Duration skipIfWithin) {
        Instant now = clock.instant();
        boolean noneAlive = (Boolean) em.createNativeQuery("select pg_try_advisory_xact_lock(" + LOCK + ")").getSingleResult();
        if (noneAlive) {
            em.createNativeQuery("update audit_run set status = 'FAILED', finished_at = :now, error = 'interrupted: its replica stopped'"
                            + " where status = 'RUNNING' and started_at < :grace")
                    .setParameter("now", now).setParameter("grace", now.minus(GRACE)).executeUpdate();
        }
        if (skipIfWithin != null && ((Number) em.createNativeQuery("select count(*) from audit_run where status <> 'FAILED'"
                        + " and started_at > :since").setParameter("since", now.minus(skipIfWithin)).getSingleResult()).longValue() > 0) {
            return new Started(0, false);
        }
        List<?> ids = em.createNativeQuery("insert into audit_run (trigger, requested_by, status, started_at, heartbeat_at, steps_total)"
                        + " values (:t, :by, 'RUNNING', :now, :now, :steps) on conflict do nothing returning id")
                .setParameter("t", trigger.name()).setParameter("by", requestedBy).setParameter("now", now)
                .setParameter("steps", audit.steps()).getResultList();
        if (!ids.isEmpty()) {
            return new Started(((Number) ids.get(0)).longValue(), true);
        }
        return new Started(current().map(Summary::id).orElse(0L), false);
    }

    @ActivateRequestContext
    void execute(long id) {
        long started = System.nanoTime();
        try {
            LedgerAudit.Report r = audit.runLocked(step -> progress(id, step));
            finish(id, r, (System.nanoTime() - started) / 1_000_000);
            LOG.infof("ledger audit %d: %d wallets, %d entries, %d breaches in %d ms", id, r.wallets(), r.entries(),
                    r.breaches().size(), (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            LOG.errorf(e, "ledger audit %d failed", id);
            fail(id, (System.nanoTime() - started) / 1_000_000, e);
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void progress(long id, int stepsDone) {
        em.createNativeQuery("update audit_run set steps_done = :s, heartbeat_at = :now where id = :id and status = 'RUNNING'")
                .setParameter("s", stepsDone).setParameter("now", clock.instant()).setParameter("id", id).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void finish(long id, LedgerAudit.Report r, long ms) {
        String breaches;
        try {
            breaches = json.writeValueAsString(r.breaches());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        em.createNativeQuery("update audit_run set status = 'DONE', finished_at = :now, heartbeat_at = :now, duration_ms = :ms,"
                        + " steps_done = steps_total, wallets = :w, entries = :e, last_entry_id = :last, wallets_in_debt = :d,"
                        + " breach_count = :n, breaches = cast(:b as jsonb), on_replica = :r, behind_ms = :lag where id = :id")
                .setParameter("now", clock.instant()).setParameter("ms", ms).setParameter("w", r.wallets())
                .setParameter("e", r.entries()).setParameter("last", r.lastEntryId()).setParameter("d", r.walletsInDebt())
                .setParameter("n", r.breaches().size()).setParameter("b", breaches).setParameter("r", r.onReplica())
                .setParameter("lag", r.behindMs()).setParameter("id", id).executeUpdate();
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void fail(long id, long ms, RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        em.createNativeQuery("update audit_run set status = 'FAILED', finished_at = :now, duration_ms = :ms, error = :err where id = :id")
                .setParameter("now", clock.instant()).setParameter("ms", ms)
                .setParameter("err", message.substring(0, Math.min(500, message.length()))).setParameter("id", id).executeUpdate();
    }

    /** The last run that finished (done or failed). */
    @Transactional
    public Optional<Summary> last() {
        return one("where status <> 'RUNNING' order by id desc");
    }

    /** The last run that completed its checks: the summary the console shows. */
    @Transactional
    public Optional<Summary> lastDone() {
        return one("where status = 'DONE' order by id desc");
    }

    /** The run in progress, if any. */
    @Transactional
    public Optional<Summary> current() {
        return one("where status = 'RUNNING'");
    }

    @Transactional
    public Optional<Summary> find(long id) {
        return one("where id = " + id);
    }

    /** Figures cheap enough for every page view: an index range from the last check's newest entry, and estimates. */
    @Transactional
    public Live live(Summary last) {
        long since = 0;
        if (last != null && last.lastEntryId() != null) {
            since = ((Number) em.createNativeQuery("select count(*) from (select 1 from ledger_entry where id > :id limit :l) x")
                    .setParameter("id", last.lastEntryId()).setParameter("l", LIVE_COUNT_LIMIT + 1).getSingleResult()).longValue();
        }
        Object[] est = (Object[]) em.createNativeQuery("select (select reltuples from pg_class where oid = 'wallet'::regclass),"
                // the entries are partitioned (V52): the estimate is the partitions' sum
                + " (select sum(greatest(c.reltuples, 0)) from pg_partition_tree('ledger_entry') t join pg_class c on c.oid = t.relid"
                + " where t.isleaf)").getSingleResult();
        return new Live(Math.min(since, LIVE_COUNT_LIMIT), since > LIVE_COUNT_LIMIT,
                Math.max(0, ((Number) est[0]).longValue()), Math.max(0, ((Number) est[1]).longValue()));
    }

    private Optional<Summary> one(String where) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, trigger, requested_by, status, started_at, finished_at, duration_ms,"
                + " steps_done, steps_total, wallets, entries, last_entry_id, wallets_in_debt, breach_count, breaches::text, error, on_replica, behind_ms"
                + " from audit_run " + where + " limit 1").getResultList();
        return rows.stream().findFirst().map(this::summary);
    }

    private Summary summary(Object[] r) {
        List<LedgerAudit.Breach> breaches = List.of();
        if (r[14] != null) {
            try {
                breaches = json.readValue((String) r[14], new TypeReference<>() {
                });
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        return new Summary(((Number) r[0]).longValue(), Trigger.valueOf((String) r[1]), (String) r[2], Status.valueOf((String) r[3]),
                SqlValues.toInstant(r[4]), r[5] == null ? null : SqlValues.toInstant(r[5]), LedgerService.toLong(r[6]),
                ((Number) r[7]).intValue(), ((Number) r[8]).intValue(), LedgerService.toLong(r[9]), LedgerService.toLong(r[10]),
                LedgerService.toLong(r[11]), LedgerService.toLong(r[12]), r[13] == null ? null : ((Number) r[13]).intValue(),
                breaches, (String) r[15], (Boolean) r[16], LedgerService.toLong(r[17]));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
    }
}
