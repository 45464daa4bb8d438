package ru.coalition.staff;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestForm;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.Msg;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.util.LinkedHashMap;
import java.util.Map;

/** The invitation link: the new colleague chooses a password, then signs in where their work is. */
@Path("/invite/{token}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class InvitationResource {

    static final int MIN_PASSWORD = 10;

    @CheckedTemplate(basePath = "staff")
    static class Templates {
        static native TemplateInstance accept(String token, String email, Map<String, String> errors, ErrorSummary summary);

        static native TemplateInstance accepted(String signIn);
    }

    @Inject
    StaffService staff;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance form(@PathParam("token") String token) {
        StaffInvitation i = staff.openInvitation(token).orElseThrow(() -> new ProblemException(ErrorCode.INVITATION_INVALID));
        return Templates.accept(token, i.email, Map.of(), ErrorSummary.NONE);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance accept(@PathParam("token") String token, @RestForm String password, @RestForm String repeat) {
        StaffInvitation open = staff.openInvitation(token).orElseThrow(() -> new ProblemException(ErrorCode.INVITATION_INVALID));
        Msg msg = locale.messages();
        Map<String, String> errors = new LinkedHashMap<>();
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 128) {
            errors.put("password", msg.invitePasswordRule(MIN_PASSWORD));
        } else if (!password.equals(repeat)) {
            errors.put("repeat", msg.invitePasswordsDiffer());
        }
        if (!errors.isEmpty()) {
            return Templates.accept(token, open.email, errors,
                    ErrorSummary.of(errors, f -> "password".equals(f) ? msg.invitePassword() : msg.invitePasswordRepeat()));
        }
        StaffInvitation used = staff.accept(token, password);
        boolean partnerStaff = Roles.PARTNER_ADMIN.equals(used.role) || Roles.PARTNER_CASHIER.equals(used.role);
        return Templates.accepted(partnerStaff ? "/portal" : "/operator");
    }
}
