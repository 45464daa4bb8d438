package ru.coalition.partners;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;

import java.time.LocalDate;
import java.util.List;

/** The tenant portal: partner staff see only their own partner, the one named in their token. */
@Path("/portal")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
public class PortalResource {

    @CheckedTemplate(basePath = "partners")
    static class Templates {
        static native TemplateInstance portal(Partner partner, ProgramDefinition program, List<ProgramVersion> versions,
                                              LocalDate today, String staffName);
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    PartnerService partners;

    @Inject
    CurrentUser user;

    @GET
    public TemplateInstance home() {
        Partner p = currentPartner.require();
        return Templates.portal(p, partners.currentProgram(p).orElse(null), partners.versions(p), partners.today(p), user.displayName());
    }
}
