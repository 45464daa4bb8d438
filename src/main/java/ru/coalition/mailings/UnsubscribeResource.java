package ru.coalition.mailings;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import ru.coalition.members.MemberService;
import ru.coalition.platform.Messages;
import ru.coalition.platform.RequestLocale;

import java.util.Optional;

/**
 * The unsubscribe link of a marketing mail (RFC 8058), without sign-in. GET shows the choices (this kind, all
 * marketing, keep) and changes nothing, so a mail scanner following links unsubscribes nobody. POST with the form body
 * {@code List-Unsubscribe=One-Click} (the mail app's button: no cookies, no form token) withdraws the link's consent at
 * once and answers 200 with a short page, no redirect; the page's own buttons post {@code choice}. A forged or
 * damaged token gets a 404 page and changes nothing. The page speaks the member's language unless this browser chose one.
 */
@Path("/u/{token}")
@Produces(MediaType.TEXT_HTML)
@PermitAll
public class UnsubscribeResource {

    /** What a page after a POST says: unsubscribed from the link's kind, from all marketing, or nothing changed. */
    public enum Done { THIS, ALL, KEPT }

    @CheckedTemplate(basePath = "mailings")
    static class Templates {
        static native TemplateInstance unsubscribe(String token, String kind, String what);

        static native TemplateInstance unsubscribed(Done done, String what);

        static native TemplateInstance unsubscribeInvalid();
    }

    @Inject
    UnsubscribeLinks links;

    @Inject
    Unsubscribes unsubscribes;

    @Inject
    MemberService members;

    @Inject
    RequestLocale locale;

    @GET
    public Response page(@PathParam("token") String token) {
        Optional<UnsubscribeLinks.Verified> v = links.verify(token);
        if (v.isEmpty()) {
            return invalid();
        }
        speakMembersLanguage(v.get().memberId());
        String kind = v.get().kind().apiName;
        return Response.ok(Templates.unsubscribe(token, kind, phrase(kind))).build();
    }

    @POST
    @Consumes({MediaType.APPLICATION_FORM_URLENCODED, MediaType.MULTIPART_FORM_DATA})
    public Response unsubscribe(@PathParam("token") String token, @RestForm("List-Unsubscribe") String oneClick,
                                @RestForm String choice, @Context HttpServerRequest http) {
        Optional<UnsubscribeLinks.Verified> v = links.verify(token);
        if (v.isEmpty()) {
            return invalid();
        }
        speakMembersLanguage(v.get().memberId());
        String kind = v.get().kind().apiName;
        String address = http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
        if ("One-Click".equalsIgnoreCase(oneClick == null ? null : oneClick.trim())) {
            unsubscribes.unsubscribe(token, Unsubscribes.Choice.THIS, Unsubscribes.Source.ONE_CLICK, address);
            return Response.ok(Templates.unsubscribed(Done.THIS, phrase(kind))).build();
        }
        if ("this".equals(choice)) {
            unsubscribes.unsubscribe(token, Unsubscribes.Choice.THIS, Unsubscribes.Source.PAGE, address);
            return Response.ok(Templates.unsubscribed(Done.THIS, phrase(kind))).build();
        }
        if ("all".equals(choice)) {
            unsubscribes.unsubscribe(token, Unsubscribes.Choice.ALL_MARKETING, Unsubscribes.Source.PAGE, address);
            return Response.ok(Templates.unsubscribed(Done.ALL, phrase(kind))).build();
        }
        if ("keep".equals(choice)) {
            return Response.ok(Templates.unsubscribed(Done.KEPT, phrase(kind))).build();
        }
        // neither the one-click body nor a choice of the page: show the choices again, nothing changed
        return Response.status(422).entity(Templates.unsubscribe(token, kind, phrase(kind))).build();
    }

    private void speakMembersLanguage(long memberId) {
        if (!locale.chosenInBrowser()) {
            members.byId(memberId).ifPresent(m -> locale.useAccountLanguage(m.language));
        }
    }

    private String phrase(String kind) {
        return Messages.consent(locale.get()).kindPhrase(kind);
    }

    private static Response invalid() {
        return Response.status(404).entity(Templates.unsubscribeInvalid()).build();
    }
}
