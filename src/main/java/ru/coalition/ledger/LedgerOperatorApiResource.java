package ru.coalition.ledger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.Roles;

/** The ledger audit and manual adjustments, for operator staff and their scripts. */
@Path("/api/v1/operator/ledger")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR_ADMIN)
public class LedgerOperatorApiResource {

    @Inject
    LedgerAudit audit;

    @Inject
    Adjustments adjustments;

    @GET
    @Path("/audit")
    public LedgerAudit.Report audit() {
        return audit.run();
    }

    @POST
    @Path("/adjustments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response adjust(@NotNull(message = "{coalition.field.body-required}") @Valid Adjustments.Adjustment a) {
        return Response.status(201).entity(adjustments.adjust(a)).build();
    }
}
