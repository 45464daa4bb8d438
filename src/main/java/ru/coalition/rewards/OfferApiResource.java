package ru.coalition.rewards;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.programs.Money;

import java.util.UUID;

/** Collecting a threshold offer at the partner: the cost is debited and a gift card issued. */
@Path("/api/v1/offers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
public class OfferApiResource {

    public record CollectedView(String giftCardCode, String nominal) {
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    OfferService offers;

    @POST
    @Path("/{offerId}/collect")
    public Response collect(@PathParam("offerId") String offerId) {
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
