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

    /** What a message is for: each purpose needs its own consent per channel (issue 12 §1). */
    public enum Purpose {
        /** The operator's newsletter and special offers. */
        OPERATOR_MARKETING,
        /** Mailings sent by the operator on behalf of a partner. */
        PARTNER_MARKETING,
        /** Notices about the member's own account: offers made, points expiring, tickets. */
        SERVICE
    }

    public enum Channel {
        EMAIL, SMS
    }

    public enum Kind {
        PERSONAL_DATA("personalData", null, null, false),
        MARKETING_EMAIL("marketingEmail", Purpose.OPERATOR_MARKETING, Channel.EMAIL, false),
        MARKETING_SMS("marketingSms", Purpose.OPERATOR_MARKETING, Channel.SMS, false),
        PARTNER_OFFERS_EMAIL("partnerOffersEmail", Purpose.PARTNER_MARKETING, Channel.EMAIL, false),
        PARTNER_OFFERS_SMS("partnerOffersSms", Purpose.PARTNER_MARKETING, Channel.SMS, false),
        // service notices are part of membership: in force until the member withdraws them
        SERVICE_EMAIL("serviceEmail", Purpose.SERVICE, Channel.EMAIL, true),
        SERVICE_SMS("serviceSms", Purpose.SERVICE, Channel.SMS, true);

        /** The name in the API and on the pages (API-CONTRACT.md "Consents and unsubscribe"). */
        public final String apiName;
        public final Purpose purpose;
        public final Channel channel;
        /** In force while the member has recorded no decision. Marketing needs a consent given beforehand (38-FZ art. 18). */
        public final boolean grantedByDefault;

        Kind(String apiName, Purpose purpose, Channel channel, boolean grantedByDefault) {
            this.apiName = apiName;
            this.purpose = purpose;
            this.channel = channel;
            this.grantedByDefault = grantedByDefault;
        }

        /** The consent a message of this purpose needs on this channel. */
        public static Kind of(Purpose purpose, Channel channel) {
            for (Kind k : values()) {
                if (k.purpose == purpose && k.channel == channel) {
                    return k;
                }
            }
            throw new IllegalArgumentException(purpose + "/" + channel);
        }
    }

    /** Bump when a consent text changes, with a migration adding the new version's texts to consent_wording (V27). */
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
