package ru.coalition.giftcards;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A single-use gift card of a partner, issued as a threshold reward and redeemed by paying a purchase with it. */
@Entity
@Table(name = "gift_card")
public class GiftCard extends PanacheEntityBase {

    public enum Status { ISSUED, REDEEMED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "partner_id")
    public Long partnerId;
    public String code;
    /** Kopecks. */
    public long nominal;
    @Column(name = "member_id")
    public Long memberId;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "issued_at")
    public Instant issuedAt;
    @Column(name = "redeemed_at")
    public Instant redeemedAt;
    @Column(name = "redeemed_purchase_id")
    public Long redeemedPurchaseId;
}
