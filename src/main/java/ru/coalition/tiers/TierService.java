package ru.coalition.tiers;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.bonuses.BonusService;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.partners.Customers;
import ru.coalition.partners.Partner;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.programs.Money;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Tiers: a member's level at a partner follows their spend there over the last {@code qualificationMonths}
 * (net of refunds). Reaching a level for the first time pays its welcome points; the level's multiplier applies to
 * purchases made while it is held.
 */
@ApplicationScoped
public class TierService {

    public record MemberTier(String code, long spend) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    BonusService bonuses;

    @Inject
    LedgerService ledger;

    @Inject
    Customers customers;

    public BigDecimal multiplierFor(long partnerId, long memberId, ProgramDefinition program) {
        if (program.tiers() == null) {
            return BigDecimal.ONE;
        }
        String code = current(partnerId, memberId).map(MemberTier::code).orElse(null);
        return levelOf(program, code).map(ProgramDefinition.Tier::multiplier).orElse(BigDecimal.ONE);
    }

    /** The multiplier of a stored tier code under a program (1 without tiers or for a level the program dropped). */
    public static BigDecimal multiplierOf(ProgramDefinition program, String code) {
        return program.tiers() == null ? BigDecimal.ONE
                : levelOf(program, code).map(ProgramDefinition.Tier::multiplier).orElse(BigDecimal.ONE);
    }

    public Optional<MemberTier> current(long partnerId, long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select tier_code, spend from member_tier where partner_id = :p and member_id = :m")
                .setParameter("p", partnerId).setParameter("m", memberId).getResultList();
        return rows.stream().findFirst().map(r -> new MemberTier((String) r[0], ((Number) r[1]).longValue()));
    }

    /** What a purchase that moved a member up pays: welcome points pending like the purchase, tied to it. */
    public record Trigger(long purchaseId, Instant activatesAt) {
    }

    /** The job's step: one member in a short transaction of its own. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void recalculateAlone(Partner partner, long memberId, ProgramDefinition program) {
        recalculate(partner, memberId, program, null);
    }

    /**
     * Recomputes one member's level now; pays the welcome points of a level reached for the first time. The wallet
     * is locked before member_tier (the one lock order, see LedgerService.lockWallet).
     *
     * @param trigger the purchase that caused this, or null for the job; its welcome points follow the purchase
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recalculate(Partner partner, long memberId, ProgramDefinition program, Trigger trigger) {
        recalculate(partner, memberId, program, trigger, null);
    }

    /**
     * As above, for a caller that already holds the member's wallet at this partner locked in this transaction (the
     * purchase path moved its total a statement ago), which saves finding and locking it again.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recalculate(Partner partner, long memberId, ProgramDefinition program, Trigger trigger, Long lockedWallet) {
        ProgramDefinition.Tiers tiers = program.tiers();
        if (tiers == null || tiers.levels() == null || tiers.levels().isEmpty()) {
            return;
        }
        long wallet;
        if (lockedWallet != null) {
            wallet = lockedWallet;
        } else {
            wallet = ledger.walletId(memberId, partner.walletPartnerId());
            ledger.lockWallet(wallet);
        }
        Instant now = clock.instant();
        ZoneId zone = ZoneId.of(partner.timeZone);
        Instant since = LocalDate.ofInstant(now, zone).minusMonths(tiers.qualificationMonths()).atStartOfDay(zone).toInstant();
        long spend = customers.spendSince(partner.id, memberId, since);
        ProgramDefinition.Tier level = tiers.levels().stream()
                .filter(t -> Money.of(t.minSpend()) <= spend)
                .max(Comparator.comparing(ProgramDefinition.Tier::minSpend))
                .orElse(tiers.levels().get(0));
        em.createNativeQuery("insert into member_tier (partner_id, member_id, tier_code, spend, since, updated_at)"
                        + " values (:p, :m, :c, :s, :now, :now) on conflict (partner_id, member_id) do update set"
                        + " since = case when member_tier.tier_code = excluded.tier_code then member_tier.since else excluded.since end,"
                        + " tier_code = excluded.tier_code, spend = excluded.spend, updated_at = excluded.updated_at")
                .setParameter("p", partner.id).setParameter("m", memberId).setParameter("c", level.code())
                .setParameter("s", spend).setParameter("now", now).executeUpdate();
        if (level.welcomePoints() == 0 || !bonuses.grantOnce(partner.id, memberId, BonusService.TIER, level.code())) {
            return;
        }
        LedgerService.Entry entry = trigger == null
                ? new LedgerService.Entry(EntryKind.BONUS, level.welcomePoints(), now, partner.id, "tier", null, "tier:" + level.code())
                : new LedgerService.Entry(EntryKind.BONUS, level.welcomePoints(), trigger.activatesAt(), partner.id,
                        LedgerService.SOURCE_PURCHASE, trigger.purchaseId(), "tier:" + level.code());
        ledger.post(wallet, memberId, List.of(entry));
    }

    /** Members with purchases at the partner or a level there: the ones a recalculation looks at. */
    public List<Long> membersOf(long partnerId) {
        @SuppressWarnings("unchecked")
        List<Number> withLevel = em.createNativeQuery("select member_id from member_tier where partner_id = :p")
                .setParameter("p", partnerId).getResultList();
        java.util.Set<Long> ids = new java.util.TreeSet<>(customers.of(partnerId));
        withLevel.forEach(n -> ids.add(n.longValue()));
        return List.copyOf(ids);
    }

    public static Optional<ProgramDefinition.Tier> levelOf(ProgramDefinition program, String code) {
        if (program.tiers() == null || program.tiers().levels() == null || program.tiers().levels().isEmpty()) {
            return Optional.empty();
        }
        return program.tiers().levels().stream().filter(t -> t.code().equals(code)).findFirst()
                .or(() -> Optional.of(program.tiers().levels().get(0)));
    }
}
