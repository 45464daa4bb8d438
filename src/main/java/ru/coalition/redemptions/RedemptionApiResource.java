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
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.Idempotency;

/** Paying with points at the till, confirmed by the member's one-time code. */
@Path("/api/v1/redemptions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
public class RedemptionApiResource {

    @Inject
    CurrentPartner currentPartner;

    @Inject
    RedemptionService redemptions;

    @POST
    public Response redeem(@NotNull(message = "{coalition.field.body-required}") @Valid RedemptionRequest request) {
        Idempotency.Answer r = redemptions.redeem(currentPartner.requireTill(), request);
        return Response.status(r.replay() ? 200 : 201).entity(r.json()).type(MediaType.APPLICATION_JSON).build();
    }
}
