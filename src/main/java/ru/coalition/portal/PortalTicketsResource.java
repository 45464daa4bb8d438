package ru.coalition.portal;

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
import ru.coalition.partners.Partner;
import ru.coalition.platform.RequestLocale;
import ru.coalition.support.AttachmentDownload;
import ru.coalition.support.Attachments;
import ru.coalition.support.Casework;
import ru.coalition.support.Tickets;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Cases the operator's support routed to this partner (issue 11 §1): the partner's staff see only those, answer the
 * member or leave a note for the operator's agents. Any other ticket is 404, as a missing one.
 */
@Path("/portal/tickets")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.PARTNER_ADMIN)
public class PortalTicketsResource {

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance cases(Partner partner, List<Casework.Routed> cases);

        static native TemplateInstance caseView(Partner partner, Tickets.StaffView view, Casework.Facts facts,
                                                List<Attachments.Attachment> files, String error, String done);
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    Casework casework;

    @Inject
    Attachments attachments;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance list() {
        Partner p = currentPartner.require();
        return Templates.cases(p, casework.routedTo(p.id));
    }

    @GET
    @Path("/{ticketId}")
    public TemplateInstance view(@PathParam("ticketId") String ticketId, @QueryParam("done") String done) {
        Partner p = currentPartner.require();
        return page(p, Tickets.idOf(ticketId), null, done);
    }

    @POST
    @Path("/{ticketId}/messages")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object answer(@PathParam("ticketId") String ticketId, MultivaluedMap<String, String> form) {
        Partner p = currentPartner.require();
        UUID id = Tickets.idOf(ticketId);
        String body = form.getFirst("body") == null ? "" : form.getFirst("body").trim();
        boolean internal = "on".equals(form.getFirst("internal"));
        if (body.isEmpty() || body.length() > 10_000) {
            // checks the case is this partner's before saying anything about the text
            casework.forPartner(p.id, id);
            return page(p, id, locale.texts().problem(body.isEmpty() ? "coalition.field.required" : "coalition.field.too-long"), null);
        }
        casework.partnerAnswer(p.id, id, user.displayName() + " (" + p.name + ")", body, internal);
        return Response.seeOther(URI.create("/portal/tickets/" + id + "?done=" + (internal ? "noted" : "answered"))).build();
    }

    /** The member's files on a routed case (not the agents' internal ones). */
    @GET
    @Path("/{ticketId}/attachments/{fileId}")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("ticketId") String ticketId, @PathParam("fileId") String fileId) {
        Partner p = currentPartner.require();
        UUID id = Tickets.idOf(ticketId);
        casework.forPartner(p.id, id);
        return AttachmentDownload.of(attachments.content(id, AttachmentDownload.idOf(fileId), false));
    }

    private TemplateInstance page(Partner p, UUID id, String error, String done) {
        Tickets.StaffView view = casework.forPartner(p.id, id);
        return Templates.caseView(p, view, casework.facts(id), attachments.of(id, false), error, done);
    }
}
