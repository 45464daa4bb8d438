package ru.coalition.mailings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

import java.time.Instant;
import java.util.List;

/** The operator's mailing manager's campaigns (issue 12 §4): drafts, partners' requests, approval and schedule. */
@Path("/api/v1/operator/campaigns")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MAILING_MANAGER, Roles.OPERATOR_ADMIN})
@Tag(name = ApiDocument.TAG_OPERATOR)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class OperatorCampaignsApiResource {

    @Schema(name = "CampaignSchedule")
    public record Schedule(@Schema(description = "When it goes; now when omitted or past") Instant at) {
    }

    @Schema(name = "CampaignRejection")
    public record Rejection(@Schema(description = "What the partner reads") @Size(max = Campaigns.REASON_MAX, message = "{coalition.field.too-long}") String reason) {
    }

    @Schema(name = "CampaignTestSend")
    public record TestSend(@Schema(description = "ru or en") @Pattern(regexp = "ru|en", message = "{coalition.field.choice}") String language) {
    }

    @Inject
    Campaigns campaigns;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    @Operation(operationId = "operatorCampaigns", summary = "Every campaign: partners' requests first, then those sending, then newest")
    public List<CampaignView> list() {
        return campaigns.list(null).stream().map(CampaignView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "draftCampaign", summary = "A new draft; with a partner's segment it is sent on that partner's behalf")
    @ProblemResponses(ErrorCode.VALIDATION)
    public Response create(@NotNull(message = "{coalition.field.body-required}") @Valid CampaignDraft d) {
        Campaign c = campaigns.createDraft(d.toDraft(), user.displayName(), locale.get());
        return Response.status(Response.Status.CREATED).entity(CampaignView.of(c)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "operatorCampaign", summary = "One campaign")
    @ProblemResponses(ErrorCode.CAMPAIGN_NOT_FOUND)
    public CampaignView get(@PathParam("id") long id) {
        return CampaignView.of(campaigns.get(id, null));
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "editCampaign", summary = "Edit a campaign not started yet (a partner's request too)")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.CAMPAIGN_NOT_FOUND, ErrorCode.CAMPAIGN_STATE})
    public CampaignView edit(@PathParam("id") long id, @NotNull(message = "{coalition.field.body-required}") @Valid CampaignDraft d) {
        return CampaignView.of(campaigns.edit(id, d.toDraft(), null, user.displayName(), locale.get()));
    }

    @POST
    @Path("/{id}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "scheduleCampaign", summary = "Approve and schedule a draft, a partner's request or a newsletter issue")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.CAMPAIGN_NOT_FOUND, ErrorCode.CAMPAIGN_STATE})
    public CampaignView schedule(@PathParam("id") long id, Schedule s) {
        return CampaignView.of(campaigns.schedule(id, s == null ? null : s.at(), user.displayName(), locale.get()));
    }

    @POST
    @Path("/{id}/unschedule")
    @Operation(operationId = "unscheduleCampaign", summary = "Take a scheduled campaign back to a draft before it starts")
    @ProblemResponses({ErrorCode.CAMPAIGN_NOT_FOUND, ErrorCode.CAMPAIGN_STATE})
    public CampaignView unschedule(@PathParam("id") long id) {
        return CampaignView.of(campaigns.unschedule(id, user.displayName()));
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rejectCampaign", summary = "Refuse a partner's request (or a drafted issue) with a reason")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.CAMPAIGN_NOT_FOUND, ErrorCode.CAMPAIGN_STATE})
    public CampaignView reject(@PathParam("id") long id, @NotNull(message = "{coalition.field.body-required}") @Valid Rejection r) {
        return CampaignView.of(campaigns.reject(id, r.reason(), user.displayName(), locale.get()));
    }

    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "testSendCampaign", summary = "Send the e-mail as a sample member gets it to the caller's own address")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.CAMPAIGN_NOT_FOUND, ErrorCode.CAMPAIGN_STATE, ErrorCode.CAMPAIGN_NO_TEST_ADDRESS})
    public Response test(@PathParam("id") long id, @Valid TestSend t) {
        campaigns.testSend(id, user.email().orElse(null), t == null || t.language() == null ? "ru" : t.language(), locale.get());
        return Response.accepted().build();
    }
}
