package ru.coalition.purchases;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.programs.ProgramEngine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partner's stored receipts of a period, read in chunks for running them again under another program (the rule
 * back-test, analytics.RuleBacktests): each receipt with its lines as they count now (refunded parts taken off), the
 * gift-card part, the tier multiplier kept on it, and the points it earned in the end (its accrual and gift-card bonus,
 * less what its refunds took back). Each chunk is its own transaction in the partner's row-level-security scope.
 */
@ApplicationScoped
@Transactional
public class PurchaseReplay {

    /**
     * @param lines        the lines with the amount still counted (less refunds), as the engine takes them
     * @param giftCardPaid kopecks paid with gift cards
     * @param spend        kopecks of the receipt less its refunds
     * @param points       the points the receipt earned as posted (accrual and gift-card bonus) less its refunds' reversals
     */
    public record Receipt(long id, long memberId, Instant occurredAt, long programVersionId, List<ProgramEngine.Line> lines,
                          long giftCardPaid, boolean giftCardUsed, BigDecimal multiplier, long spend, long points) {
    }

    @Inject
    EntityManager em;

    @Inject
    PartnerScope scope;

    /** How many receipts of the partner occurred in {@code [from, to)}. */
    public long count(Partner partner, Instant from, Instant to) {
        scope.enter(partner);
        return ((Number) em.createNativeQuery("select count(*) from purchase where partner_id = :p and occurred_at >= :from"
                        + " and occurred_at < :to").setParameter("p", partner.id).setParameter("from", from).setParameter("to", to)
                .getSingleResult()).longValue();
    }

    /** Up to {@code limit} receipts of {@code [from, to)} with an id above {@code afterId}, by id. */
    public List<Receipt> chunk(Partner partner, Instant from, Instant to, long afterId, int limit) {
        scope.enter(partner);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select p.id, p.member_id, p.occurred_at, p.program_version_id, p.gift_card_paid,"
                        + " p.gift_card_bonus, p.multiplier, p.total, p.points,"
                        + " coalesce((select sum(r.amount) from refund r where r.purchase_id = p.id), 0),"
                        + " coalesce((select sum(r.points_reversed) from refund r where r.purchase_id = p.id), 0)"
                        + " from purchase p where p.partner_id = :p and p.occurred_at >= :from and p.occurred_at < :to and p.id > :after"
                        + " order by p.id limit :n")
                .setParameter("p", partner.id).setParameter("from", from).setParameter("to", to).setParameter("after", afterId)
                .setParameter("n", limit).getResultList();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ProgramEngine.Line>> lines = new LinkedHashMap<>();
        List<Long> ids = rows.stream().map(r -> ((Number) r[0]).longValue()).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> lineRows = em.createNativeQuery("select purchase_id, category, promo, amount - refunded from purchase_line"
                + " where purchase_id in (:ids) order by purchase_id, line_no").setParameter("ids", ids).getResultList();
        for (Object[] l : lineRows) {
            lines.computeIfAbsent(((Number) l[0]).longValue(), k -> new ArrayList<>())
                    .add(new ProgramEngine.Line((String) l[1], Boolean.TRUE.equals(l[2]), ((Number) l[3]).longValue()));
        }
        List<Receipt> out = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            long id = ((Number) r[0]).longValue();
            out.add(new Receipt(id, ((Number) r[1]).longValue(), ru.coalition.platform.SqlValues.toInstant(r[2]),
                    ((Number) r[3]).longValue(), lines.getOrDefault(id, List.of()), ((Number) r[4]).longValue(),
                    ((Number) r[5]).longValue() > 0, (BigDecimal) r[6], ((Number) r[7]).longValue() - ((Number) r[9]).longValue(),
                    ((Number) r[8]).longValue() - ((Number) r[10]).longValue()));
        }
        return out;
    }
}
