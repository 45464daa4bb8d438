package ru.coalition.mailings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

/** A campaign's row for one member: queued, then sent, skipped (with the reason) or failed. One per campaign+member. */
@Entity
@Table(name = "campaign_recipient")
public class CampaignRecipient extends PanacheEntityBase {

    public enum Status {
        QUEUED, SENT, SKIPPED, FAILED
    }

    @Embeddable
    public static class Key implements Serializable {
        @Column(name = "campaign_id")
        public Long campaignId;
        @Column(name = "member_id")
        public Long memberId;

        public Key() {
        }

        public Key(Long campaignId, Long memberId) {
            this.campaignId = campaignId;
            this.memberId = memberId;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(campaignId, k.campaignId) && java.util.Objects.equals(memberId, k.memberId);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(campaignId, memberId);
        }
    }

    @EmbeddedId
    public Key key;
    @Enumerated(EnumType.STRING)
    public Status status = Status.QUEUED;
    @Column(name = "skip_reason")
    public String skipReason;
    public String address;
    public int attempts;
    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;
    @Column(name = "sent_at")
    public Instant sentAt;
    @Column(name = "last_error")
    public String lastError;
}
