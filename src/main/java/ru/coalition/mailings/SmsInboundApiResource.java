package ru.coalition.mailings;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The SMS gateway's inbound webhook (issue 12 §2): a member's reply STOP (СТОП, ОТПИСКА) withdraws their marketing SMS
 * consents. The gateway proves itself with the shared secret SMS_INBOUND_SECRET in the X-Webhook-Secret header,
 * compared in constant time. The answer is the same whether or not the phone is a member's, so the webhook tells no one
 * who is a member.
 */
@Path("/api/v1/sms/inbound")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = ApiDocument.TAG_OPERATOR)
public class SmsInboundApiResource {

    /** One inbound SMS as the gateway posts it. */
    @Schema(name = "InboundSms", description = "An SMS a member sent to the program's short number")
    public record InboundSms(
            @Schema(description = "The sender's phone, E.164 or as the gateway writes it (8…, 7…)", examples = "+79101234567") String from,
            @Schema(description = "The message text; STOP, СТОП or ОТПИСКА (any case) unsubscribes", examples = "STOP") String text,
            @Schema(description = "The short number it was sent to", examples = "3443") String to,
            @Schema(description = "The gateway's id of the message, for its own logs") String id) {
    }

    /** What the webhook answers, always the same for a genuine call. */
    @Schema(name = "InboundSmsReceipt", description = "Received; says nothing of whether the phone is a member's")
    public record Receipt(boolean received) {
    }

    @Inject
    MailingsConfig config;

    @Inject
    Unsubscribes unsubscribes;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "receiveInboundSms", summary = "The SMS gateway's inbound webhook (STOP)",
            description = "For the SMS gateway, not for members: it posts each SMS sent to the short number as"
                    + " {\"from\":\"+79101234567\",\"text\":\"STOP\",\"to\":\"3443\",\"id\":\"…\"} with the shared secret"
                    + " (SMS_INBOUND_SECRET) in the X-Webhook-Secret header. STOP, СТОП or ОТПИСКА from a member's phone"
                    + " withdraws both marketing SMS consents (the program's and the partners') at once; any other text or"
                    + " phone changes nothing. The answer is the same either way.")
    @SecurityRequirements
    @ProblemResponses(ErrorCode.UNAUTHORIZED)
    public Receipt receive(@Parameter(description = "The shared secret SMS_INBOUND_SECRET") @HeaderParam("X-Webhook-Secret") String secret,
                           @NotNull(message = "{coalition.field.body-required}") InboundSms sms) {
        if (!genuine(secret)) {
            throw new ProblemException(ErrorCode.UNAUTHORIZED);
        }
        unsubscribes.smsStop(sms.from(), sms.text());
        return new Receipt(true);
    }

    private boolean genuine(String given) {
        String expected = config.smsInboundSecret().orElse("");
        if (expected.isBlank() || given == null) {
            return false;
        }
        // digests of equal length, compared in constant time: the time taken says nothing of how much matched
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
