package ru.coalition.console;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.ledger.Adjustments;
import ru.coalition.members.Member;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.FieldErrors;
import ru.coalition.platform.Msg;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.Texts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's member desk: support finds a member by card (as printed, with spaces), phone in any form or e-mail,
 * and sees what the member sees (profile, consents, wallets, history) to answer "where are my points"; an operator
 * admin corrects a balance from here, picking one of the member's wallets instead of typing it.
 */
@Path("/operator/members")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
public class MemberDeskResource {

    @CheckedTemplate(basePath = "console")
    static class Templates {
        static native TemplateInstance memberDesk(String query, MemberDesk.Card member, boolean notFound, boolean canAdjust,
                                                  Map<String, String> form, Map<String, String> errors, ErrorSummary summary,
                                                  String alert, String done);
    }

    @Inject
    MemberDesk desk;

    @Inject
    Adjustments adjustments;

    @Inject
    Validator validator;

    @Inject
    RequestLocale locale;

    @Inject
    CurrentUser user;

    @GET
    public TemplateInstance page(@QueryParam("q") String query) {
        if (query == null || query.isBlank()) {
            return render(query, null, false, Map.of(), Map.of(), null, null);
        }
        Optional<Member> m = desk.find(query);
        return render(query, m.map(desk::card).orElse(null), m.isEmpty(), Map.of(), Map.of(), null, null);
    }

    @POST
    @Path("/{card}/adjust")
    @RolesAllowed(Roles.OPERATOR_ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance adjust(@PathParam("card") String card, MultivaluedMap<String, String> params) {
        Member m = desk.find(card).orElseThrow(() -> new ProblemException(ru.coalition.platform.ErrorCode.MEMBER_NOT_FOUND));
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : List.of("wallet", "points", "reason")) {
            String v = params.getFirst(f);
            form.put(f, v == null ? "" : v.trim());
        }
        Texts texts = locale.texts();
        Map<String, String> errors = new LinkedHashMap<>();
        Long points = Adjustments.parsePoints(form.get("points"));
        if (points == null || points == 0) {
            errors.put("points", texts.problem("coalition.field.points"));
        }
        Adjustments.Adjustment a = new Adjustments.Adjustment(m.cardNumber, form.get("wallet"), points, form.get("reason"));
        FieldErrors.of(validator.validate(a), texts, false).forEach(e -> errors.putIfAbsent(e.field(), e.message()));
        if (!errors.isEmpty()) {
            return render(m.cardNumber, desk.card(m), false, form, errors, null, null);
        }
        try {
            Adjustments.Adjusted done = adjustments.adjust(a);
            Msg msg = locale.messages();
            return render(m.cardNumber, desk.card(m), false, Map.of(), Map.of(), null,
                    msg.ledgerAdjustDone(done.points(), desk.walletLabel(done.wallet()), done.active()));
        } catch (ProblemException e) {
            String detail = texts.problemDetail(e.code(), e.args());
            return render(m.cardNumber, desk.card(m), false, form, Map.of(), detail != null ? detail : texts.problemTitle(e.code()), null);
        }
    }

    private TemplateInstance render(String query, MemberDesk.Card member, boolean notFound, Map<String, String> form,
                                    Map<String, String> errors, String alert, String done) {
        Msg msg = locale.messages();
        ErrorSummary summary = ErrorSummary.of(errors, f -> switch (f) {
            case "wallet" -> msg.ledgerWalletSlug();
            case "points" -> msg.ledgerPoints();
            default -> msg.ledgerReason();
        });
        return Templates.memberDesk(query, member, notFound, user.hasRole(Roles.OPERATOR_ADMIN), form, errors, summary, alert, done);
    }
}
