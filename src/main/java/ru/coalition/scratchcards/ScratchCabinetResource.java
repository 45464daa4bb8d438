package ru.coalition.scratchcards;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.MemberService;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.util.List;

/**
 * The cabinet's code entry: typed, or filled in from the QR code on the card (its link opens this page with ?c=). The
 * member presses the button themselves, so a link alone never spends a guess.
 */
@Path("/cabinet/code")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.MEMBER)
public class ScratchCabinetResource {

    static final int ENTERED_SHOWN = 20;

    @CheckedTemplate(basePath = "scratchcards")
    static class Templates {
        static native TemplateInstance enter(String code, ScratchRedemptions.Credited credited, boolean activeNow, String error,
                                             List<ScratchRedemptions.Entered> entered);
    }

    @Inject
    CurrentUser user;

    @Inject
    MemberService members;

    @Inject
    ScratchCodeEntry entry;

    @Inject
    ScratchRedemptions redemptions;

    @Inject
    RequestLocale locale;

    @Inject
    java.time.Clock clock;

    @GET
    public TemplateInstance page(@QueryParam("c") String code) {
        long memberId = memberId();
        String shown = code == null ? "" : ScratchCode.grouped(ScratchCode.normalise(code));
        return Templates.enter(shown, null, false, null, redemptions.enteredBy(memberId, ENTERED_SHOWN));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response enter(@FormParam("code") String code, @Context HttpServerRequest http) {
        long memberId = memberId();
        try {
            ScratchRedemptions.Credited credited = entry.enter(memberId, code, http.remoteAddress().hostAddress());
            boolean activeNow = !credited.activatesAt().isAfter(clock.instant());
            return Response.ok(Templates.enter("", credited, activeNow, null, redemptions.enteredBy(memberId, ENTERED_SHOWN))).build();
        } catch (ProblemException e) {
            String shown = code == null ? "" : code.strip();
            Response.ResponseBuilder answer = Response.status(e.status())
                    .entity(Templates.enter(shown, null, false, locale.texts().problemDetailOrTitle(e),
                            redemptions.enteredBy(memberId, ENTERED_SHOWN)));
            if (e.retryAfterSeconds() != null) {
                answer.header("Retry-After", e.retryAfterSeconds());
            }
            return answer.build();
        }
    }

    private long memberId() {
        return members.requireByKeycloakId(user.subject()).id;
    }
}
