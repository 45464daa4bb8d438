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
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;

/** The figures of a partner's own campaigns, counts only (issue 12 §4, §6); beside the partner's campaigns API. */
@Path("/api/v1/partner/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PARTNER_ADMIN)
@Tag(name = ApiDocument.TAG_PARTNER)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class PartnerCampaignStatsApiResource {

    @Inject
    CampaignStats stats;

    @Inject
    CurrentPartner currentPartner;

    @GET
    @Path("/{id}/stats")
    @Operation(operationId = "getPartnerCampaignStats", summary = "The figures of a campaign the calling partner asked for",
            description = "The same counts the operator sees, never who got the mail. Another partner's campaign, or the"
                    + " operator's own, answers 404 as if it did not exist.")
    @ProblemResponses({ErrorCode.CAMPAIGN_NOT_FOUND, ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED})
    public CampaignStats.Stats stats(@Parameter(description = "The campaign's id") @PathParam("id") long id) {
        long partnerId = currentPartner.require().id;
        Campaign c = Campaign.findById(id);
        if (c == null || c.partnerId == null || c.partnerId != partnerId) {
            throw new ProblemException(ErrorCode.CAMPAIGN_NOT_FOUND);
        }
        return stats.of(c);
    }
}
