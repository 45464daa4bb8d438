package ru.coalition.mailings;

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
import ru.coalition.partners.Partner;

/** The mailing manager's segments over the whole member base. See {@link SegmentPages}. */
@Path("/operator/mailings/segments")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.MAILING_MANAGER, Roles.OPERATOR_ADMIN})
public class SegmentsConsoleResource {

    static final String BASE = "/operator/mailings/segments";

    @Inject
    SegmentPages pages;

    @Inject
    CurrentUser user;

    private Partner partner() {
        return null;
    }

    @GET
    public TemplateInstance list(@QueryParam("deleted") String deleted) {
        Partner p = partner();
        return pages.list(BASE, p == null ? null : p.id, p, deleted != null);
    }

    @GET
    @Path("/new")
    public TemplateInstance create() {
        return pages.editor(BASE, partner(), null, false);
    }

    @GET
    @Path("/{id}")
    public TemplateInstance edit(@PathParam("id") long id, @QueryParam("saved") String saved) {
        return pages.editor(BASE, partner(), id, saved != null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object saveNew(MultivaluedMap<String, String> params) {
        return pages.save(BASE, partner(), null, user.username(), params);
    }

    @POST
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object save(@PathParam("id") long id, MultivaluedMap<String, String> params) {
        return pages.save(BASE, partner(), id, user.username(), params);
    }

    @POST
    @Path("/{id}/delete")
    public Response delete(@PathParam("id") long id) {
        return pages.delete(BASE, partner(), id);
    }

    /** htmx: the live count of the form as typed (nothing saved). */
    @POST
    @Path("/count")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance count(MultivaluedMap<String, String> params) {
        return pages.count(partner(), params);
    }
}
