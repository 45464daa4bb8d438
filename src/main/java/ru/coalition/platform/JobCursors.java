package ru.coalition.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where a per-partner job stopped (table job_cursor). A job reads its cursor and moves it in the same transaction as
 * its work, under its own per-partner lock, so a replica that waited for the lock reads the position the other one
 * left. The rules key says under which rules the position was reached: a job that finds other rules in force starts
 * over.
 */
@ApplicationScoped
public class JobCursors {

    public record Cursor(Instant position, String rulesKey) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    /** The job's cursor for the partner; empty before its first run. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Cursor> read(String job, long partnerId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select position, rules_key from job_cursor where job = :j and partner_id = :p")
                .setParameter("j", job).setParameter("p", partnerId).getResultList();
        return rows.stream().findFirst().map(r -> new Cursor(SqlValues.toInstant(r[0]), (String) r[1]));
    }

    /** Sets the job's position for the partner (and the rules it was reached under). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void move(String job, long partnerId, Instant position, String rulesKey) {
        em.createNativeQuery("insert into job_cursor (job, partner_id, position, rules_key, updated_at) values (:j, :p, :pos, :k, :t)"
                        + " on conflict (job, partner_id) do update set position = excluded.position, rules_key = excluded.rules_key,"
                        + " updated_at = excluded.updated_at")
                .setParameter("j", job).setParameter("p", partnerId).setParameter("pos", position).setParameter("k", rulesKey)
                .setParameter("t", clock.instant()).executeUpdate();
    }

    /** Forgets the job's position for the partner: its next run starts from the beginning. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reset(String job, long partnerId) {
        em.createNativeQuery("delete from job_cursor where job = :j and partner_id = :p")
                .setParameter("j", job).setParameter("p", partnerId).executeUpdate();
    }
}
