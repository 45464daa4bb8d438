package ru.coalition.redemptions;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Idempotency;
import ru.coalition.platform.ProblemResponses;

/** Paying with points at the till, confirmed by the member's one-time code. */
@Path("/api/v1/redemptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
@Tag(name = ApiDocument.TAG_TILL)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class RedemptionApiResource {

    @Inject
    CurrentPartner currentPartner;

    @Inject
    RedemptionService redemptions;

    @POST
    @Operation(operationId = "redeemPoints", summary = "Pay with points, confirmed by the member's one-time code",
            description = "Spends points of the wallet this partner credits; never below zero. Idempotent on"
                    + " redemptionId. Wrong codes are counted per member and partner: after 5 in 10 minutes the next"
                    + " attempts answer 429.")
    @APIResponse(responseCode = "201", description = "Redeemed: the points spent and the active balance after",
            content = @Content(schema = @Schema(implementation = RedemptionService.Answer.class)))
    @APIResponse(responseCode = "200", description = "An identical replay: the first answer",
            content = @Content(schema = @Schema(implementation = RedemptionService.Answer.class)))
    @ProblemResponses({ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED, ErrorCode.TILL_ONLY, ErrorCode.MEMBER_NOT_FOUND, ErrorCode.MEMBER_REF_MISMATCH,
            ErrorCode.REDEMPTION_INSUFFICIENT, ErrorCode.REDEMPTION_BAD_CODE, ErrorCode.REDEMPTION_THROTTLED,
            ErrorCode.REDEMPTION_CONFLICT, ErrorCode.REDEMPTION_IN_PROGRESS})
    public Response redeem(@NotNull(message = "{coalition.field.body-required}") @Valid RedemptionRequest request) {
        Idempotency.Answer r = redemptions.redeem(currentPartner.requireTill(), request);
        return Response.status(r.replay() ? 200 : 201).entity(r.json()).type(MediaType.APPLICATION_JSON).build();
    }
}
