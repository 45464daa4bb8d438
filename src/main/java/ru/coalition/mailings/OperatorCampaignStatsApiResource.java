package ru.coalition.mailings;

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
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;

/** A campaign's figures for the operator's mailing manager (issue 12 §6); beside the campaigns API of the same root. */
@Path("/api/v1/operator/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MAILING_MANAGER, Roles.OPERATOR_ADMIN})
@Tag(name = ApiDocument.TAG_OPERATOR)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class OperatorCampaignStatsApiResource {

    @Inject
    CampaignStats stats;

    @GET
    @Path("/{id}/stats")
    @Operation(operationId = "getCampaignStats", summary = "A campaign's figures",
            description = "Recipients, queued, sent, skipped by reason, failed, bounced, unsubscribed, opened and clicked"
                    + " (people and in all), and sent/opened/clicked per interval (10 minutes, or an hour for a campaign"
                    + " longer than 12 hours).")
    @ProblemResponses(ErrorCode.CAMPAIGN_NOT_FOUND)
    public CampaignStats.Stats stats(@Parameter(description = "The campaign's id") @PathParam("id") long id) {
        return stats.of(id);
    }
}
