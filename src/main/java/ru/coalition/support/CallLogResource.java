package ru.coalition.support;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.Member;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.FieldErrors;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.SupportMsg;
import ru.coalition.platform.Texts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The console's call log (issue 11 §2): an agent logs a call as it ends (the caller is looked up as the number or card
 * is typed, or by the "Find" button without script), and sees today's calls.
 */
@Path("/operator/calls")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class CallLogResource {

    /** The caller as the form shows them: found (name, card) or not (a ticket without a member). */
    public record Caller(boolean looked, String name, String card) {
    }

    @CheckedTemplate(basePath = "support")
    static class Templates {
        static native TemplateInstance callLog(Map<String, String> form, Caller caller, Map<String, String> errors,
                                               ErrorSummary summary, String alert, CallLog.Logged done, List<CallLog.Logged> today,
                                               List<String> outcomes, List<String> categories);

        static native TemplateInstance callLogCaller(Caller caller);
    }

    private static final List<String> FIELDS = List.of("phone", "card", "summary", "outcome", "category", "partner", "subject", "ticket");

    @Inject
    CallLog calls;

    @Inject
    Tickets tickets;

    @Inject
    Validator validator;

    @Inject
    RequestLocale locale;

    @Inject
    CurrentUser user;

    @GET
    public TemplateInstance page(@QueryParam("phone") String phone, @QueryParam("card") String card) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("phone", phone == null ? "" : phone.strip());
        form.put("card", card == null ? "" : card.strip());
        return render(form, Map.of(), null, null);
    }

    /** The caller the typed number or card names (a fragment the form swaps in as the agent types). */
    @GET
    @Path("/caller")
    public TemplateInstance callerFragment(@QueryParam("phone") String phone, @QueryParam("card") String card) {
        return Templates.callLogCaller(lookUp(phone, card));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance log(MultivaluedMap<String, String> params) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : FIELDS) {
            String v = params.getFirst(f);
            form.put(f, v == null ? "" : v.strip());
        }
        Texts texts = locale.texts();
        SupportMsg msg = Messages.support(locale.get());
        Map<String, String> errors = new LinkedHashMap<>();
        UUID ticketId = null;
        if (!form.get("ticket").isEmpty()) {
            Optional<UUID> t = tickets.findByNumber(form.get("ticket"));
            if (t.isEmpty()) {
                errors.put("ticket", msg.callsTicketUnknown());
            } else {
                ticketId = t.get();
            }
        }
        CallLog.Call call = new CallLog.Call(form.get("phone"), blank(form.get("card")), form.get("summary"), form.get("outcome"),
                blank(form.get("category")), blank(form.get("partner")), blank(form.get("subject")), ticketId);
        FieldErrors.of(validator.validate(call), texts, false).forEach(e -> errors.putIfAbsent(e.field(), e.message()));
        if (!errors.isEmpty()) {
            return render(form, errors, null, null);
        }
        try {
            CallLog.Logged done = calls.log(call, user.displayName());
            return render(new LinkedHashMap<>(Map.of("phone", "", "card", "")), Map.of(), null, done);
        } catch (ProblemException e) {
            return render(form, Map.of(), texts.problemDetailOrTitle(e), null);
        }
    }

    private Caller lookUp(String phone, String card) {
        boolean looked = (phone != null && !phone.isBlank()) || (card != null && !card.isBlank());
        Optional<Member> m = looked ? calls.caller(card, phone) : Optional.empty();
        return new Caller(looked, m.map(Tickets::name).orElse(null), m.map(x -> x.cardNumber).orElse(null));
    }

    private TemplateInstance render(Map<String, String> form, Map<String, String> errors, String alert, CallLog.Logged done) {
        SupportMsg msg = Messages.support(locale.get());
        ErrorSummary summary = ErrorSummary.of(errors, f -> switch (f) {
            case "phone" -> msg.callsPhone();
            case "card" -> msg.callsCard();
            case "summary" -> msg.callsSummary();
            case "outcome" -> msg.callsOutcome();
            case "category" -> msg.callsCategory();
            case "partner" -> msg.callsPartner();
            case "subject" -> msg.callsSubject();
            default -> msg.callsTicket();
        });
        return Templates.callLog(form, lookUp(form.get("phone"), form.get("card")), errors, summary, alert, done,
                calls.onDay(calls.today()), CallLog.OUTCOMES, Tickets.CATEGORIES);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
