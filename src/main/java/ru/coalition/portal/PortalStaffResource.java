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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.staff.StaffForm;
import ru.coalition.staff.StaffService;

import java.util.List;
import java.util.Map;

/** A partner admin's own staff: invite cashiers and admins by e-mail, remove them, see who they are. */
@Path("/portal/staff")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.PARTNER_ADMIN)
public class PortalStaffResource {

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance staff(Partner partner, List<StaffService.Colleague> colleagues, List<String> roles,
                                             String self, Map<String, String> form, Map<String, String> errors,
                                             ErrorSummary summary, String done, String alert);
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    StaffService staff;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance page() {
        return render(Map.of("role", Roles.PARTNER_CASHIER), Map.of(), null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance invite(MultivaluedMap<String, String> params) {
        Partner p = currentPartner.require();
        StaffForm form = StaffForm.read(params, StaffService.PARTNER_ROLES, locale);
        if (!form.errors().isEmpty()) {
            return render(form.values(), form.errors(), null, null);
        }
        try {
            staff.invite(p, form.invite(), user.displayName(), locale.get());
        } catch (ProblemException e) {
            return render(form.values(), Map.of("email", locale.texts().problemDetailOrTitle(e)), null, null);
        }
        return render(Map.of("role", Roles.PARTNER_CASHIER), Map.of(), locale.messages().staffInvited(form.invite().email()), null);
    }

    @POST
    @Path("/{id}/remove")
    public TemplateInstance remove(@PathParam("id") String id) {
        Partner p = currentPartner.require();
        String name = staff.ofPartner(p).stream().filter(c -> c.id().equals(id)).map(StaffService.Colleague::name).findFirst().orElse(id);
        try {
            staff.remove(p, id, user.subject());
        } catch (ProblemException e) {
            return render(Map.of("role", Roles.PARTNER_CASHIER), Map.of(), null, locale.texts().problemDetailOrTitle(e));
        }
        return render(Map.of("role", Roles.PARTNER_CASHIER), Map.of(), locale.messages().staffRemoved(name), null);
    }

    private TemplateInstance render(Map<String, String> form, Map<String, String> errors, String done, String alert) {
        Partner p = currentPartner.require();
        return Templates.staff(p, staff.ofPartner(p), StaffService.PARTNER_ROLES, user.subject(), form, errors,
                StaffForm.summary(errors, locale), done, alert);
    }
}
