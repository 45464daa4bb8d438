package ru.coalition.members;

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

/** One recorded consent decision with the wording version the member saw; the latest per kind is in force. */
@Entity
@Table(name = "consent")
public class Consent extends PanacheEntityBase {

    public enum Kind {
        PERSONAL_DATA("personalData"), MARKETING_EMAIL("marketingEmail"), MARKETING_SMS("marketingSms"),
        PARTNER_OFFERS_EMAIL("partnerOffersEmail"), PARTNER_OFFERS_SMS("partnerOffersSms");

        /** The name in the API and on the pages (API-CONTRACT.md "Consents and unsubscribe"). */
        public final String apiName;

        Kind(String apiName) {
            this.apiName = apiName;
        }
    }

    /** Bump when the consent texts in i18n/ui*.properties change. */
    public static final String WORDING_VERSION = "2026-11";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "member_id")
    public Long memberId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    public boolean granted;
    @Column(name = "wording_version")
    public String wordingVersion;
    @Column(name = "recorded_at")
    public Instant recordedAt;
    public String source;
    @Column(name = "client_address")
    public String clientAddress;
}
