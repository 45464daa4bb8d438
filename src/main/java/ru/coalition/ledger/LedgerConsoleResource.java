package ru.coalition.ledger;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import ru.coalition.identity.Roles;
import ru.coalition.partners.WalletScope;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.FieldErrors;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.Texts;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Operator console: the ledger audit over all wallets, and manual adjustments with a mandatory reason. */
@Path("/operator/ledger")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.OPERATOR_ADMIN)
public class LedgerConsoleResource {

    @CheckedTemplate(basePath = "ledger")
    static class Templates {
        static native TemplateInstance ledger(LedgerAudit.Report report, Map<String, String> form, Map<String, String> errors,
                                              String alert, String done);
    }

    @Inject
    LedgerAudit audit;

    @Inject
    Adjustments adjustments;

    @Inject
    Validator validator;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance page() {
        return Templates.ledger(audit.run(), Map.of("wallet", WalletScope.COALITION_WALLET), Map.of(), null, null);
    }

    @POST
    @Path("/adjust")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance adjust(MultivaluedMap<String, String> params) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String f : List.of("cardNumber", "wallet", "points", "reason")) {
            String v = params.getFirst(f);
            form.put(f, v == null ? "" : v.trim());
        }
        Texts texts = locale.texts();
        Map<String, String> errors = new LinkedHashMap<>();
        Long points = null;
        try {
            points = Long.parseLong(form.get("points").replace(" ", ""));
        } catch (NumberFormatException e) {
            errors.put("points", texts.problem("coalition.field.points"));
        }
        Adjustments.Adjustment a = new Adjustments.Adjustment(form.get("cardNumber"), form.get("wallet"), points, form.get("reason"));
        FieldErrors.of(validator.validate(a), texts, false).forEach(e -> errors.putIfAbsent(e.field(), e.message()));
        if (!errors.isEmpty()) {
            return Templates.ledger(audit.run(), form, errors, texts.problemDetail(ErrorCode.VALIDATION), null);
        }
        try {
            Adjustments.Adjusted done = adjustments.adjust(a);
            return Templates.ledger(audit.run(), Map.of("wallet", form.get("wallet")), Map.of(), null,
                    texts.format("ledger.adjust.done", done.points(), done.wallet(), done.active()));
        } catch (ProblemException e) {
            String detail = texts.problemDetail(e.code(), e.args());
            return Templates.ledger(audit.run(), form, Map.of(), texts.problemTitle(e.code()) + (detail != null ? ". " + detail : ""), null);
        }
    }
}
