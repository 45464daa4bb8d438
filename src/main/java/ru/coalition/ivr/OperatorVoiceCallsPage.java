package ru.coalition.ivr;

import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.identity.Roles;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;

import java.util.Comparator;
import java.util.List;

/** The call log across partners in the operator console, for support staff and the operator (one partner if chosen). */
@Path("/operator/voice-calls")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class OperatorVoiceCallsPage {

    @Inject
    VoiceCalls calls;

    @Inject
    PartnerService partners;

    @Inject
    SipLine line;

    @GET
    public TemplateInstance calls(@QueryParam("partner") String slug) {
        Partner chosen = slug == null || slug.isBlank() ? null : partners.cachedBySlug(slug).orElse(null);
        List<Partner> all = partners.list().stream().sorted(Comparator.comparing(p -> p.name)).toList();
        return VoiceCallsPages.Templates.calls(calls.all(chosen == null ? null : chosen.id), true, all, chosen == null ? "" : chosen.slug,
                line.address());
    }
}
