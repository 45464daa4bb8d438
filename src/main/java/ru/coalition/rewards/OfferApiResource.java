package ru.coalition.rewards;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.ProblemException;
import ru.coalition.programs.Money;

import java.util.UUID;

/** Collecting a threshold offer at the partner: the cost is debited and a gift card issued. */
@Path("/api/v1/offers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
@Tag(name = ApiDocument.TAG_TILL)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class OfferApiResource {

    public record CollectedView(String giftCardCode, String nominal) {
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    OfferService offers;

    @POST
    @Path("/{offerId}/collect")
    @Operation(operationId = "collectOffer", summary = "Collect an offer: issue its gift card",
            description = "Debits the offer's cost from the member's active balance and issues the gift card.")
    @APIResponseSchema(value = CollectedView.class, responseCode = "201", responseDescription = "Collected: the gift card's code and nominal")
    @ProblemResponses({ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED, ErrorCode.TILL_ONLY, ErrorCode.OFFER_NOT_FOUND, ErrorCode.OFFER_COLLECTED,
            ErrorCode.OFFER_EXPIRED, ErrorCode.OFFER_INSUFFICIENT})
    public Response collect(@Parameter(description = "The offer's id (offerId of the member's offers)") @PathParam("offerId") String offerId) {
        UUID id;
        try {
            id = UUID.fromString(offerId);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.OFFER_NOT_FOUND);
        }
        OfferService.Collected c = offers.collect(currentPartner.requireTill(), id);
        return Response.status(201).entity(new CollectedView(c.giftCardCode(), Money.format(c.nominal()))).build();
    }
}
