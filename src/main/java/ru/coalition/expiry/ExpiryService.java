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
import ru.coalition.members.ServiceNotices;
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
 * the same moment, finds nothing left to expire. Members are told once per wallet and expiry day, 14 days before, of
 * both kinds of lapse; {@link #nextExpiry} is what the cabinet and the member's API show.
 */
@ApplicationScoped
public class ExpiryService {

    /** How long before their expiry members are told. */
    public static final Duration NOTICE = Duration.ofDays(14);
    /** Wallets one candidate query returns; the run pages on by wallet id. */
    static final int PAGE = 500;

    public record Run(long points, int wallets, int notices) {
    }

    /** The points of a wallet that lapse first, and the moment they do. */
    public record NextExpiry(long points, Instant at) {
    }

    /** A lot with points left and the moment they lapse unless spent (or, under an inactivity rule, unless the member accrues again). */
    record Lapse(Lots.Lot lot, Instant at) {
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
    ServiceNotices notices;

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
            Optional<ProgramDefinition.Expiry> rule = inactivityRule(partner, now);
            if (rule.isEmpty()) {
                continue;
            }
            ZoneId zone = ZoneId.of(partner.timeZone);
            // a wallet whose last accrual is before this moment has lapsed; the exact moment is checked under the lock
            Instant cutoff = inactiveBefore(now, rule.get().inactivityMonths(), zone);
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
        // and the wallets whose points of an inactivity program lapse within the notice period unless the member accrues
        // again there (a wallet told already above is told nothing twice: the notice's key is the wallet and the day)
        for (Partner partner : partners.list()) {
            Optional<ProgramDefinition.Expiry> rule = inactivityRule(partner, now);
            if (rule.isEmpty()) {
                continue;
            }
            Instant cutoff = inactiveBefore(now.plus(NOTICE), rule.get().inactivityMonths(), ZoneId.of(partner.timeZone));
            after = 0;
            do {
                long from = after;
                page = self().inTransaction(() -> ledger.walletsInactiveAt(partner.id, cutoff, from, PAGE));
                for (long wallet : page) {
                    notices += self().notify(wallet, now);
                    after = wallet;
                }
            } while (page.size() == PAGE);
        }
        return new Run(points, wallets, notices);
    }

    /** The partner's inactivity rule in force at the moment, if its program has one. */
    private Optional<ProgramDefinition.Expiry> inactivityRule(Partner partner, Instant at) {
        return partners.programAt(partner, at).map(v -> v.definition().expiry()).filter(e -> e.inactivityMonths() != null);
    }

    /**
     * The moment before which a last accrual means the points have lapsed by {@code at}: a last accrual on day A lapses
     * at 00:00 of A + N months + 1 day, so this is 00:00 of the first day whose lapse comes after {@code at}. Found by a
     * short walk rather than by taking N months off, because months differ in length: with N = 1, on 30 March the points
     * of a last accrual on 28 February have lapsed (on 29 March), though 30 March minus a month is 28 February.
     */
    static Instant inactiveBefore(Instant at, int months, ZoneId zone) {
        LocalDate day = LocalDate.ofInstant(at, zone);
        LocalDate first = day.minusMonths(months).minusDays(7);
        while (!first.plusMonths(months).plusDays(1).isAfter(day)) {
            first = first.plusDays(1);
        }
        return first.atStartOfDay(zone).toInstant();
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
            Optional<Instant> last = lastActivity(own);
            boolean lapsed = last.isPresent() && !rule.lapsesAfterInactivity(last.get(), zone).isAfter(now);
            Predicate<Lots.Lot> due = l -> lapsed && l.partnerId != null && l.partnerId == partnerId;
            return due;
        });
    }

    /**
     * What an inactivity rule counts from, given all lots one partner issued in a wallet: the last accrual or scratch
     * card posted there; a wallet with neither counts from its last credit of the partner other than a returned one,
     * then from any.
     */
    static Optional<Instant> lastActivity(List<Lots.Lot> own) {
        return own.stream().filter(l -> l.kind == EntryKind.ACCRUAL || l.kind == EntryKind.SCRATCH)
                .map(l -> l.createdAt).max(Instant::compareTo)
                .or(() -> own.stream().filter(l -> l.kind != EntryKind.REVERSAL).map(l -> l.createdAt).max(Instant::compareTo))
                .or(() -> own.stream().map(l -> l.createdAt).max(Instant::compareTo));
    }

    /**
     * When each lot of the wallet with points left lapses, as the job would lapse it with the rules in force at {@code now}:
     * at its own date (afterMonths), or, where its partner's program has an inactivity rule, once that many months
     * passed since the member's last accrual there, if no accrual comes first; whichever is earlier. A lot still
     * pending then lapses when it becomes active. Lots that never lapse are left out. Read without a lock (pages, notices).
     */
    List<Lapse> lapses(long walletId, Instant now) {
        List<Lots.Lot> all = ledger.lotsOf(walletId);
        Map<Long, Optional<Instant>> inactiveAt = new java.util.HashMap<>();
        List<Lapse> out = new java.util.ArrayList<>();
        for (Lots.Lot l : all) {
            if (l.remaining() <= 0) {
                continue;
            }
            Instant at = l.expiresAt;
            if (l.partnerId != null) {
                Optional<Instant> inactive = inactiveAt.computeIfAbsent(l.partnerId, id -> inactivityLapse(all, id, now));
                if (inactive.isPresent()) {
                    Instant when = inactive.get().isBefore(l.activatesAt) ? l.activatesAt : inactive.get();
                    at = at == null || when.isBefore(at) ? when : at;
                }
            }
            if (at != null) {
                out.add(new Lapse(l, at));
            }
        }
        return out;
    }

    /** The moment the partner's points in the wallet lapse for inactivity (its rule in force now), if it has such a rule. */
    private Optional<Instant> inactivityLapse(List<Lots.Lot> lots, long partnerId, Instant now) {
        Partner partner = partners.cachedById(partnerId).orElse(null);
        if (partner == null) {
            return Optional.empty();
        }
        Optional<ProgramDefinition.Expiry> rule = inactivityRule(partner, now);
        if (rule.isEmpty()) {
            return Optional.empty();
        }
        ZoneId zone = ZoneId.of(partner.timeZone);
        return lastActivity(lots.stream().filter(l -> l.partnerId != null && l.partnerId == partnerId).toList())
                .map(last -> rule.get().lapsesAfterInactivity(last, zone));
    }

    /**
     * The points of the wallet that lapse first, and when: by date, or by inactivity if the member does not accrue again
     * at that program before then (the cabinet's «N баллов сгорят D» and the API's nextExpiry). Null if none will.
     */
    public NextExpiry nextExpiry(long walletId) {
        Instant now = clock.instant();
        List<Lapse> ahead = lapses(walletId, now).stream().filter(x -> x.at().isAfter(now)).toList();
        Instant first = ahead.stream().map(Lapse::at).min(Instant::compareTo).orElse(null);
        if (first == null) {
            return null;
        }
        return new NextExpiry(ahead.stream().filter(x -> x.at().equals(first)).mapToLong(x -> x.lot().remaining()).sum(), first);
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
        for (Lapse x : lapses(walletId, now)) {
            if (x.at().isAfter(now) && !x.at().isAfter(now.plus(NOTICE))) {
                byDay.merge(LocalDate.ofInstant(x.at(), zone), x.lot().remaining(), Long::sum);
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
        notices.toMember(m, "points.expiring", msg.smsExpiry(points, wallet, on),
                msg.mailExpirySubject(points),
                () -> expiryEmail.instance().setLocale(locale).data("language", locale.getLanguage()).data("points", points)
                        .data("wallet", wallet).data("on", on).data("cabinetUrl", config.publicUrl() + "/cabinet/wallets").render());
    }

    /** The bean through its proxy, so each wallet's method gets its own transaction. */
    private ExpiryService self() {
        return io.quarkus.arc.Arc.container().instance(ExpiryService.class).get();
    }
}
