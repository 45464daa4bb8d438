package ru.coalition.mailings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

import java.util.List;

/**
 * A partner's mailings (issue 12 §4): the partner admin asks the operator to send to one of its segments and follows
 * the state and the figures; the recipients stay with the operator.
 */
@Path("/api/v1/partner/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PARTNER_ADMIN)
@Tag(name = ApiDocument.TAG_PARTNER)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class PartnerCampaignsApiResource {

    @Inject
    Campaigns campaigns;

    @Inject
    CurrentPartner partner;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    @Operation(operationId = "partnerCampaigns", summary = "The partner's own mailings, newest first")
    public List<CampaignView> list() {
        return campaigns.list(partner.require().id).stream().map(CampaignView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "requestCampaign", summary = "Ask the operator to send a mailing to one of the partner's segments")
    @ProblemResponses(ErrorCode.VALIDATION)
    public Response request(@NotNull(message = "{coalition.field.body-required}") @Valid CampaignDraft d) {
        Campaign c = campaigns.request(partner.require().id, d.toDraft(), user.displayName(), locale.get());
        return Response.status(Response.Status.CREATED).entity(CampaignView.of(c)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "partnerCampaign", summary = "One of the partner's mailings")
    @ProblemResponses(ErrorCode.CAMPAIGN_NOT_FOUND)
    public CampaignView get(@PathParam("id") long id) {
        return CampaignView.of(campaigns.get(id, partner.require().id));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "editCampaignRequest", summary = "Edit a request until the operator decides")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.CAMPAIGN_NOT_FOUND, ErrorCode.CAMPAIGN_STATE})
    public CampaignView edit(@PathParam("id") long id, @NotNull(message = "{coalition.field.body-required}") @Valid CampaignDraft d) {
        return CampaignView.of(campaigns.edit(id, d.toDraft(), partner.require().id, user.displayName(), locale.get()));
    }

    @POST
    @Path("/{id}/withdraw")
    @Operation(operationId = "withdrawCampaignRequest", summary = "Take a request back before the operator decides")
    @ProblemResponses({ErrorCode.CAMPAIGN_NOT_FOUND, ErrorCode.CAMPAIGN_STATE})
    public CampaignView withdraw(@PathParam("id") long id) {
        return CampaignView.of(campaigns.withdraw(id, partner.require().id, user.displayName()));
    }
}
