package ru.coalition.mailings;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A partner's mailings in the portal (issue 12 §4): ask the operator to send to one of the partner's segments, edit
 * or withdraw the request until the operator decides, follow its state and figures. Never a recipient or an address.
 */
@Path("/portal/campaigns")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.PARTNER_ADMIN)
public class PortalCampaignsResource {

    @CheckedTemplate(basePath = "mailings")
    static class Templates {
        static native TemplateInstance partnerCampaigns(List<CampaignPages.Row> rows, String done);

        static native TemplateInstance partnerCampaign(CampaignPages.View view, Map<String, String> form, Map<String, String> errors,
                                                       String alert, String done);
    }

    @Inject
    Campaigns campaigns;

    @Inject
    CampaignPages pages;

    @Inject
    CurrentPartner partner;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance list(@QueryParam("done") String done) {
        return Templates.partnerCampaigns(pages.rows(partnerId()), done);
    }

    @GET
    @Path("/new")
    public TemplateInstance compose(@QueryParam("channel") String channel) {
        Map<String, String> form = new LinkedHashMap<>();
        CampaignForm.FIELDS.forEach(f -> form.put(f, ""));
        form.put("channel", "SMS".equals(channel) ? "SMS" : "EMAIL");
        form.put("trackOpens", "on");
        form.put("trackClicks", "on");
        return Templates.partnerCampaign(pages.newView(partnerId()), form, Map.of(), null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object request(MultivaluedMap<String, String> params) {
        long partnerId = partnerId();
        Map<String, String> form = CampaignForm.read(params);
        Map<String, String> errors = new LinkedHashMap<>();
        Campaigns.Draft d = CampaignForm.draft(form, locale.zone(), errors, locale.texts().problem("coalition.field.choice"));
        if (errors.isEmpty()) {
            try {
                Campaign c = campaigns.request(partnerId, d, user.displayName(), locale.get());
                return Response.seeOther(URI.create("/portal/campaigns/" + c.id + "?done=requested")).build();
            } catch (ProblemException e) {
                CampaignForm.put(errors, e.fieldErrors());
            }
        }
        return Templates.partnerCampaign(pages.newView(partnerId), form, errors, null, null);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance campaign(@PathParam("id") long id, @QueryParam("done") String done) {
        long partnerId = partnerId();
        Campaign c = campaigns.get(id, partnerId);
        return Templates.partnerCampaign(pages.view(c, partnerId), CampaignForm.of(c, locale.zone()), Map.of(), null, done);
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object edit(@PathParam("id") long id, MultivaluedMap<String, String> params) {
        long partnerId = partnerId();
        Map<String, String> form = CampaignForm.read(params);
        Map<String, String> errors = new LinkedHashMap<>();
        Campaigns.Draft d = CampaignForm.draft(form, locale.zone(), errors, locale.texts().problem("coalition.field.choice"));
        String alert = null;
        if (errors.isEmpty()) {
            try {
                campaigns.edit(id, d, partnerId, user.displayName(), locale.get());
                return Response.seeOther(URI.create("/portal/campaigns/" + id + "?done=saved")).build();
            } catch (ProblemException e) {
                CampaignForm.put(errors, e.fieldErrors());
                alert = e.fieldErrors().isEmpty() ? locale.texts().problemDetailOrTitle(e) : null;
            }
        }
        return Templates.partnerCampaign(pages.view(campaigns.get(id, partnerId), partnerId), form, errors, alert, null);
    }

    @POST
    @Path("/{id}/withdraw")
    public Object withdraw(@PathParam("id") long id) {
        long partnerId = partnerId();
        try {
            campaigns.withdraw(id, partnerId, user.displayName());
            return Response.seeOther(URI.create("/portal/campaigns/" + id + "?done=withdrawn")).build();
        } catch (ProblemException e) {
            Campaign c = campaigns.get(id, partnerId);
            return Templates.partnerCampaign(pages.view(c, partnerId), CampaignForm.of(c, locale.zone()), Map.of(),
                    locale.texts().problemDetailOrTitle(e), null);
        }
    }

    /** The figures alone (counts only), for the page to refresh while the mailing sends. */
    @GET
    @Path("/{id}/figures")
    public TemplateInstance figures(@PathParam("id") long id) {
        long partnerId = partnerId();
        CampaignPages.View v = pages.view(campaigns.get(id, partnerId), partnerId);
        return CampaignsResource.Templates.campaignFigures(v.stats(), v.live(), v.portalFigures());
    }

    /** The request as the operator will read it, in the frame beside the form. */
    @GET
    @Path("/{id}/preview")
    public String preview(@PathParam("id") long id, @QueryParam("lang") String lang) {
        return pages.preview(campaigns.get(id, partnerId()), lang);
    }

    private long partnerId() {
        return partner.require().id;
    }
}
