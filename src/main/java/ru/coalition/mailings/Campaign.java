package ru.coalition.mailings;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import ru.coalition.members.Consent;

import java.time.Instant;

/**
 * One mailing: the operator's newsletter issue or special offer, or a partner's request sent by the operator. Its
 * content is a subject and a Markdown body with Qute expressions per language (e-mail) or a text (SMS).
 */
@Entity
@Table(name = "campaign")
public class Campaign extends PanacheEntityBase {

    public enum Kind {
        NEWSLETTER, OFFER, PARTNER
    }

    public enum Status {
        /** A partner asked; the operator's mailing manager approves (→ DRAFT or SCHEDULED) or rejects. */
        REQUESTED,
        DRAFT,
        SCHEDULED,
        SENDING,
        PAUSED,
        SENT,
        CANCELLED,
        REJECTED;

        public boolean finished() {
            return this == SENT || this == CANCELLED || this == REJECTED;
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "partner_id")
    public Long partnerId;
    @Enumerated(EnumType.STRING)
    public Kind kind;
    @Enumerated(EnumType.STRING)
    public Consent.Channel channel;
    public String name;
    @Column(name = "segment_id")
    public Long segmentId;
    @Column(name = "subject_ru")
    public String subjectRu;
    @Column(name = "subject_en")
    public String subjectEn;
    @Column(name = "body_ru")
    public String bodyRu;
    @Column(name = "body_en")
    public String bodyEn;
    @Enumerated(EnumType.STRING)
    public Status status;
    @Column(name = "wished_at")
    public Instant wishedAt;
    @Column(name = "scheduled_at")
    public Instant scheduledAt;
    @Column(name = "started_at")
    public Instant startedAt;
    @Column(name = "finished_at")
    public Instant finishedAt;
    @Column(name = "track_opens")
    public boolean trackOpens = true;
    @Column(name = "track_clicks")
    public boolean trackClicks = true;
    public Integer recipients;
    @Column(name = "requested_by")
    public String requestedBy;
    @Column(name = "approved_by")
    public String approvedBy;
    @Column(name = "approved_at")
    public Instant approvedAt;
    @Column(name = "rejection_reason")
    public String rejectionReason;
    @Column(name = "newsletter_slot")
    public Instant newsletterSlot;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;
    @Version
    public int version;

    /** The consent every recipient must have at send time. */
    public Consent.Kind consentKind() {
        return Consent.Kind.of(kind == Kind.PARTNER ? Consent.Purpose.PARTNER_MARKETING : Consent.Purpose.OPERATOR_MARKETING, channel);
    }

    public String subject(String language) {
        return "en".equals(language) && subjectEn != null && !subjectEn.isBlank() ? subjectEn : subjectRu;
    }

    public String body(String language) {
        return "en".equals(language) && bodyEn != null && !bodyEn.isBlank() ? bodyEn : bodyRu;
    }
}
