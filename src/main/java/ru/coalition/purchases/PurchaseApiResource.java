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
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.Idempotency;

/** Receipts and refunds from the partner's till (API-CONTRACT.md "Purchases"). */
@Path("/api/v1/purchases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
public class PurchaseApiResource {

    @Inject
    CurrentPartner currentPartner;

    @Inject
    PurchaseService purchases;

    @Inject
    RefundService refunds;

    /** 201 on the first post, 200 with the first answer on an identical replay, 409 on a different body. */
    @POST
    public Response post(@NotNull(message = "{coalition.field.body-required}") @Valid PurchaseRequest request) {
        return answer(purchases.post(currentPartner.requireTill(), request));
    }

    @POST
    @Path("/{receiptId}/refunds")
    public Response refund(@PathParam("receiptId") String receiptId,
                           @NotNull(message = "{coalition.field.body-required}") @Valid RefundRequest request) {
        return answer(refunds.refund(currentPartner.requireTill(), receiptId, request));
    }

    static Response answer(Idempotency.Answer posted) {
        return Response.status(posted.replay() ? 200 : 201).entity(posted.json()).type(MediaType.APPLICATION_JSON).build();
    }
}
