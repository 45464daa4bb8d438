package ru.coalition.clearing;

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

/** Clearing statements (API-CONTRACT.md "Statements (clearing)"): the partner's own, and all of them for the operator. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.TAG_CLEARING)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class StatementApiResource {

    @Inject
    CurrentPartner currentPartner;

    @Inject
    ClearingService clearing;

    @GET
    @Path("/partner/statements/{period}")
    @RolesAllowed(Roles.PARTNER_ADMIN)
    @Operation(operationId = "getPartnerStatement", summary = "The calling partner's clearing statement for a month",
            description = "Open months are read from the ledger as they stand; a closed month's statement never changes.")
    @ProblemResponses({ErrorCode.CLEARING_PERIOD, ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED})
    public Statement partner(@Parameter(description = "The month, yyyy-MM", example = "2026-12") @PathParam("period") String period) {
        var partner = currentPartner.require();
        return clearing.statement(partner, clearing.period(period));
    }

    @GET
    @Path("/operator/statements/{period}")
    @RolesAllowed(Roles.OPERATOR_ADMIN)
    @Operation(operationId = "getOperatorStatements", summary = "Every partner's clearing statement for a month, with the totals",
            description = "The partners' nets and the operator's margin add up to zero.")
    @ProblemResponses(ErrorCode.CLEARING_PERIOD)
    public ClearingService.Overview operator(@Parameter(description = "The month, yyyy-MM", example = "2026-12") @PathParam("period") String period) {
        return clearing.overview(clearing.period(period));
    }
}
