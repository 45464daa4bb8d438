package ru.coalition.cabinet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.Consent;
import ru.coalition.members.ConsentWordings;
import ru.coalition.members.ContactChange;
import ru.coalition.members.ContactChanges;
import ru.coalition.members.Member;
import ru.coalition.members.MemberErasure;
import ru.coalition.members.MemberService;
import ru.coalition.members.MemberSettings;
import ru.coalition.platform.CabinetMsg;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The member's profile (issue 9 §3): the card as a QR code, a new phone or e-mail confirmed by a code sent to it,
 * language, channel and consents, "download my data" and "delete my account". Forms post without JavaScript; a done
 * action redirects back (post/redirect/get), a refused one shows the page again with its errors.
 */
@Path("/cabinet")
@Produces(MediaType.TEXT_HTML)
public class ProfileResource {

    static final String SOURCE = "cabinet";
    /** The consent centre's switches, grouped by purpose, e-mail first (issue 12 §1). */
    static final List<Consent.Purpose> PURPOSES = List.of(Consent.Purpose.OPERATOR_MARKETING, Consent.Purpose.PARTNER_MARKETING,
            Consent.Purpose.SERVICE);
    private static final Set<String> DONE = Set.of("phone", "email", "settings", "cancelled");

    /** What the page shows of the member; pending changes are null when none waits for a code. */
    /** One switch of the consent centre: its API name, channel, state in force and the text the member agrees to. */
    public record ConsentSwitch(String name, String channel, boolean granted, String wording) {
    }

    /** The switches of one purpose. */
    public record ConsentGroup(String purpose, List<ConsentSwitch> switches) {
    }

    public record View(Member member, String cardGroups, RawString qr, MemberSettings.Consents consents,
                       ContactChanges.Pending pendingPhone, ContactChanges.Pending pendingEmail, List<ConsentGroup> groups) {

        /** The history row's "how", as the consent bundle names it: the source without its details (campaign). */
        public String how(String source) {
            if (source == null) {
                return "";
            }
            return source.startsWith("unsubscribe:") ? source.split(":")[1] : source;
        }

        public String wordingVersion() {
            return Consent.WORDING_VERSION;
        }

        public ContactChanges.Pending pending(String channel) {
            return "phone".equals(channel) ? pendingPhone : pendingEmail;
        }

        public String current(String channel) {
            return "phone".equals(channel) ? member.phone : member.email;
        }

        /** The code field of a channel's form: phoneCode, emailCode. */
        public String codeField(String channel) {
            return channel + "Code";
        }

        public List<MemberSettings.ConsentRecord> historyNewestFirst() {
            return consents.history().reversed();
        }

    }

    @CheckedTemplate(basePath = "cabinet")
    static class Templates {
        static native TemplateInstance profile(View view, Map<String, String> form,
                                               Map<String, String> errors, ErrorSummary summary, String done, String alert);

        static native TemplateInstance deleted();
    }

    @Inject
    MemberService members;

    @Inject
    ContactChanges contacts;

    @Inject
    MemberSettings settings;

    @Inject
    MemberErasure erasure;

    @Inject
    ConsentWordings wordings;

    @Inject
    DataExport export;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @Inject
    OidcSession oidcSession;

    @Inject
    ObjectMapper json;

    @GET
    @Path("/profile")
    @RolesAllowed(Roles.MEMBER)
    public TemplateInstance profile(@QueryParam("done") String done) {
        return page(self(), Map.of(), Map.of(), null, done != null && DONE.contains(done) ? done : null);
    }

    /** Sends a code to the new phone or e-mail. */
    @POST
    @Path("/profile/{channel:phone|email}")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object requestCode(@PathParam("channel") String channel, MultivaluedMap<String, String> params) {
        Member m = self();
        String value = params.getFirst(channel);
        try {
            contacts.request(m.id, channel(channel), value, locale.get());
            return seeOther("/cabinet/profile#" + channel + "-code");
        } catch (ProblemException e) {
            return refused(m, Map.of(channel, value == null ? "" : value), e, channel);
        }
    }

    @POST
    @Path("/profile/{channel:phone|email}/confirm")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object confirm(@PathParam("channel") String channel, MultivaluedMap<String, String> params) {
        Member m = self();
        try {
            contacts.confirm(m.id, channel(channel), params.getFirst(channel + "Code"), locale.get());
            return seeOther("/cabinet/profile?done=" + channel);
        } catch (ProblemException e) {
            return refused(m, Map.of(), e, channel + "Code");
        }
    }

    @POST
    @Path("/profile/{channel:phone|email}/cancel")
    @RolesAllowed(Roles.MEMBER)
    public Response cancel(@PathParam("channel") String channel) {
        contacts.cancel(self().id, channel(channel));
        return seeOther("/cabinet/profile?done=cancelled");
    }

    /** Language, channel and consents; the new language takes effect at once (the redirect sets the "lang" cookie). */
    @POST
    @Path("/profile/settings")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object saveSettings(MultivaluedMap<String, String> params, @Context HttpServerRequest http) {
        Member m = self();
        String language = params.getFirst("language");
        var consents = new MemberSettings.ConsentChange(checked(params, "marketingEmail"), checked(params, "marketingSms"),
                checked(params, "partnerOffersEmail"), checked(params, "partnerOffersSms"), checked(params, "serviceEmail"),
                checked(params, "serviceSms"));
        try {
            settings.save(m.id, new MemberSettings.Settings(language, params.getFirst("preferredChannel"), consents), SOURCE,
                    address(http), locale.get());
            return seeOther("/cabinet/profile?done=settings&lang=" + language + "#settings");
        } catch (ProblemException e) {
            return refused(m, Map.of(), e, "language");
        }
    }

    /** Everything we keep about the member, as a JSON file. */
    @GET
    @Path("/profile/export")
    @RolesAllowed(Roles.MEMBER)
    @Produces(MediaType.APPLICATION_JSON)
    public Response exportData() throws Exception {
        Member m = self();
        byte[] body = json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(export.of(m));
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"coalition-my-data-" + m.cardNumber + ".json\"")
                .build();
    }

    /**
     * Deletes the account once the member typed the word and ticked the box: the data is anonymised, the Keycloak
     * user deleted, and this browser's session cookie cleared.
     */
    @POST
    @Path("/profile/delete")
    @RolesAllowed(Roles.MEMBER)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object delete(MultivaluedMap<String, String> params, @Context HttpServerRequest http) {
        Member m = self();
        String word = params.getFirst("confirmWord") == null ? "" : params.getFirst("confirmWord").trim();
        boolean understood = "on".equals(params.getFirst("confirmUnderstand"));
        boolean wordOk = Messages.cabinet(Locale.of("ru")).deleteWord().equalsIgnoreCase(word)
                || Messages.cabinet(Locale.ENGLISH).deleteWord().equalsIgnoreCase(word);
        if (!wordOk || !understood) {
            Map<String, String> errors = new LinkedHashMap<>();
            String detail = locale.texts().problemDetail(ErrorCode.ERASURE_UNCONFIRMED);
            if (!wordOk) {
                errors.put("confirmWord", locale.texts().problem("coalition.field.required"));
            }
            if (!understood) {
                errors.put("confirmUnderstand", locale.texts().problem("coalition.field.required"));
            }
            return page(m, Map.of("confirmWord", word), errors, detail, null);
        }
        try {
            erasure.erase(m.id, SOURCE, address(http));
        } catch (ProblemException e) {
            return refused(m, Map.of(), e, "confirmWord");
        }
        oidcSession.logout().await().indefinitely();
        return seeOther("/cabinet/deleted");
    }

    /** Shown after the deletion, to nobody in particular: the session is gone. */
    @GET
    @Path("/deleted")
    @PermitAll
    public TemplateInstance deleted() {
        return Templates.deleted();
    }

    private TemplateInstance refused(Member m, Map<String, String> form, ProblemException e, String defaultField) {
        Map<String, String> errors = new LinkedHashMap<>();
        e.fieldErrors().forEach(fe -> errors.putIfAbsent(fe.field(), fe.message()));
        String alert = locale.texts().problemDetailOrTitle(e);
        if (errors.isEmpty()) {
            errors.put(defaultField, alert);
        }
        return page(m, form, errors, alert, null);
    }

    private TemplateInstance page(Member m, Map<String, String> form, Map<String, String> errors, String alert, String done) {
        CabinetMsg cabinet = Messages.cabinet(locale.get());
        ContactChanges.Pending phone = null;
        ContactChanges.Pending email = null;
        for (ContactChanges.Pending p : contacts.open(m.id)) {
            if (p.channel() == ContactChange.Channel.PHONE) {
                phone = p;
            } else {
                email = p;
            }
        }
        MemberSettings.Consents consents = settings.consents(m.id);
        String language = locale.get().getLanguage();
        List<ConsentGroup> groups = PURPOSES.stream().map(p -> new ConsentGroup(p.name(), java.util.stream.Stream.of(Consent.Channel.values())
                .map(ch -> Consent.Kind.of(p, ch))
                .map(k -> new ConsentSwitch(k.apiName, k.channel.name(), consents.of(k), wordings.current(k, language)))
                .toList())).toList();
        View view = new View(m, CabinetResource.groups(m.cardNumber), CardQr.svg(m.cardNumber, cabinet.cardQrLabel(m.cardNumber)),
                consents, phone, email, groups);
        return Templates.profile(view, form, errors, ErrorSummary.of(errors, cabinet::profileFieldLabel), done, alert);
    }

    private Member self() {
        return members.requireByKeycloakId(user.subject());
    }

    private static ContactChange.Channel channel(String name) {
        return "phone".equals(name) ? ContactChange.Channel.PHONE : ContactChange.Channel.EMAIL;
    }

    private static Boolean checked(MultivaluedMap<String, String> params, String name) {
        return "on".equals(params.getFirst(name));
    }

    private static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? null : http.remoteAddress().hostAddress();
    }

    private static Response seeOther(String location) {
        return Response.seeOther(URI.create(location)).build();
    }
}
