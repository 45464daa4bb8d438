package ru.coalition.ivr;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;

import java.util.List;

/** The call log in the portal: the partner's own calls. {@link OperatorVoiceCallsPage} shows every partner's. */
@Path("/portal/voice-calls")
@Produces(MediaType.TEXT_HTML)
public class VoiceCallsPages {

    @CheckedTemplate(basePath = "ivr")
    public static class Templates {
        public static native TemplateInstance calls(List<VoiceCalls.Logged> calls, boolean operator, List<Partner> partners, String partner,
                                             String address);
    }

    @Inject
    VoiceCalls calls;

    @Inject
    CurrentPartner currentPartner;

    @Inject
    SipLine line;

    @GET
    @RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
    public TemplateInstance partnerCalls() {
        Partner p = currentPartner.require();
        return Templates.calls(calls.of(p), false, List.of(), p.slug, line.address());
    }
}
