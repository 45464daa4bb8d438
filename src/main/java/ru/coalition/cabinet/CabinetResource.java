package ru.coalition.cabinet;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.Member;
import ru.coalition.members.MemberRegistration;
import ru.coalition.members.MemberService;
import ru.coalition.members.RegistrationRequest;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.Msg;
import ru.coalition.platform.FieldErrors;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.Texts;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The member cabinet: the questionnaire (public) and the member's home page. */
@Path("/cabinet")
@Produces(MediaType.TEXT_HTML)
public class CabinetResource {

    static final List<String> FIELDS = List.of("lastName", "firstName", "middleName", "phone", "email", "birthDate",
            "gender", "city", "socialStatus", "incomeBracket", "preferredChannel", "referralCode");

    @CheckedTemplate(basePath = "cabinet")
    static class Templates {
        static native TemplateInstance home(MemberService.Profile profile, String cardGroups, io.quarkus.qute.RawString qr);

        static native TemplateInstance register(Map<String, String> form, Map<String, String> errors, ErrorSummary summary, String alert,
                                                List<String> socialStatuses, List<String> incomeBrackets);

        static native TemplateInstance registered(String cardGroups, String channel, String destination);
    }

    @Inject
    MemberService members;

    @Inject
    MemberRegistration registration;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @Inject
    Validator validator;

    @GET
    @RolesAllowed(Roles.MEMBER)
    public TemplateInstance home() {
        MemberService.Profile p = members.profileOf(user.subject());
        return Templates.home(p, groups(p.cardNumber()),
                CardQr.svg(p.cardNumber(), ru.coalition.platform.Messages.cabinet(locale.get()).cardQrLabel(p.cardNumber())));
    }

    @GET
    @Path("/register")
    @PermitAll
    public TemplateInstance registerForm(@jakarta.ws.rs.QueryParam("ref") String ref) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("preferredChannel", "email");
        // a friend's invitation link carries the referral code
        if (ref != null && ref.matches("[A-Za-z0-9]{1,12}")) {
            form.put("referralCode", ref);
        }
        return registerPage(form, Map.of(), null);
    }

    @POST
    @Path("/register")
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance register(MultivaluedMap<String, String> params, @Context HttpServerRequest http) {
        Map<String, String> form = new LinkedHashMap<>();
        FIELDS.forEach(f -> form.put(f, trimmed(params.getFirst(f))));
        Map<String, String> errors = new LinkedHashMap<>();
        LocalDate birthDate = null;
        Texts texts = locale.texts();
        if (form.get("birthDate") != null) {
            try {
                birthDate = LocalDate.parse(form.get("birthDate"));
            } catch (DateTimeParseException e) {
                errors.put("birthDate", texts.problem("field.unreadable"));
            }
        }
        RegistrationRequest request = new RegistrationRequest(form.get("lastName"), form.get("firstName"),
                form.get("middleName"), MemberService.normalisePhone(form.get("phone")), form.get("email"), birthDate, form.get("gender"),
                form.get("city"), form.get("socialStatus"), form.get("incomeBracket"), form.get("preferredChannel"),
                new RegistrationRequest.Consents("on".equals(params.getFirst("consentPersonalData")),
                        "on".equals(params.getFirst("consentMarketingEmail")), "on".equals(params.getFirst("consentMarketingSms"))),
                form.get("referralCode"));
        FieldErrors.of(validator.validate(request), texts, false).forEach(e -> errors.putIfAbsent(e.field(), e.message()));
        if (!errors.isEmpty()) {
            return registerPage(form, errors, null);
        }
        try {
            Member m = registration.register(request, http.remoteAddress().hostAddress(), locale.get(), "cabinet");
            boolean sms = "sms".equals(m.preferredChannel);
            return Templates.registered(groups(m.cardNumber), m.preferredChannel, sms ? m.phone : m.email);
        } catch (ProblemException e) {
            e.fieldErrors().forEach(fe -> errors.putIfAbsent(fe.field(), fe.message()));
            return registerPage(form, errors, texts.problemDetailOrTitle(e));
        }
    }

    private TemplateInstance registerPage(Map<String, String> form, Map<String, String> errors, String alert) {
        Map<String, String> flat = new LinkedHashMap<>(errors);
        errors.forEach((k, v) -> {
            if (k.startsWith("consents.")) {
                flat.put("consent" + Character.toUpperCase(k.charAt(9)) + k.substring(10), v);
            }
        });
        Msg msg = locale.messages();
        Map<String, String> shown = new LinkedHashMap<>(flat);
        shown.keySet().removeIf(k -> k.startsWith("consents."));
        return Templates.register(form, flat, ErrorSummary.of(shown, msg::fieldLabel), alert,
                List.of(RegistrationRequest.SOCIAL_STATUSES.split("\\|")), List.of(RegistrationRequest.INCOME_BRACKETS.split("\\|")));
    }

    static String groups(String cardNumber) {
        return cardNumber.replaceAll("(\\d{4})(?=\\d)", "$1 ");
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
