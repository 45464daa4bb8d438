package ru.coalition.till;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;

import java.util.List;

/** A member as the till sees them: this partner's wallet and open offers, never contact data. */
@Path("/api/v1/members/{cardNumber}")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
@Tag(name = ApiDocument.TAG_TILL)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses({ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED, ErrorCode.TILL_ONLY, ErrorCode.MEMBER_NOT_FOUND})
public class TillApiResource {

    private static final String CARD_NUMBER = "The member's card number, as printed on the card";

    @Inject
    CurrentPartner currentPartner;

    @Inject
    TillService till;

    @GET
    @Path("/wallet")
    @Operation(operationId = "getMemberWallet", summary = "A member's balance in the wallet this partner credits",
            description = "Active and pending points of the wallet this partner's program credits and, for a coalition"
                    + " program, of the coalition wallet. No contact data.")
    public TillService.WalletView wallet(@Parameter(description = CARD_NUMBER) @PathParam("cardNumber") String cardNumber) {
        return till.wallet(currentPartner.requireTill(), till.member(cardNumber));
    }

    @GET
    @Path("/offers")
    @Operation(operationId = "listMemberOffers", summary = "A member's open threshold offers at this partner")
    public List<TillService.OfferView> offers(@Parameter(description = CARD_NUMBER) @PathParam("cardNumber") String cardNumber) {
        return till.offers(currentPartner.requireTill(), till.member(cardNumber));
    }
}
