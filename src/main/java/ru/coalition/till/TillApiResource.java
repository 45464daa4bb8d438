package ru.coalition.till;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;

import java.util.List;

/** A member as the till sees them: this partner's wallet and open offers, never contact data. */
@Path("/api/v1/members/{cardNumber}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
public class TillApiResource {

    @Inject
    CurrentPartner currentPartner;

    @Inject
    TillService till;

    @GET
    @Path("/wallet")
    public TillService.WalletView wallet(@PathParam("cardNumber") String cardNumber) {
        return till.wallet(currentPartner.requireTill(), till.member(cardNumber));
    }

    @GET
    @Path("/offers")
    public List<TillService.OfferView> offers(@PathParam("cardNumber") String cardNumber) {
        return till.offers(currentPartner.requireTill(), till.member(cardNumber));
    }
}
