package ru.coalition.purchases;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A receipt accrued once per (partner, receiptId); written by {@link PurchaseService} in one statement. */
@Entity
@Table(name = "purchase")
public class Purchase extends PanacheEntityBase {

    @Id
    public Long id;
    @Column(name = "public_id")
    public UUID publicId;
    @Column(name = "partner_id")
    public Long partnerId;
    @Column(name = "receipt_id")
    public String receiptId;
    @Column(name = "member_id")
    public Long memberId;
    @Column(name = "wallet_id")
    public Long walletId;
    @Column(name = "program_version_id")
    public Long programVersionId;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    public String fingerprint;
    public long total;
    @Column(name = "gift_card_paid")
    public long giftCardPaid;
    @Column(name = "gift_card_bonus")
    public long giftCardBonus;
    public BigDecimal multiplier;
    public long points;
    @Column(name = "activates_at")
    public Instant activatesAt;
    @JdbcTypeCode(SqlTypes.JSON)
    public String response;
    @Column(name = "created_at")
    public Instant createdAt;
}
