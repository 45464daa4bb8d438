package ru.coalition.rewards;

import java.math.BigDecimal;
import ru.coalition.platform.Messages;
import ru.coalition.platform.Msg;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import ru.coalition.audit.AuditLog;
import ru.coalition.giftcards.GiftCard;
import ru.coalition.giftcards.GiftCardService;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.members.ServiceNotices;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Hashes;
import ru.coalition.platform.JobCursors;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;
import ru.coalition.platform.Texts;
import ru.coalition.programs.Money;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Threshold offers: made when a member's active balance reaches a rule's threshold, told by the member's channel,
 * collected at the partner for a gift card (debiting the cost), annulled when the claim window passes.
 */
@ApplicationScoped
public class OfferService {

    private static final Logger LOG = Logger.getLogger(OfferService.class);

    public record Collected(String giftCardCode, long nominal) {
    }

    @Inject
    ru.coalition.webhooks.WebhookEvents webhooks;

    @Inject
    CoalitionConfig config;

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    PartnerService partners;

    @Inject
    MemberService members;

    @Inject
    LedgerService ledger;

    @Inject
    GiftCardService giftCards;

    @Inject
    ServiceNotices notices;

    @Inject
    AuditLog audit;

    @Inject
    PartnerScope scope;

    @Inject
    JobCursors cursors;


    @Location("rewards/offer-email.html")
    Template offerEmail;

    /** The job's name in job_cursor. */
    public static final String JOB = "offers";

    /**
     * One partner's run: offers made, whether it read every wallet of the scope (a first run, new threshold rules, a
     * clock set back) or only a window, and the wallets it weighed (after a full read: those at the lowest threshold).
     */
    public record Run(int made, boolean fullScan, Set<Long> wallets) {
    }

    /**
     * Makes the offers due now for every partner's rules, in one transaction per partner. Safe to run on several
     * replicas at once: the unique index on open offers and the "points activated since the last offer" condition
     * mean a rerun finds nothing left to do.
     */
    @ActivateRequestContext
    public int makeOffers() {
        int made = 0;
        for (Partner p : partners.list()) {
            made += makeOffers(p.id);
        }
        return made;
    }

    @Transactional
    public int makeOffers(long partnerId) {
        return run(partnerId).made();
    }

    /**
     * Makes one partner's offers from what changed since its last run. A member can newly qualify only when credits
     * of theirs become spendable (the active balance grows by nothing else) or when an offer of theirs closes (an open
     * one held them back). So the run reads the wallets with credits that became active in (cursor - overlap, now] and
     * those with offers closed then, applies the rule to them (active balance at the threshold, no open offer, none made
     * since their points last activated) and moves the cursor to now, all in one transaction under the partner's lock.
     * <p>
     * It reads every wallet of the scope instead when there is no cursor yet (the first run), when the threshold rules
     * or the wallet scope in force differ from those the cursor was reached under (a new program version that lowers a
     * threshold or adds a rule: members who already had the balance qualify now without any new activation), or when
     * the clock stands further back than the overlap (a clock set back would otherwise skip a stretch).
     */
    @Transactional
    public Run run(long partnerId) {
        Partner partner = partners.findById(partnerId).orElseThrow();
        if (partner.status != Partner.Status.ACTIVE) {
            return new Run(0, false, Set.of());
        }
        ProgramDefinition program = partners.currentProgram(partner).orElse(null);
        List<ProgramDefinition.Threshold> rules = program == null || program.thresholds() == null ? List.of()
                : program.thresholds().stream().filter(r -> r.reward() != null && r.reward().giftCard() != null).toList();
        if (rules.isEmpty()) {
            // nothing to offer; the cursor stays, and the rules key makes the first rules start from the beginning
            return new Run(0, false, Set.of());
        }
        // replicas take turns per partner; the one that waited then reads the cursor the other moved, and the offers made
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('offers'), cast(:p as int))").setParameter("p", partner.id)
                .getSingleResult();
        Instant now = clock.instant();
        Long walletPartner = partner.walletPartnerId();
        String rulesKey = Hashes.sha256(walletPartner + "|" + rules);
        long lowest = rules.stream().mapToLong(ProgramDefinition.Threshold::balance).min().orElseThrow();
        Optional<JobCursors.Cursor> cursor = cursors.read(JOB, partner.id);
        Instant from = cursor.map(c -> c.position().minus(config.jobs().overlap())).orElse(null);
        boolean full = from == null || !cursor.get().rulesKey().equals(rulesKey) || now.isBefore(from);
        List<LedgerService.Reached> reached;
        Set<Long> looked;
        if (full) {
            reached = ledger.walletsReaching(walletPartner, lowest, now);
            looked = reached.stream().map(LedgerService.Reached::walletId).collect(Collectors.toSet());
            LOG.debugf("offers at %s: every wallet read (%s)", partner.slug, cursor.isEmpty() ? "first run" : "rules or clock changed");
        } else {
            looked = new HashSet<>(ledger.walletsActivated(walletPartner, from, now));
            looked.addAll(walletsWithOffersClosed(partner.id, from, now));
            reached = ledger.walletsReaching(looked, lowest, now);
        }
        int made = 0;
        for (ProgramDefinition.Threshold rule : rules) {
            // wallets whose active balance reached the threshold, less the members with an open offer of this rule or
            // one made since their points last activated
            List<LedgerService.Reached> due = reached.stream().filter(r -> r.active() >= rule.balance()).toList();
            Map<Long, Instant> lastOffers = lastOffers(partner.id, rule.id(), due.stream().map(LedgerService.Reached::memberId).toList());
            for (LedgerService.Reached r : due) {
                Instant last = lastOffers.get(r.memberId());
                if (last != null && !last.isBefore(r.lastActivation())) {
                    continue;
                }
                if (open(partner, rule, r.walletId(), r.memberId(), now)) {
                    made++;
                }
            }
        }
        cursors.move(JOB, partner.id, now, rulesKey);
        return new Run(made, full, looked);
    }

    /** Wallets of the partner's offers collected or annulled in (from, to]: an open offer had held their members back. */
    private List<Long> walletsWithOffersClosed(long partnerId, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("select distinct wallet_id from offer where partner_id = :p"
                        + " and closed_at > :from and closed_at <= :to")
                .setParameter("p", partnerId).setParameter("from", from).setParameter("to", to).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Per member: when this rule's last offer was made, or the far future while one is open. */
    private Map<Long, Instant> lastOffers(long partnerId, String ruleId, List<Long> memberIds) {
        Map<Long, Instant> last = new java.util.HashMap<>();
        for (int from = 0; from < memberIds.size(); from += 1000) {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = em.createNativeQuery("select member_id, bool_or(status = 'OPEN'), max(noticed_at) from offer"
                            + " where partner_id = :p and rule_id = :rule and member_id in (:ids) group by member_id")
                    .setParameter("p", partnerId).setParameter("rule", ruleId)
                    .setParameter("ids", memberIds.subList(from, Math.min(memberIds.size(), from + 1000))).getResultList();
            for (Object[] r : rows) {
                last.put(((Number) r[0]).longValue(), Boolean.TRUE.equals(r[1]) ? Instant.MAX : SqlValues.toInstant(r[2]));
            }
        }
        return last;
    }

    private boolean open(Partner partner, ProgramDefinition.Threshold rule, long walletId, long memberId, Instant now) {
        ZoneId zone = ZoneId.of(partner.timeZone);
        LocalDate lastDay = LocalDate.ofInstant(now, zone).plusDays(rule.claimWindowDays());
        Instant expiresAt = lastDay.atTime(LocalTime.of(23, 59, 59)).atZone(zone).toInstant();
        UUID publicId = UUID.randomUUID();
        long nominal = Money.of(rule.reward().giftCard().nominal());
        List<?> ids = em.createNativeQuery("insert into offer (public_id, partner_id, member_id, wallet_id, rule_id, cost, nominal,"
                        + " status, noticed_at, expires_at) values (:pub, :p, :m, :w, :rule, :cost, :nom, 'OPEN', :now, :exp)"
                        + " on conflict (partner_id, member_id, rule_id) where status = 'OPEN' do nothing returning id")
                .setParameter("pub", publicId).setParameter("p", partner.id).setParameter("m", memberId)
                .setParameter("w", walletId).setParameter("rule", rule.id()).setParameter("cost", rule.cost())
                .setParameter("nom", nominal).setParameter("now", now).setParameter("exp", expiresAt).getResultList();
        if (ids.isEmpty()) {
            return false;
        }
        notice(partner, members.byId(memberId).orElseThrow(), nominal, rule.cost(), lastDay);
        webhooks.emit(partner.id, ru.coalition.webhooks.WebhookTypes.OFFER_MADE, memberId, Map.of("offerId", publicId.toString(),
                "rule", rule.id(), "cost", rule.cost(), "giftCardNominal", Money.format(nominal), "claimUntil", lastDay.toString()));
        LOG.infof("offer %s (%s) made to member %d at %s", publicId, rule.id(), memberId, partner.slug);
        return true;
    }

    private void notice(Partner partner, Member m, long nominal, long cost, LocalDate lastDay) {
        Locale locale = Locale.of(m.language == null ? "ru" : m.language);
        Msg msg = Messages.of(locale);
        BigDecimal amount = BigDecimal.valueOf(nominal, 2);
        notices.toMember(m, "offer.made",
                msg.smsOffer(partner.name, amount, cost, lastDay), msg.mailOfferSubject(partner.name),
                () -> offerEmail.instance().setLocale(locale).data("language", locale.getLanguage()).data("member", m).data("partner", partner.name)
                        .data("nominal", amount).data("cost", cost).data("until", lastDay)
                        .data("cabinetUrl", config.publicUrl() + "/cabinet/wallets").render());
    }

    /** Annuls open offers whose claim window has passed. Idempotent: an annulled offer is no longer open. */
    @Transactional
    public int annulExpired() {
        return em.createNativeQuery("update offer set status = 'ANNULLED', closed_at = :now where status = 'OPEN' and expires_at < :now")
                .setParameter("now", clock.instant()).executeUpdate();
    }

    /**
     * Collection at the partner: debits the cost from the active balance and issues the gift card, or refuses with a
     * clear reason (not found, no longer open, balance below the cost).
     */
    @Transactional
    public Collected collect(Partner partner, UUID offerId) {
        scope.enter(partner);
        // locked as it is read: a parallel collection of the same offer waits here, then finds it collected
        Offer offer = Offer.<Offer>find("publicId = ?1 and partnerId = ?2", offerId, partner.id)
                .withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> new ProblemException(ErrorCode.OFFER_NOT_FOUND));
        Instant now = clock.instant();
        if (offer.status == Offer.Status.OPEN && offer.expiresAt.isBefore(now)) {
            throw new ProblemException(ErrorCode.OFFER_EXPIRED);
        }
        if (offer.status != Offer.Status.OPEN) {
            throw new ProblemException(offer.status == Offer.Status.COLLECTED ? ErrorCode.OFFER_COLLECTED : ErrorCode.OFFER_EXPIRED);
        }
        GiftCard card = giftCards.issue(partner.id, offer.memberId, offer.nominal);
        ledger.spend(offer.walletId, offer.memberId, new LedgerService.Entry(EntryKind.REWARD, -offer.cost, now, partner.id,
                "offer", offer.id, card.code), ErrorCode.OFFER_INSUFFICIENT);
        offer.status = Offer.Status.COLLECTED;
        offer.closedAt = now;
        offer.giftCardId = card.id;
        audit.record("offer.collect", partner.id, "offer", offerId.toString(),
                Map.of("cost", offer.cost, "giftCard", card.code, "nominal", Money.format(offer.nominal)));
        webhooks.emit(partner.id, ru.coalition.webhooks.WebhookTypes.GIFT_CARD_COLLECTED, offer.memberId, Map.of("offerId",
                offerId.toString(), "cost", offer.cost, "giftCardNominal", Money.format(offer.nominal)));
        return new Collected(card.code, card.nominal);
    }

    /** Open offers of a member at a partner, for the till. */
    public List<Offer> openAt(long partnerId, long memberId) {
        return Offer.list("partnerId = ?1 and memberId = ?2 and status = ?3 and expiresAt >= ?4 order by noticedAt",
                partnerId, memberId, Offer.Status.OPEN, clock.instant());
    }

    /** All of a member's offers, newest first, for the cabinet. */
    public List<Offer> ofMember(long memberId) {
        return Offer.list("memberId = ?1 order by noticedAt desc", memberId);
    }
}
