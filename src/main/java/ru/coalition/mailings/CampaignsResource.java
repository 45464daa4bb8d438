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
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.net.URI;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mailing manager's campaigns in the console (issue 12 §4): the list with partners' requests first, the composer
 * with a live preview (RU and EN, as a sample member gets it), a test send to oneself, approval with a time, rejection
 * with a reason; from the start of the send on, its progress and figures.
 */
@Path("/operator/mailings")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.MAILING_MANAGER, Roles.OPERATOR_ADMIN})
public class CampaignsResource {

    @CheckedTemplate(basePath = "mailings")
    static class Templates {
        static native TemplateInstance campaigns(List<CampaignPages.Row> rows, String done);

        static native TemplateInstance campaign(CampaignPages.View view, Map<String, String> form, Map<String, String> errors,
                                                String alert, String done);

        static native TemplateInstance campaignFigures(CampaignStats.Stats stats, boolean live, String url);
    }

    @Inject
    Sends sends;

    @Inject
    Campaigns campaigns;

    @Inject
    CampaignPages pages;

    @Inject
    CampaignRenderer renderer;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance list(@QueryParam("done") String done) {
        return Templates.campaigns(pages.rows(null), done);
    }

    @GET
    @Path("/new")
    public TemplateInstance compose(@QueryParam("channel") String channel) {
        Map<String, String> form = new LinkedHashMap<>();
        CampaignForm.FIELDS.forEach(f -> form.put(f, ""));
        form.put("channel", "SMS".equals(channel) ? "SMS" : "EMAIL");
        form.put("trackOpens", "on");
        form.put("trackClicks", "on");
        return Templates.campaign(pages.newView(null), form, Map.of(), null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object create(MultivaluedMap<String, String> params) {
        Map<String, String> form = CampaignForm.read(params);
        Map<String, String> errors = new LinkedHashMap<>();
        Campaigns.Draft d = CampaignForm.draft(form, zone(), errors, locale.texts().problem("coalition.field.choice"));
        if (errors.isEmpty()) {
            try {
                Campaign c = campaigns.createDraft(d, user.displayName(), locale.get());
                return Response.seeOther(URI.create("/operator/mailings/" + c.id + "?done=saved")).build();
            } catch (ProblemException e) {
                CampaignForm.put(errors, e.fieldErrors());
            }
        }
        return Templates.campaign(pages.newView(null), form, errors, null, null);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance campaign(@PathParam("id") long id, @QueryParam("done") String done) {
        Campaign c = campaigns.get(id, null);
        return Templates.campaign(pages.view(c, null), CampaignForm.of(c, zone()), Map.of(), null, done);
    }

    /** The mail as a sample member gets it, shown in the composer's frame (no script runs in it). */
    @GET
    @Path("/{id}/preview")
    public String preview(@PathParam("id") long id, @QueryParam("lang") String lang) {
        Campaign c = campaigns.get(id, null);
        return pages.preview(c, lang);
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object save(@PathParam("id") long id, MultivaluedMap<String, String> params) {
        Map<String, String> form = CampaignForm.read(params);
        Map<String, String> errors = new LinkedHashMap<>();
        Campaigns.Draft d = CampaignForm.draft(form, zone(), errors, locale.texts().problem("coalition.field.choice"));
        String action = params.getFirst("action");
        if (errors.isEmpty()) {
            try {
                campaigns.edit(id, d, null, user.displayName(), locale.get());
                if ("schedule".equals(action)) {
                    campaigns.schedule(id, CampaignForm.at(form, zone(), errors, ""), user.displayName(), locale.get());
                    return Response.seeOther(URI.create("/operator/mailings/" + id + "?done=scheduled")).build();
                }
                if ("test".equals(action)) {
                    campaigns.testSend(id, user.email().orElse(null), "en".equals(params.getFirst("testLanguage")) ? "en" : "ru", locale.get());
                    return Response.seeOther(URI.create("/operator/mailings/" + id + "?done=tested")).build();
                }
                return Response.seeOther(URI.create("/operator/mailings/" + id + "?done=saved")).build();
            } catch (ProblemException e) {
                CampaignForm.put(errors, e.fieldErrors());
                if (e.fieldErrors().isEmpty()) {
                    return Templates.campaign(pages.view(campaigns.get(id, null), null), form, errors, locale.texts().problemDetailOrTitle(e), null);
                }
            }
        }
        return Templates.campaign(pages.view(campaigns.get(id, null), null), form, errors, null, null);
    }

    @POST
    @Path("/{id}/reject")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object reject(@PathParam("id") long id, MultivaluedMap<String, String> params) {
        return act(id, () -> campaigns.reject(id, params.getFirst("reason"), user.displayName(), locale.get()), "rejected");
    }

    @POST
    @Path("/{id}/unschedule")
    public Object unschedule(@PathParam("id") long id) {
        return act(id, () -> campaigns.unschedule(id, user.displayName()), "unscheduled");
    }

    @POST
    @Path("/{id}/pause")
    public Object pause(@PathParam("id") long id) {
        return act(id, () -> sends.pause(id, user.displayName()), "paused");
    }

    @POST
    @Path("/{id}/resume")
    public Object resume(@PathParam("id") long id) {
        return act(id, () -> sends.resume(id, user.displayName()), "resumed");
    }

    @POST
    @Path("/{id}/cancel")
    public Object cancel(@PathParam("id") long id) {
        return act(id, () -> sends.cancel(id, user.displayName()), "cancelled");
    }

    /** The progress and figures alone, for the page to refresh while the campaign sends. */
    @GET
    @Path("/{id}/figures")
    public TemplateInstance figures(@PathParam("id") long id) {
        Campaign c = campaigns.get(id, null);
        CampaignPages.View v = pages.view(c, null);
        return Templates.campaignFigures(v.stats(), v.live(), v.consoleFigures());
    }

    private Object act(long id, Runnable action, String done) {
        try {
            action.run();
            return Response.seeOther(URI.create("/operator/mailings/" + id + "?done=" + done)).build();
        } catch (ProblemException e) {
            Campaign c = campaigns.get(id, null);
            Map<String, String> errors = new LinkedHashMap<>();
            CampaignForm.put(errors, e.fieldErrors());
            return Templates.campaign(pages.view(c, null), CampaignForm.of(c, zone()), errors,
                    e.fieldErrors().isEmpty() ? locale.texts().problemDetailOrTitle(e) : null, null);
        }
    }

    private ZoneId zone() {
        return locale.zone();
    }
}
