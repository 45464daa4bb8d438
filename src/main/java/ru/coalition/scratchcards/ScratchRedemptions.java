package ru.coalition.scratchcards;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.ledger.EntryKind;
import ru.coalition.ledger.LedgerService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.SqlValues;
import ru.coalition.programs.ProgramEngine;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * A member enters a card's code: its points go once into the wallet the partner's program names, activating as that
 * program says, attributed to the partner (an entry of kind SCRATCH with the partner as its origin — one visit of the
 * member there). Whatever the reason a code cannot be used (no such card, used by someone, batch not active, expired,
 * cancelled), the answer is the same, so nobody learns which codes exist; only the member who entered a card before
 * hears that it was theirs.
 */
@ApplicationScoped
@Transactional
public class ScratchRedemptions {

    /** Where a card's entries point back to: the batch, with the card's serial as the entry's note. */
    public static final String SOURCE = "scratch_batch";

    @Schema(name = "ScratchCodeCredited")
    public record Credited(@Schema(description = "Points credited") long points,
                           @Schema(description = "The partner whose card it was (slug)") String partner,
                           @Schema(description = "The wallet credited: coalition or the partner's slug") String wallet,
                           @Schema(description = "When the points become spendable") Instant activatesAt,
                           @Schema(description = "The partner's name") String partnerName,
                           @Schema(description = "The card's printed serial") String serial) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    CodeKeys keys;

    @Inject
    PartnerService partners;

    @Inject
    LedgerService ledger;

    /** Credits the card whose code was typed; a refusal is a ProblemException and leaves nothing written. */
    public Credited enter(long memberId, String typed) {
        String plain = ScratchCode.normalise(typed);
        if (ScratchCode.read(plain) == ScratchCode.Reading.TYPO) {
            throw new ProblemException(ErrorCode.SCRATCH_CODE_TYPO);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> found = em.createNativeQuery("select c.partner_id, c.batch_id, c.serial_no, c.redeemed_by, c.redeemed_at,"
                        + " b.status, b.valid_until, b.points_per_card, b.batch_no from scratch_card c join scratch_batch b on b.id = c.batch_id"
                        + " where c.code_hash = :h")
                .setParameter("h", keys.hash(plain)).getResultList();
        if (found.isEmpty()) {
            throw invalid();
        }
        Object[] card = found.get(0);
        long partnerId = ((Number) card[0]).longValue();
        long batchId = ((Number) card[1]).longValue();
        int serialNo = ((Number) card[2]).intValue();
        if (card[3] != null) {
            if (((Number) card[3]).longValue() == memberId) {
                throw new ProblemException(ErrorCode.SCRATCH_CODE_REDEEMED);
            }
            throw invalid();
        }
        Partner partner = partners.findById(partnerId).orElseThrow();
        ZoneId zone = ZoneId.of(partner.timeZone);
        Instant now = clock.instant();
        LocalDate validUntil = SqlValues.toLocalDate(card[6]);
        if (!"ACTIVE".equals(card[5]) || LocalDate.ofInstant(now, zone).isAfter(validUntil)) {
            throw invalid();
        }
        // of two members entering one code at once, exactly one finds the card still free
        int taken = em.createNativeQuery("update scratch_card set redeemed_by = :m, redeemed_at = :t where partner_id = :p"
                        + " and batch_id = :b and serial_no = :s and redeemed_by is null")
                .setParameter("m", memberId).setParameter("t", now).setParameter("p", partnerId).setParameter("b", batchId)
                .setParameter("s", serialNo).executeUpdate();
        if (taken == 0) {
            throw invalid();
        }
        long points = ((Number) card[7]).longValue();
        String serial = ScratchBatch.serial(((Number) card[8]).intValue(), serialNo);
        Instant activatesAt = partners.programAt(partner, now)
                .map(p -> ProgramEngine.activatesAt(p.definition(), now, zone)).orElse(now);
        long walletId = ledger.walletId(memberId, partner.walletPartnerId());
        ledger.post(walletId, memberId, List.of(new LedgerService.Entry(EntryKind.SCRATCH, points, activatesAt, partnerId,
                SOURCE, batchId, serial)));
        return new Credited(points, partner.slug, partner.walletName(), activatesAt, partner.name, serial);
    }

    private static ProblemException invalid() {
        return new ProblemException(ErrorCode.SCRATCH_CODE_INVALID);
    }

    /** Cards the member entered, newest first (the cabinet's list under the form). */
    public record Entered(String partnerName, String serial, long points, Instant at) {
    }

    public List<Entered> enteredBy(long memberId, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select p.name, b.batch_no, c.serial_no, b.points_per_card, c.redeemed_at"
                        + " from scratch_card c join scratch_batch b on b.id = c.batch_id join partner p on p.id = c.partner_id"
                        + " where c.redeemed_by = :m order by c.redeemed_at desc limit :l")
                .setParameter("m", memberId).setParameter("l", limit).getResultList();
        return rows.stream().map(r -> new Entered((String) r[0], ScratchBatch.serial(((Number) r[1]).intValue(), ((Number) r[2]).intValue()),
                ((Number) r[3]).longValue(), SqlValues.toInstant(r[4]))).toList();
    }
}
