package ru.coalition.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.WalletScope;
import ru.coalition.platform.RequestLocale;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What operator staff see of one member: the member's own view plus what only staff may read (adjustment reasons). */
@ApplicationScoped
public class MemberDesk {

    static final int HISTORY = 30;

    public record Card(String cardNumber, String cardGroups, String name, String phone, String email, LocalDate birthDate,
                       String city, String language, String channel, String status, Instant registeredAt,
                       Map<String, Boolean> consents, List<WalletRow> wallets, List<Entry> history, long historyTotal,
                       List<WalletChoice> walletChoices) {
    }

    /** wallet: "coalition" or a partner's slug; name: what people call it (null for the coalition account). */
    public record WalletRow(String wallet, String name, long active, long pending) {
    }

    public record Entry(OffsetDateTime at, String kind, String partner, long points, boolean pending, OffsetDateTime activatesAt, String note) {
    }

    /** A wallet an adjustment may go to: the coalition account or a closed-loop partner's. */
    public record WalletChoice(String wallet, String name) {
    }

    @Inject
    MemberService members;

    @Inject
    LedgerService ledger;

    @Inject
    PartnerService partners;

    @Inject
    Clock clock;

    @Inject
    RequestLocale locale;

    /** A card as printed (with spaces), a phone in any common form, or an e-mail. */
    public Optional<Member> find(String query) {
        if (query == null || query.isBlank() || query.length() > 100) {
            return Optional.empty();
        }
        String q = query.trim();
        return q.contains("@") ? members.byEmail(q) : members.find(q);
    }

    public Card card(Member m) {
        Map<Long, Partner> byId = partners.list().stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
        List<WalletRow> wallets = ledger.walletsOf(m.id).stream().map(w -> {
            Partner p = w.partnerId() == null ? null : byId.get(w.partnerId());
            return new WalletRow(p == null ? WalletScope.COALITION_WALLET : p.slug, p == null ? null : p.name,
                    w.balance().active(), w.balance().pending());
        }).toList();
        Instant now = clock.instant();
        List<Entry> history = ledger.history(m.id, 0, HISTORY).stream().map(e -> {
            Partner origin = e.partnerId() == null ? null : byId.get(e.partnerId());
            return new Entry(utc(e.createdAt()), e.kind().name(), origin == null ? null : origin.name, e.amount(),
                    e.activatesAt().isAfter(now), utc(e.activatesAt()), e.note());
        }).toList();
        List<WalletChoice> choices = new ArrayList<>();
        choices.add(new WalletChoice(WalletScope.COALITION_WALLET, locale.messages().walletsCoalition()));
        byId.values().stream().filter(p -> p.walletScope == WalletScope.CLOSED_LOOP)
                .sorted(java.util.Comparator.comparing(p -> p.name))
                .forEach(p -> choices.add(new WalletChoice(p.slug, p.name)));
        String name = String.join(" ", java.util.stream.Stream.of(m.lastName, m.firstName, m.middleName)
                .filter(s -> s != null && !s.isBlank()).toList());
        return new Card(m.cardNumber, m.cardNumber.replaceAll("(\\d{4})(?=\\d)", "$1 "), name, m.phone, m.email, m.birthDate,
                m.city, m.language, m.preferredChannel, m.status, m.registeredAt, members.consentsOf(m.id), wallets, history,
                ledger.historyCount(m.id), choices);
    }

    /** Shown in the viewer's zone by the formats; UTC here only carries the instant. */
    private static OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }

    /** "coalition" reads as the coalition account, a slug as its partner's name. */
    public String walletLabel(String wallet) {
        if (WalletScope.COALITION_WALLET.equals(wallet)) {
            return locale.messages().walletsCoalition();
        }
        return partners.findBySlug(wallet).map(p -> p.name).orElse(wallet);
    }
}
