package ru.coalition.mailings;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;

/**
 * The ESP's bounce webhook (issue 12 §6): one bounce notice per call, as JSON. No token: the caller proves itself with
 * the shared secret (coalition.bounces.webhook-secret) in the X-Webhook-Secret header, compared in constant time and
 * checked before the body is read, so a caller without it learns nothing about the body's rules. A notice sent again
 * (the same id and recipient) is recorded once.
 */
@Path(BounceWebhookResource.PATH)
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@SecurityRequirements
@Tag(name = ApiDocument.TAG_MAIL_BOUNCES)
public class BounceWebhookResource {

    static final String PATH = "/api/v1/mail/bounces";
    static final String SECRET_HEADER = "X-Webhook-Secret";

    @Schema(name = "BounceNotice", description = "One bounced (or complained) recipient of one mail, as the ESP reports it.")
    public record Notice(
            @Schema(description = "The ESP's id of this event: a retry with the same id is recorded once", examples = "evt_01HZX3")
            @NotBlank(message = "{coalition.field.required}") @Size(max = 200, message = "{coalition.field.too-long}") String id,
            @Schema(description = "hard: the address takes no mail (suppressed at once); soft: not now (suppressed after"
                    + " repeated ones); complaint: the recipient marked the mail as spam (suppressed at once)",
                    enumeration = {"hard", "soft", "complaint"})
            @NotNull(message = "{coalition.field.required}") @Pattern(regexp = "hard|soft|complaint", message = "{coalition.field.choice}") String type,
            @Schema(examples = "someone@example.org")
            @NotBlank(message = "{coalition.field.required}") @Email(message = "{coalition.field.email}")
            @Size(max = 254, message = "{coalition.field.too-long}") String recipient,
            @Schema(description = "The enhanced status code (RFC 3463), if the ESP gives one", examples = "5.1.1")
            @Pattern(regexp = "[245]\\.\\d{1,3}\\.\\d{1,3}", message = "{coalition.field.dsn-status}") String status,
            @Schema(description = "The receiving server's answer", examples = "550 5.1.1 <someone@example.org>: user unknown")
            @Size(max = 1000, message = "{coalition.field.too-long}") String diagnostic,
            @Schema(description = "The Message-ID of the mail that bounced, as sent: it names the campaign and the member",
                    examples = "<c12.m3456.9f2c1a7b@mail.coalition.local>")
            @Size(max = 998, message = "{coalition.field.too-long}") String messageId) {
    }

    @Schema(name = "BounceRecorded")
    public record Recorded(@Schema(description = "false when this notice was recorded before") boolean recorded,
                           @Schema(description = "Whether marketing mail to the address is suppressed now") boolean suppressed) {
    }

    @Inject
    Bounces bounces;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "reportBounce", summary = "Report a bounce or a complaint (the ESP's webhook)",
            description = "Send the shared secret in the X-Webhook-Secret header. A hard bounce or a complaint suppresses the"
                    + " address for marketing mail at once; soft bounces do when they repeat (by default 3 within 30 days).")
    @Parameter(name = SECRET_HEADER, in = ParameterIn.HEADER, required = true, description = "The webhook's shared secret",
            schema = @Schema(type = SchemaType.STRING))
    @ProblemResponses({ErrorCode.BOUNCE_WEBHOOK_SECRET, ErrorCode.VALIDATION})
    public Recorded report(@NotNull(message = "{coalition.field.body-required}") @Valid Notice n) {
        Optional<CampaignMessageIds.Ref> ref = CampaignMessageIds.parse(n.messageId());
        Bounces.Kind kind = Bounces.Kind.valueOf(n.type().toUpperCase(Locale.ROOT));
        Bounces.Recorded r = bounces.record(new Bounces.Notice(Bounces.Source.WEBHOOK, n.id(), n.recipient(), kind, n.status(),
                n.diagnostic(), ref.map(CampaignMessageIds.Ref::campaignId).orElse(null), ref.map(CampaignMessageIds.Ref::memberId).orElse(null)));
        return new Recorded(r.recorded(), r.suppressed());
    }

    /** Constant time whatever the two are: both are hashed first, so neither their content nor their length shows. */
    static boolean sameSecret(String expected, String given) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
