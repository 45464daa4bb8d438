package ru.coalition.purchases;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Idempotency;
import ru.coalition.platform.ProblemResponses;

/** Receipts and refunds from the partner's till (API-CONTRACT.md "Purchases"). */
@Path("/api/v1/purchases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
@Tag(name = ApiDocument.TAG_PURCHASES)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses({ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED, ErrorCode.TILL_ONLY})
public class PurchaseApiResource {

    @Inject
    CurrentPartner currentPartner;

    @Inject
    PurchaseService purchases;

    @Inject
    RefundService refunds;

    /** 201 on the first post, 200 with the first answer on an identical replay, 409 on a different body. */
    @POST
    @Operation(operationId = "postPurchase", summary = "Post a receipt",
            description = "Credits the points the partner's program gives for it, under the program version in force at"
                    + " `occurredAt` (up to 90 days back, at most 5 minutes ahead). Idempotent on receiptId: an identical"
                    + " replay answers 200 with the first answer, a different body for the same receipt 409.")
    @APIResponse(responseCode = "201", description = "Posted: the points it earned and when they activate",
            content = @Content(schema = @Schema(implementation = PurchaseService.PurchaseAnswer.class)))
    @APIResponse(responseCode = "200", description = "An identical replay: the first answer",
            content = @Content(schema = @Schema(implementation = PurchaseService.PurchaseAnswer.class)))
    @ProblemResponses({ErrorCode.MEMBER_NOT_FOUND, ErrorCode.MEMBER_REF_MISMATCH, ErrorCode.PURCHASE_RECEIPT_CONFLICT,
            ErrorCode.PURCHASE_IN_FUTURE, ErrorCode.PURCHASE_TOO_OLD, ErrorCode.PURCHASE_NO_PROGRAM,
            ErrorCode.PURCHASE_GIFT_CARD_CODE, ErrorCode.PURCHASE_GIFT_CARD_EXCEEDS, ErrorCode.GIFTCARD_UNKNOWN,
            ErrorCode.PURCHASE_PAYMENTS_MISMATCH, ErrorCode.PURCHASE_OVER_AMOUNT_LIMIT, ErrorCode.PURCHASE_OVER_POINTS_LIMIT,
            ErrorCode.PURCHASE_RETRY})
    public Response post(@NotNull(message = "{coalition.field.body-required}") @Valid PurchaseRequest request) {
        return answer(purchases.post(currentPartner.requireTill(), request));
    }

    @POST
    @Path("/{receiptId}/refunds")
    @Operation(operationId = "postRefund", summary = "Refund lines of a posted receipt",
            description = "Takes back exactly what the refunded lines earned, and the bonuses the purchase triggered in"
                    + " proportion. Lines are named by sku or by position (`line`, from 0). Idempotent on refundId within"
                    + " the receipt.")
    @APIResponse(responseCode = "201", description = "Refunded: the points taken back",
            content = @Content(schema = @Schema(implementation = RefundService.RefundAnswer.class)))
    @APIResponse(responseCode = "200", description = "An identical replay: the first answer",
            content = @Content(schema = @Schema(implementation = RefundService.RefundAnswer.class)))
    @ProblemResponses({ErrorCode.PURCHASE_NOT_FOUND, ErrorCode.REFUND_CONFLICT, ErrorCode.REFUND_EXCEEDS,
            ErrorCode.REFUND_LINE_REQUIRED})
    public Response refund(@Parameter(description = "The receipt's id, as posted") @PathParam("receiptId") String receiptId,
                           @NotNull(message = "{coalition.field.body-required}") @Valid RefundRequest request) {
        return answer(refunds.refund(currentPartner.requireTill(), receiptId, request));
    }

    static Response answer(Idempotency.Answer posted) {
        return Response.status(posted.replay() ? 200 : 201).entity(posted.json()).type(MediaType.APPLICATION_JSON).build();
    }
}
