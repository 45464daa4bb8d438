package ru.coalition.mailings;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.members.Consent;

import java.time.Instant;

/** A campaign's content as a composer sends it (operator and partner alike). */
@Schema(name = "CampaignDraft")
public record CampaignDraft(
        @NotBlank(message = "{coalition.field.required}") @Size(max = Campaigns.NAME_MAX, message = "{coalition.field.too-long}") String name,
        @Schema(description = "EMAIL or SMS") @NotNull(message = "{coalition.field.required}")
        @Pattern(regexp = "EMAIL|SMS", message = "{coalition.field.choice}") String channel,
        @Schema(description = "A segment of the caller's (a partner's own); null for the operator: every member with the consent") Long segmentId,
        @Schema(description = "E-mail subject; Qute expressions such as {member.firstName} allowed")
        @Size(max = Campaigns.SUBJECT_MAX, message = "{coalition.field.too-long}") String subjectRu,
        @Size(max = Campaigns.SUBJECT_MAX, message = "{coalition.field.too-long}") String subjectEn,
        @Schema(description = "E-mail: Markdown with Qute expressions; SMS: the text (at most 500 characters)")
        @Size(max = Campaigns.BODY_MAX, message = "{coalition.field.too-long}") String bodyRu,
        @Size(max = Campaigns.BODY_MAX, message = "{coalition.field.too-long}") String bodyEn,
        Boolean trackOpens, Boolean trackClicks,
        @Schema(description = "When the partner would like it sent") Instant wishedAt) {

    Campaigns.Draft toDraft() {
        return new Campaigns.Draft(name, channel == null ? null : Consent.Channel.valueOf(channel), segmentId, subjectRu, subjectEn,
                bodyRu, bodyEn, trackOpens, trackClicks, wishedAt);
    }
}
