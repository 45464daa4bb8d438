package ru.coalition.cabinet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.members.Member;
import ru.coalition.members.MemberSettings;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * "Download my data" (152-FZ art. 14): everything the program keeps about the member in one JSON document — the
 * questionnaire, the consent history, the wallets and every ledger entry — read through the features' own services.
 */
@ApplicationScoped
public class DataExport {

    /** More entries than any member has; the file says when it stopped short. */
    static final int MAX_ENTRIES = 100_000;

    public record Profile(UUID memberId, String cardNumber, String lastName, String firstName, String middleName, String phone,
                          String email, LocalDate birthDate, String gender, String city, String socialStatus, String incomeBracket,
                          String preferredChannel, String language, String referralCode, Instant registeredAt) {
    }

    public record Export(String format, Instant exportedAt, Profile profile, MemberSettings.Consents consents,
                         List<MemberAccount.Wallet> wallets, List<MemberAccount.HistoryItem> ledger, long ledgerEntries,
                         boolean ledgerComplete) {
    }

    @Inject
    MemberSettings settings;

    @Inject
    MemberAccount account;

    @Inject
    Clock clock;

    public Export of(Member m) {
        Profile profile = new Profile(m.publicId, m.cardNumber, m.lastName, m.firstName, m.middleName, m.phone, m.email,
                m.birthDate, m.gender, m.city, m.socialStatus, m.incomeBracket, m.preferredChannel, m.language, m.referralCode,
                m.registeredAt);
        List<MemberAccount.HistoryItem> ledger = new ArrayList<>();
        long total = 0;
        for (int page = 0; ledger.size() < MAX_ENTRIES; page++) {
            MemberAccount.History h = account.history(m, page, 100);
            total = h.total();
            ledger.addAll(h.items());
            if (!h.hasNext() || h.items().isEmpty()) {
                break;
            }
        }
        return new Export("coalition-member-data/1", clock.instant(), profile, settings.consents(m.id), account.wallets(m),
                ledger, total, ledger.size() >= total);
    }
}
