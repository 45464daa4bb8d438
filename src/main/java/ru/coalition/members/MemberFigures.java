package ru.coalition.members;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.platform.CoalitionConfig;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Coalition-wide figures of the member base for the operator (issue 13 §6; docs/analytics.md "Operator dashboard"):
 * registrations per month by where they came from, and the members in force at each month's end. Months are the
 * operator's (its time zone). Reads only the members' own tables, by the indexes of V34.
 */
@ApplicationScoped
@Transactional
public class MemberFigures {

    /** Where a registration was made: the source recorded on its personal-data consent. */
    public static final String CABINET = "cabinet";
    public static final String API = "api";

    /**
     * A month's registrations: all of them, through the cabinet's form, through the partner API, otherwise (a source of
     * neither, e.g. an import), those that came with a referral; and the members in force at the month's end (registered
     * by then and not deleted by then).
     */
    public record Month(YearMonth month, long registered, long cabinet, long api, long other, long referred, long inForce) {
    }

    @Inject
    EntityManager em;

    @Inject
    CoalitionConfig config;

    /** Each month from {@code first} to {@code last}, both included, in order (months without registrations too). */
    public List<Month> months(YearMonth first, YearMonth last) {
        ZoneId zone = ZoneId.of(config.operatorZone());
        Instant start = first.atDay(1).atStartOfDay(zone).toInstant();
        Instant end = last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select to_char(m.registered_at at time zone :zone, 'YYYY-MM'), count(*),"
                        + " count(*) filter (where c.source = :cabinet), count(*) filter (where c.source = :api),"
                        + " count(*) filter (where m.referred_by is not null)"
                        + " from member m left join lateral (select x.source from consent x where x.member_id = m.id"
                        + " and x.kind = 'PERSONAL_DATA' order by x.recorded_at limit 1) c on true"
                        + " where m.registered_at >= :start and m.registered_at < :end group by 1")
                .setParameter("zone", zone.getId()).setParameter("cabinet", CABINET).setParameter("api", API)
                .setParameter("start", start).setParameter("end", end).getResultList();
        java.util.Map<String, Object[]> byMonth = new java.util.HashMap<>();
        rows.forEach(r -> byMonth.put((String) r[0], r));
        long inForce = inForceAt(start);
        List<Month> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            Object[] r = byMonth.get(m.toString());
            long registered = r == null ? 0 : number(r[1]);
            long cabinet = r == null ? 0 : number(r[2]);
            long api = r == null ? 0 : number(r[3]);
            Instant from = m.atDay(1).atStartOfDay(zone).toInstant();
            Instant until = m.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
            inForce += registered - deletedBetween(from, until);
            months.add(new Month(m, registered, cabinet, api, registered - cabinet - api, r == null ? 0 : number(r[4]), inForce));
        }
        return months;
    }

    /** Members registered before {@code at} and not deleted before it. */
    public long inForceAt(Instant at) {
        Instant t = at;
        long registered = number(em.createNativeQuery("select count(*) from member where registered_at < :at").setParameter("at", t).getSingleResult());
        long deleted = number(em.createNativeQuery("select count(*) from member where deleted_at < :at and registered_at < :at")
                .setParameter("at", t).getSingleResult());
        return registered - deleted;
    }

    /** Members registered in [from, until). */
    public long registered(Instant from, Instant until) {
        return number(em.createNativeQuery("select count(*) from member where registered_at >= :from and registered_at < :until")
                .setParameter("from", from).setParameter("until", until).getSingleResult());
    }

    /** Members deleted in [from, until) who had registered before until (a member deleted the moment of registering counts nowhere). */
    private long deletedBetween(Instant from, Instant until) {
        return number(em.createNativeQuery("select count(*) from member where deleted_at >= :from and deleted_at < :until and registered_at < :until")
                .setParameter("from", from).setParameter("until", until).getSingleResult());
    }

    private static long number(Object n) {
        return ((Number) n).longValue();
    }
}
