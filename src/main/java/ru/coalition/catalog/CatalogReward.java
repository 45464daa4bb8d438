package ru.coalition.catalog;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.UUID;

/** A reward of the operator's catalog, honoured by one partner. Stock moves only through CatalogOrders' conditional update. */
@Entity
@Table(name = "catalog_reward")
public class CatalogReward extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "public_id")
    public UUID publicId;
    /** The partner that honours the reward: its till redeems the vouchers, and clearing pays it. */
    @Column(name = "partner_id")
    public Long partnerId;
    @Column(name = "title_ru")
    public String titleRu;
    @Column(name = "title_en")
    public String titleEn;
    @Column(name = "description_ru")
    public String descriptionRu;
    @Column(name = "description_en")
    public String descriptionEn;
    public long cost;
    /** Null: unlimited. */
    @Column(name = "stock_left")
    public Integer stockLeft;
    /** Null: no limit per member. */
    @Column(name = "per_member_limit")
    public Integer perMemberLimit;
    @Column(name = "active_from")
    public LocalDate activeFrom;
    @Column(name = "active_until")
    public LocalDate activeUntil;
    @Column(name = "validity_days")
    public int validityDays;
    public boolean active;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public String title(Locale locale) {
        return english(locale) ? titleEn : titleRu;
    }

    public String description(Locale locale) {
        return english(locale) ? descriptionEn : descriptionRu;
    }

    /** Withdrawn, or outside its period on the operator's day. */
    public boolean orderableOn(LocalDate day) {
        return active && (activeFrom == null || !day.isBefore(activeFrom)) && (activeUntil == null || !day.isAfter(activeUntil));
    }

    public boolean inStock() {
        return stockLeft == null || stockLeft > 0;
    }

    private static boolean english(Locale locale) {
        return locale != null && "en".equals(locale.getLanguage());
    }
}
