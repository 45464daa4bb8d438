package ru.coalition.giftcards;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Issuing gift cards and taking them as payment. */
@ApplicationScoped
public class GiftCardService {

    /** No 0/O, 1/I/L: the code is read aloud and typed at the till. */
    private static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A card locked for this transaction, good for the amount asked. */
    public record Payable(long id, long nominal) {
    }

    @Inject
    EntityManager em;

    @Inject
    Clock clock;

    @Transactional(Transactional.TxType.MANDATORY)
    public GiftCard issue(long partnerId, Long memberId, long nominal) {
        GiftCard card = new GiftCard();
        card.partnerId = partnerId;
        card.memberId = memberId;
        card.nominal = nominal;
        card.status = GiftCard.Status.ISSUED;
        card.issuedAt = clock.instant();
        card.code = newCode();
        card.persist();
        return card;
    }

    /**
     * Locks an unused card of this partner for a payment of {@code amount} kopecks. Empty when there is no such card,
     * it is another partner's, already used, or worth less: the till learns only that the card cannot pay.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Payable> lockForPayment(long partnerId, String code, long amount) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select id, nominal, status, partner_id from gift_card where code = :c for update")
                .setParameter("c", normalize(code)).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        long nominal = ((Number) r[1]).longValue();
        if (((Number) r[3]).longValue() != partnerId || !"ISSUED".equals(r[2]) || amount > nominal) {
            return Optional.empty();
        }
        return Optional.of(new Payable(((Number) r[0]).longValue(), nominal));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void markRedeemed(long cardId, long purchaseId) {
        em.createNativeQuery("update gift_card set status = 'REDEEMED', redeemed_at = :t, redeemed_purchase_id = :p where id = :id")
                .setParameter("t", clock.instant()).setParameter("p", purchaseId).setParameter("id", cardId).executeUpdate();
    }

    /** A fully refunded receipt gives back the cards it was paid with: they can pay again. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int restoreRedeemedBy(long purchaseId) {
        return em.createNativeQuery("update gift_card set status = 'ISSUED', redeemed_at = null, redeemed_purchase_id = null"
                + " where redeemed_purchase_id = :p and status = 'REDEEMED'").setParameter("p", purchaseId).executeUpdate();
    }

    public List<GiftCard> ofMember(long memberId) {
        return GiftCard.list("memberId = ?1 order by issuedAt desc", memberId);
    }

    public Optional<GiftCard> byId(long id) {
        return GiftCard.findByIdOptional(id);
    }

    /** A code as stored: codes that differ only in case or spacing are the same card. */
    public static String normalize(String code) {
        return code == null ? "" : code.replaceAll("\\s", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** GC-XXXX-XXXX: 31^8 ≈ 8.5e11 codes. */
    static String newCode() {
        StringBuilder s = new StringBuilder("GC-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) {
                s.append('-');
            }
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
