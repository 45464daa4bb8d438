package ru.coalition.scratchcards;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import ru.coalition.ledger.LedgerService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.programs.ProgramEngine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One attempt at a code, for the API and the cabinet alike: the points go once into the wallet the partner's program
 * names, activating as that program says, attributed to the partner (an entry of kind SCRATCH with the partner as its
 * origin — one visit of the member there). Whatever the reason a code cannot be used (no such card, used by someone,
 * batch not active, expired, cancelled), the answer is the same, so nobody learns which codes exist; only the member
 * who entered a card before hears that it was theirs.
 *
 * <p>Only refused attempts count against the member and the address ({@link ScratchThrottle}). An attempt takes one
 * of two paths:
 * <ul>
 *   <li><b>fast</b>, while neither has a guess bucket (nobody refused there within the hour) and the member has no
 *   other attempt in flight on this replica: the read and the credit, two statements and no bucket at all; a refusal
 *   then charges both buckets before it is answered, so the member's next attempt takes the other path;</li>
 *   <li><b>watched</b>, otherwise: the member's token is taken and the address checked first (429 when either is
 *   spent), given back when the code is accepted, the address charged when it is refused.</li>
 * </ul>
 * Attempts of one member at once on one replica thus meet the bucket one after the other; across replicas at most one
 * attempt per replica slips past a bucket being filled.
 */
@ApplicationScoped
public class ScratchCodeEntry {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    CodeKeys keys;

    @Inject
    ScratchThrottle throttle;

    @Inject
    ScratchRedemptions redemptions;

    @Inject
    PartnerService partners;

    @Inject
    LedgerService ledger;

    /** Members with an attempt on the fast path right now, on this replica. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    /** The member signed in to the cabinet enters a code. */
    public ScratchRedemptions.Credited enter(long memberId, String typed, String clientAddress) {
        return enter(null, memberId, typed, clientAddress);
    }

    /** The member a token's subject names enters a code (the API). */
    public ScratchRedemptions.Credited enterAs(String subject, String typed, String clientAddress) {
        return enter(subject, null, typed, clientAddress);
    }

    private ScratchRedemptions.Credited enter(String subject, Long memberId, String typed, String clientAddress) {
        String plain = ScratchCode.normalise(typed);
        boolean typo = ScratchCode.read(plain) == ScratchCode.Reading.TYPO;
        long addressKey = ScratchThrottle.addressKey(clientAddress);
        ScratchStatements.Found found = sql(c -> ScratchStatements.read(c, subject, memberId, typo ? null : keys.hash(plain), addressKey));
        if (found == null) {
            throw new ProblemException(ErrorCode.MEMBER_NOT_FOUND);
        }
        long member = found.memberId();
        if (!found.watched() && inFlight.add(member)) {
            try {
                return credit(found, typo);
            } catch (ProblemException refused) {
                throttle.refused(member, addressKey);
                throw refused;
            } finally {
                inFlight.remove(member);
            }
        }
        ScratchThrottle.Attempt attempt = throttle.take(member, addressKey);
        ScratchRedemptions.Credited credited;
        try {
            credited = credit(found, typo);
        } catch (ProblemException refused) {
            throttle.refused(attempt);
            throw refused;
        }
        throttle.giveBack(attempt);
        return credited;
    }

    /** Credits the card found, or refuses with a ProblemException, having written nothing. */
    private ScratchRedemptions.Credited credit(ScratchStatements.Found card, boolean typo) {
        if (typo) {
            throw new ProblemException(ErrorCode.SCRATCH_CODE_TYPO);
        }
        if (!card.hasCard()) {
            throw invalid();
        }
        if (card.redeemedBy() != null) {
            throw card.redeemedBy() == card.memberId() ? new ProblemException(ErrorCode.SCRATCH_CODE_REDEEMED) : invalid();
        }
        Partner partner = partners.cachedById(card.partnerId()).orElseThrow();
        ZoneId zone = ZoneId.of(partner.timeZone);
        Instant now = clock.instant();
        if (!"ACTIVE".equals(card.status()) || LocalDate.ofInstant(now, zone).isAfter(card.validUntil())) {
            throw invalid();
        }
        Long walletPartnerId = partner.walletPartnerId();
        Long walletId = walletPartnerId == null ? card.coalitionWallet() : card.partnerWallet();
        if (walletId == null) {
            walletId = redemptions.walletId(card.memberId(), walletPartnerId);
        }
        Instant activatesAt = partners.programAt(partner, now)
                .map(p -> ProgramEngine.activatesAt(p.definition(), now, zone)).orElse(now);
        Instant expiresAt = ledger.expiresAt(partner.id, activatesAt, now);
        String serial = ScratchBatch.serial(card.batchNo(), card.serialNo());
        long wallet = walletId;
        // of two members entering one code at once, exactly one finds the card still free
        if (!sql(c -> ScratchStatements.credit(c, card, wallet, activatesAt, expiresAt, serial, now))) {
            throw invalid();
        }
        return new ScratchRedemptions.Credited(card.points(), partner.slug, partner.walletName(), activatesAt, partner.name, serial);
    }

    private static ProblemException invalid() {
        return new ProblemException(ErrorCode.SCRATCH_CODE_INVALID);
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Each statement on its own pooled connection, committed by itself (no transaction is open here). */
    private <T> T sql(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
