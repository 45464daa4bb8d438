package ru.coalition.scratchcards;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.ledger.LedgerService;
import ru.coalition.platform.SqlValues;

import java.time.Instant;
import java.util.List;

/** Cards members entered: the answer to an entry ({@link ScratchCodeEntry}), the cabinet's list, the first wallet. */
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
    LedgerService ledger;

    /** The member's wallet for the card's points, created on first use (the code entry's statements only find it). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public long walletId(long memberId, Long walletPartnerId) {
        return ledger.walletId(memberId, walletPartnerId);
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
