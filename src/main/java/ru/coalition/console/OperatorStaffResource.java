package ru.coalition.console;

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
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.staff.StaffForm;
import ru.coalition.staff.StaffService;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The operator admin's staff page: operator staff and partner admins, invited by e-mail and removed. */
@Path("/operator/staff")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.OPERATOR_ADMIN)
public class OperatorStaffResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance staff(List<StaffService.Colleague> colleagues, List<String> roles, List<Partner> partners,
                                             String self, Map<String, String> form, Map<String, String> errors,
                                             ErrorSummary summary, String done, String alert);
    }

    @Inject
    StaffService staff;

    @Inject
    PartnerService partners;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance page() {
        return render(Map.of("role", Roles.SUPPORT_AGENT), Map.of(), null, null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance invite(MultivaluedMap<String, String> params) {
        StaffForm form = StaffForm.read(params, StaffService.OPERATOR_ROLES, locale);
        Map<String, String> errors = new LinkedHashMap<>(form.errors());
        // a partner admin belongs to a partner; operator staff to none
        Optional<Partner> partner = partners.findBySlug(form.values().get("partner"));
        if (Roles.PARTNER_ADMIN.equals(form.values().get("role")) && partner.isEmpty()) {
            errors.put("partner", locale.texts().problem("coalition.field.choice"));
        }
        if (!errors.isEmpty()) {
            return render(form.values(), errors, null, null);
        }
        try {
            staff.invite(Roles.PARTNER_ADMIN.equals(form.invite().role()) ? partner.get() : null, form.invite(),
                    user.displayName(), locale.get());
        } catch (ProblemException e) {
            return render(form.values(), Map.of("email", locale.texts().problemDetailOrTitle(e)), null, null);
        }
        return render(Map.of("role", Roles.SUPPORT_AGENT), Map.of(), locale.messages().staffInvited(form.invite().email()), null);
    }

    @POST
    @Path("/{id}/remove")
    public TemplateInstance remove(@PathParam("id") String id) {
        String name = staff.ofOperator().stream().filter(c -> c.id().equals(id)).map(StaffService.Colleague::name).findFirst().orElse(id);
        try {
            staff.remove(null, id, user.subject());
        } catch (ProblemException e) {
            return render(Map.of("role", Roles.SUPPORT_AGENT), Map.of(), null, locale.texts().problemDetailOrTitle(e));
        }
        return render(Map.of("role", Roles.SUPPORT_AGENT), Map.of(), locale.messages().staffRemoved(name), null);
    }

    private TemplateInstance render(Map<String, String> form, Map<String, String> errors, String done, String alert) {
        return Templates.staff(staff.ofOperator(), StaffService.OPERATOR_ROLES, partners.list(), user.subject(), form, errors,
                StaffForm.summary(errors, locale), done, alert);
    }
}
