package ru.coalition.mailings;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.audit.AuditLog;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Addresses marketing mail skips (issue 12 §6). A hard bounce or a complaint suppresses the address at once;
 * {@code coalition.bounces.soft-limit} soft bounces within {@code soft-window-days} likewise. The operator may suppress an
 * address by hand and lift any suppression (both audited); after a lift only later soft bounces count. The sending
 * engine asks {@link #suppressed} for each batch it sends.
 * <p>
 * Transactional mail (the outbox: passwords, offers, tickets) does not ask: a member locked out of their account must
 * still get their code, and the outbox's own retries end after its last attempt anyway.
 */
@ApplicationScoped
@Transactional
public class Suppressions {

    /** Why an address is suppressed. */
    public enum Reason { HARD_BOUNCE, REPEATED_SOFT, COMPLAINT, MANUAL }

    /** A suppression as the console lists it. */
    public record Row(String address, Reason reason, Instant since, int bounceCount) {
    }

    /** Addresses per query: far below PostgreSQL's limit of bind parameters. */
    private static final int CHUNK = 5000;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    BounceConfig config;

    @Inject
    AuditLog audit;

    /**
     * Which of these addresses are suppressed, in lower case. One query for up to 5 000 addresses (the sending engine's
     * batches); case and surrounding spaces do not matter.
     */
    public Set<String> suppressed(Collection<String> addresses) {
        List<String> wanted = new ArrayList<>(new LinkedHashSet<>(addresses.stream().filter(Objects::nonNull)
                .map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty()).toList()));
        Set<String> out = new HashSet<>();
        for (int from = 0; from < wanted.size(); from += CHUNK) {
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("select address from email_suppression where lifted_at is null and address in (:a)")
                    .setParameter("a", wanted.subList(from, Math.min(wanted.size(), from + CHUNK))).getResultList();
            out.addAll(rows);
        }
        return out;
    }

    /** Whether one address is suppressed. */
    public boolean isSuppressed(String address) {
        return !suppressed(List.of(address)).isEmpty();
    }

    /**
     * After a bounce was recorded: the address is suppressed (again) when the bounce is hard or a complaint, or when
     * the soft ones since the window's start (or since the last lift, if later) reach the limit. Returns whether the
     * address is suppressed now. One address at a time (a transaction-scoped advisory lock), so two notices at once
     * cannot both miss the limit.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean afterBounce(String address, Bounces.Kind kind, long bounceId, Instant now) {
        lock(address);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select reason, lifted_at from email_suppression where address = :a")
                .setParameter("a", address).getResultList();
        Instant liftedAt = rows.isEmpty() ? null : SqlValues.toInstantOrNull(rows.get(0)[1]);
        if (!rows.isEmpty() && liftedAt == null) {
            em.createNativeQuery("update email_suppression set bounce_count = bounce_count + 1, last_bounce = :b where address = :a")
                    .setParameter("b", bounceId).setParameter("a", address).executeUpdate();
            return true;
        }
        Reason reason;
        int count;
        if (kind == Bounces.Kind.SOFT) {
            Instant from = now.minus(Duration.ofDays(config.softWindowDays()));
            if (liftedAt != null && liftedAt.isAfter(from)) {
                from = liftedAt;
            }
            count = ((Number) em.createNativeQuery("select count(*) from mail_bounce where address = :a and kind = 'SOFT' and received_at > :from")
                    .setParameter("a", address).setParameter("from", from).getSingleResult()).intValue();
            if (count < config.softLimit()) {
                return false;
            }
            reason = Reason.REPEATED_SOFT;
        } else {
            reason = kind == Bounces.Kind.HARD ? Reason.HARD_BOUNCE : Reason.COMPLAINT;
            count = 1;
        }
        upsert(address, reason, now, count, bounceId);
        return true;
    }

    /** The operator suppresses an address by hand (audited); one suppressed already stays as it is. */
    public boolean suppress(String address) {
        String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        if (!Bounces.isAddress(a)) {
            throw new IllegalArgumentException("not an e-mail address: " + address);
        }
        lock(a);
        if (isSuppressed(a)) {
            return false;
        }
        upsert(a, Reason.MANUAL, clock.instant(), 0, null);
        audit.record("email-suppression.add", null, "email-suppression", a, Map.of("reason", Reason.MANUAL.name()));
        return true;
    }

    /** The operator lifts a suppression (audited): marketing mail goes to the address again. */
    public void lift(String address, String by) {
        String a = normalised(address);
        lock(a);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select reason, bounce_count, since from email_suppression where address = :a and lifted_at is null")
                .setParameter("a", a).getResultList();
        if (rows.isEmpty()) {
            throw new ProblemException(ErrorCode.SUPPRESSION_NOT_FOUND);
        }
        em.createNativeQuery("update email_suppression set lifted_at = :now, lifted_by = :by where address = :a")
                .setParameter("now", clock.instant()).setParameter("by", by == null ? "system" : by.length() > 200 ? by.substring(0, 200) : by)
                .setParameter("a", a).executeUpdate();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("reason", rows.get(0)[0]);
        details.put("bounces", ((Number) rows.get(0)[1]).intValue());
        details.put("since", SqlValues.toInstant(rows.get(0)[2]).toString());
        audit.record("email-suppression.lift", null, "email-suppression", a, details);
    }

    /** The suppressions in force, newest first, of addresses containing the search text when one is given. */
    public List<Row> list(String search, int limit) {
        String q = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select address, reason, since, bounce_count from email_suppression"
                        + " where lifted_at is null and (:q = '' or address like :like escape '\\') order by since desc, address limit :n")
                .setParameter("q", q).setParameter("like", "%" + likeEscaped(q) + "%").setParameter("n", limit).getResultList();
        return rows.stream().map(r -> new Row((String) r[0], Reason.valueOf((String) r[1]), SqlValues.toInstant(r[2]),
                ((Number) r[3]).intValue())).toList();
    }

    /** How many addresses are suppressed now. */
    public long count() {
        return ((Number) em.createNativeQuery("select count(*) from email_suppression where lifted_at is null").getSingleResult()).longValue();
    }

    private void upsert(String address, Reason reason, Instant now, int count, Long bounceId) {
        em.createNativeQuery("insert into email_suppression (address, reason, since, bounce_count, last_bounce) values (:a, :r, :now, :n, :b)"
                        + " on conflict (address) do update set reason = excluded.reason, since = excluded.since,"
                        + " bounce_count = excluded.bounce_count, last_bounce = excluded.last_bounce, lifted_at = null, lifted_by = null")
                .unwrap(org.hibernate.query.NativeQuery.class)
                .setParameter("a", address).setParameter("r", reason.name()).setParameter("now", now).setParameter("n", count)
                .setParameter("b", bounceId, Long.class).executeUpdate();
    }

    private void lock(String address) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('email-suppression'), hashtext(:a))").setParameter("a", address)
                .getSingleResult();
    }

    private static String normalised(String address) {
        String a = address == null ? "" : address.strip().toLowerCase(Locale.ROOT);
        if (!Bounces.isAddress(a)) {
            throw new ProblemException(ErrorCode.SUPPRESSION_NOT_FOUND);
        }
        return a;
    }

    static String likeEscaped(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
