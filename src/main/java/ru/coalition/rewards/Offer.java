package ru.coalition.rewards;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** A threshold reward made to a member: collect it at the partner before it expires, or it is annulled. */
@Entity
@Table(name = "offer")
public class Offer extends PanacheEntityBase {

    public enum Status { OPEN, COLLECTED, ANNULLED }

    @Id
    public Long id;
    @Column(name = "public_id")
    public UUID publicId;
    @Column(name = "partner_id")
    public Long partnerId;
    @Column(name = "member_id")
    public Long memberId;
    @Column(name = "wallet_id")
    public Long walletId;
    @Column(name = "rule_id")
    public String ruleId;
    /** Points the collection debits. */
    public long cost;
    /** Kopecks of the gift card. */
    public long nominal;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "noticed_at")
    public Instant noticedAt;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "closed_at")
    public Instant closedAt;
    @Column(name = "gift_card_id")
    public Long giftCardId;
}
