package ru.coalition.mailings;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A campaign in the API: its content, target, state and when; never a recipient. */
@Schema(name = "Campaign")
public record CampaignView(long id, String name,
                           @Schema(description = "NEWSLETTER, OFFER (the operator's) or PARTNER (on behalf of a partner)") String kind,
                           @Schema(description = "EMAIL or SMS") String channel,
                           @Schema(description = "The segment it goes to; null: every member with the consent") Long segmentId,
                           String subjectRu, String subjectEn, String bodyRu, String bodyEn,
                           @Schema(description = "REQUESTED, DRAFT, SCHEDULED, SENDING, PAUSED, SENT, CANCELLED or REJECTED") String status,
                           Instant wishedAt, Instant scheduledAt, Instant startedAt, Instant finishedAt,
                           @Schema(description = "How many members it was resolved to when the send started") Integer recipients,
                           @Schema(description = "Why the operator refused the request") String rejectionReason,
                           boolean trackOpens, boolean trackClicks, Instant createdAt) {

    public static CampaignView of(Campaign c) {
        return new CampaignView(c.id, c.name, c.kind.name(), c.channel.name(), c.segmentId, c.subjectRu, c.subjectEn, c.bodyRu,
                c.bodyEn, c.status.name(), c.wishedAt, c.scheduledAt, c.startedAt, c.finishedAt, c.recipients,
                c.rejectionReason, c.trackOpens, c.trackClicks, c.createdAt);
    }
}
