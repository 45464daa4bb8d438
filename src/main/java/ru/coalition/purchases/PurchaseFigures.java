package ru.coalition.purchases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * A partner's purchase figures for a period of its local days (issue 13 §1; docs/analytics.md "Partner summary"), read
 * from the rollups the fold keeps (purchase_day, purchase_activity), never from the purchase table. Only what members
 * did at this partner counts; the transaction runs in the partner's row-level-security scope.
 */
@ApplicationScoped
@Transactional
public class PurchaseFigures {

    /**
     * @param revenue kopecks of the period's receipts, less their refunds
     * @param members distinct members with a receipt in the period
     * @param newMembers members whose first receipt here falls in the period
     * @param fromOtherPartners of those, members who had bought at another partner of the coalition before
     */
    public record Summary(long revenue, long receipts, long members, long newMembers, long fromOtherPartners) {
    }

    @Inject
    EntityManager em;

    @Inject
    PartnerScope scope;

    /** One local day: revenue (kopecks, less refunds), receipts, distinct members. */
    public record Day(LocalDate day, long revenue, long receipts, long members) {
    }

    /** The days of the period that had receipts, in order. */
    public java.util.List<Day> days(Partner partner, LocalDate from, LocalDate to) {
        scope.enter(partner);
        @SuppressWarnings("unchecked")
        java.util.List<Object[]> rows = em.createNativeQuery("select day, sum(spend), sum(receipts), count(*) from purchase_day"
                        + " where partner_id = :p and day between :from and :to group by day order by day")
                .setParameter("p", partner.id).setParameter("from", from).setParameter("to", to).getResultList();
        return rows.stream().map(r -> new Day(r[0] instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) r[0],
                ((Number) r[1]).longValue(), ((Number) r[2]).longValue(), ((Number) r[3]).longValue())).toList();
    }

    /**
     * The partner's customers of a period as SQL to compose into a larger statement (a portrait): columns member_id and
     * spend (kopecks of the period's receipts less their refunds). The caller runs it in the partner's scope.
     */
    public String customers(Partner partner, LocalDate from, LocalDate to, ru.coalition.platform.SqlParams params) {
        return "select member_id, sum(spend) as spend from purchase_day where partner_id = " + params.bind(partner.id)
                + " and day between " + params.bind(from) + " and " + params.bind(to) + " group by member_id";
    }

    /** The figures of the days from {@code from} to {@code to}, both included, in the partner's time zone. */
    public Summary summary(Partner partner, LocalDate from, LocalDate to) {
        scope.enter(partner);
        Object[] days = (Object[]) em.createNativeQuery("select coalesce(sum(spend), 0), coalesce(sum(receipts), 0),"
                        + " count(distinct member_id) from purchase_day where partner_id = :p and day between :from and :to")
                .setParameter("p", partner.id).setParameter("from", from).setParameter("to", to).getSingleResult();
        ZoneId zone = ZoneId.of(partner.timeZone);
        // the totals are the coalition's, outside the partner's scope: only "was there an earlier first purchase" is read
        Object[] fresh = (Object[]) em.createNativeQuery("select count(*), count(*) filter (where exists (select 1 from"
                        + " purchase_activity_total t where t.member_id = a.member_id and t.first_at < a.first_at))"
                        + " from purchase_activity a where a.partner_id = :p and a.first_at >= :start and a.first_at < :end")
                .setParameter("p", partner.id).setParameter("start", from.atStartOfDay(zone).toInstant())
                .setParameter("end", to.plusDays(1).atStartOfDay(zone).toInstant()).getSingleResult();
        return new Summary(((Number) days[0]).longValue(), ((Number) days[1]).longValue(), ((Number) days[2]).longValue(),
                ((Number) fresh[0]).longValue(), ((Number) fresh[1]).longValue());
    }
}
