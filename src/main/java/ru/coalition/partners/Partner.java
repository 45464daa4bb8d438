package ru.coalition.partners;

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

/** A partner business: a tenant of Coalition, known outside by its slug. */
@Entity
@Table(name = "partner")
public class Partner extends PanacheEntityBase {

    public enum Status { ACTIVE, SUSPENDED }

    public enum Source { FILE, CONSOLE }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;
    public String name;
    @Column(name = "legal_name")
    public String legalName;
    public String city;
    @Column(name = "time_zone")
    public String timeZone;
    @Enumerated(EnumType.STRING)
    @Column(name = "wallet_scope")
    public WalletScope walletScope;
    @Enumerated(EnumType.STRING)
    public Status status = Status.ACTIVE;
    /** Why the operator suspended the partner (null while active). */
    @Column(name = "status_reason")
    public String statusReason;
    @Column(name = "status_changed_at")
    public Instant statusChangedAt;
    @Enumerated(EnumType.STRING)
    public Source source;
    @Column(name = "source_checksum")
    public String sourceChecksum;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    /** RUB per coalition point in clearing, set by the operator at onboarding; null until set. */
    @Column(name = "rate_per_point")
    public java.math.BigDecimal ratePerPoint;

    /**
     * The partner whose own wallet this partner's points go to, or null for the coalition wallet. The scope is set
     * by the operator at onboarding; a program version cannot change it.
     */
    public Long walletPartnerId() {
        return walletScope == WalletScope.COALITION ? null : id;
    }

    /** The wallet's name as the API and pages show it: "coalition" or the partner's slug. */
    public String walletName() {
        return walletScope == WalletScope.COALITION ? WalletScope.COALITION_WALLET : slug;
    }
}
