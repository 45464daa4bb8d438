package ru.coalition.expiry;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.ledger.Lots;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.messaging.Outbox;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.platform.CabinetMsg;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.Messages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Points that lapse (PROGRAM-SEMANTICS §4): lots past their expires_at (afterMonths programs), and all of a member's
 * points of a program once inactivityMonths passed without an accrual there. One transaction per wallet, which locks
 * the wallet and decides on the lots as they are under the lock (LedgerService.expire): a rerun, or a second replica at
 * the same moment, finds nothing left to expire. Members are told once per wallet and expiry day, 14 days before.
 */
@ApplicationScoped
public class ExpiryService {

    /** How long before their expiry members are told. */
    public static final Duration NOTICE = Duration.ofDays(14);
    /** Wallets one candidate query returns; the run pages on by wallet id. */
    static final int PAGE = 500;

    public record Run(long points, int wallets, int notices) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    LedgerService ledger;

    @Inject
    PartnerService partners;

    @Inject
    MemberService members;

    @Inject
    Outbox outbox;

    @Inject
    CoalitionConfig config;

    @Location("expiry/expiry-email.html")
    Template expiryEmail;

    /** Expiry by date, by inactivity, then the notices; each wallet in a transaction of its own. */
    @jakarta.enterprise.context.control.ActivateRequestContext
    public Run run() {
        Instant now = clock.instant();
        long points = 0;
        int wallets = 0;
        long after = 0;
        List<Long> page;
        do {
            long from = after;
            page = self().inTransaction(() -> ledger.walletsWithLapsedLots(now, from, PAGE));
            for (long wallet : page) {
                long lapsed = self().expireByDate(wallet, now);
                points += lapsed;
                wallets += lapsed > 0 ? 1 : 0;
                after = wallet;
            }
        } while (page.size() == PAGE);
        for (Partner partner : partners.list()) {
            Optional<ProgramDefinition.Expiry> rule = partners.programAt(partner, now).map(v -> v.definition().expiry())
                    .filter(e -> e.inactivityMonths() != null);
            if (rule.isEmpty()) {
                continue;
            }
            ZoneId zone = ZoneId.of(partner.timeZone);
            // a wallet whose last accrual is before this day may have lapsed; the exact moment is checked under the lock
            Instant cutoff = LocalDate.ofInstant(now, zone).minusMonths(rule.get().inactivityMonths()).atStartOfDay(zone).toInstant();
            after = 0;
            do {
                long from = after;
                page = self().inTransaction(() -> ledger.walletsInactiveAt(partner.id, cutoff, from, PAGE));
                for (long wallet : page) {
                    long lapsed = self().expireInactive(wallet, partner.id, rule.get(), zone, now);
                    points += lapsed;
                    wallets += lapsed > 0 ? 1 : 0;
                    after = wallet;
                }
            } while (page.size() == PAGE);
        }
        int notices = 0;
        after = 0;
        do {
            long from = after;
            page = self().inTransaction(() -> ledger.walletsWithLotsLapsingIn(now, now.plus(NOTICE), from, PAGE));
            for (long wallet : page) {
                notices += self().notify(wallet, now);
                after = wallet;
            }
        } while (page.size() == PAGE);
        return new Run(points, wallets, notices);
    }

    @Transactional
    <T> T inTransaction(java.util.function.Supplier<T> work) {
        return work.get();
    }

    /** The lots of the wallet whose date passed. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    long expireByDate(long walletId, Instant now) {
        return ledger.expire(walletId, lots -> l -> l.expiresAt != null && !l.expiresAt.isAfter(now));
    }

    /**
     * All points of the partner in the wallet, once inactivityMonths passed since the member's last accrual there (a
     * scratch card counts as one; a wallet with neither counts from its last credit of the partner).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    long expireInactive(long walletId, long partnerId, ProgramDefinition.Expiry rule, ZoneId zone, Instant now) {
        return ledger.expire(walletId, lots -> {
            List<Lots.Lot> own = lots.stream().filter(l -> l.partnerId != null && l.partnerId == partnerId).toList();
            Optional<Instant> last = own.stream().filter(l -> l.kind == EntryKind.ACCRUAL || l.kind == EntryKind.SCRATCH)
                    .map(l -> l.createdAt).max(Instant::compareTo)
                    .or(() -> own.stream().filter(l -> l.kind != EntryKind.REVERSAL).map(l -> l.createdAt).max(Instant::compareTo))
                    .or(() -> own.stream().map(l -> l.createdAt).max(Instant::compareTo));
            boolean lapsed = last.isPresent() && !rule.lapsesAfterInactivity(last.get(), zone).isAfter(now);
            Predicate<Lots.Lot> due = l -> lapsed && l.partnerId != null && l.partnerId == partnerId;
            return due;
        });
    }

    /**
     * Tells the member what lapses in the next 14 days, per expiry day (the operator's calendar), once: the notice row's
     * key is (wallet, day), so a rerun or a second replica sends nothing twice. The notice is written in the transaction
     * that puts the message in the outbox.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int notify(long walletId, Instant now) {
        ZoneId zone = ZoneId.of(config.operatorZone());
        Map<LocalDate, Long> byDay = new TreeMap<>();
        for (Lots.Lot l : ledger.lotsOf(walletId)) {
            if (l.remaining() > 0 && l.expiresAt != null && l.expiresAt.isAfter(now) && !l.expiresAt.isAfter(now.plus(NOTICE))) {
                byDay.merge(LocalDate.ofInstant(l.expiresAt, zone), l.remaining(), Long::sum);
            }
        }
        if (byDay.isEmpty()) {
            return 0;
        }
        LedgerService.Owner owner = ledger.ownerOf(walletId);
        Member m = members.byId(owner.memberId()).orElse(null);
        if (m == null) {
            return 0;
        }
        int sent = 0;
        for (Map.Entry<LocalDate, Long> day : byDay.entrySet()) {
            int inserted = em.createNativeQuery("insert into expiry_notice (wallet_id, expires_on, points, sent_at)"
                            + " values (:w, :d, :p, :now) on conflict do nothing")
                    .setParameter("w", walletId).setParameter("d", day.getKey()).setParameter("p", day.getValue())
                    .setParameter("now", now).executeUpdate();
            if (inserted == 1) {
                send(m, owner.partnerId(), day.getValue(), day.getKey());
                sent++;
            }
        }
        return sent;
    }

    private void send(Member m, Long walletPartnerId, long points, LocalDate on) {
        Locale locale = Locale.of(m.language == null ? "ru" : m.language);
        CabinetMsg msg = Messages.cabinet(locale);
        String wallet = walletPartnerId == null ? Messages.of(locale).walletsCoalition()
                : partners.findById(walletPartnerId).map(p -> p.name).orElse("");
        outbox.toMember(m.preferredChannel, m.phone, m.email, m.id, "points.expiring", msg.smsExpiry(points, wallet, on),
                msg.mailExpirySubject(points),
                () -> expiryEmail.instance().setLocale(locale).data("language", locale.getLanguage()).data("points", points)
                        .data("wallet", wallet).data("on", on).data("cabinetUrl", config.publicUrl() + "/cabinet/wallets").render());
    }

    /** The bean through its proxy, so each wallet's method gets its own transaction. */
    private ExpiryService self() {
        return io.quarkus.arc.Arc.container().instance(ExpiryService.class).get();
    }
}
