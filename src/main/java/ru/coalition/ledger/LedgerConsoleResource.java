package ru.coalition.ledger;

import ru.coalition.platform.Messages;
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
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.partners.WalletScope;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.FieldErrors;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.Texts;

import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Operator console: the summary of the last full check of the ledger invariants with cheap live figures, a full check
 * on demand (in the background, its progress shown), and manual adjustments with a mandatory reason. A page view never
 * reads the whole ledger.
 */
@Path("/operator/ledger")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.OPERATOR_ADMIN)
public class LedgerConsoleResource {

    @CheckedTemplate(basePath = "ledger")
    static class Templates {
        static native TemplateInstance ledger(AuditView audit, AuditRuns.Summary current, Map<String, String> form,
                                              Map<String, String> errors, String alert, String done);

        /** The progress of a running check; htmx polls it, and reloads the page once the check is over. */
        static native TemplateInstance ledger$progress(AuditRuns.Summary current);
    }

    /** The audit panel: the last completed check, a newer one that failed, and live figures. */
    public record AuditView(AuditRuns.Summary last, String lastTook, AuditRuns.Summary failed, AuditRuns.Live live) {
    }

    @Inject
    AuditRuns runs;

    @Inject
    CurrentUser user;

    @Inject
    CoalitionConfig config;

    @Inject
    Adjustments adjustments;

    @Inject
    Validator validator;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance page() {
        return page(Map.of("wallet", WalletScope.COALITION_WALLET), Map.of(), null, null);
    }

    /** Starts a full check in the background (or finds the one running) and shows the page with its progress. */
    @POST
    @Path("/audit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response runAudit() {
        runs.start(AuditRuns.Trigger.CONSOLE, user.username());
        return Response.seeOther(URI.create("/operator/ledger#ledger-audit")).build();
    }

    @GET
    @Path("/audit/progress")
    public Response progress() {
        Optional<AuditRuns.Summary> current = runs.current();
        if (current.isEmpty()) {
            // over: htmx reloads the page, which shows the new summary
            return Response.ok("").header("HX-Refresh", "true").build();
        }
        return Response.ok(Templates.ledger$progress(current.get())).build();
    }

    private TemplateInstance page(Map<String, String> form, Map<String, String> errors, String alert, String done) {
        Texts texts = locale.texts();
        AuditRuns.Summary last = runs.lastDone().orElse(null);
        AuditRuns.Summary failed = runs.last().filter(r -> r.status() == AuditRuns.Status.FAILED)
                .filter(r -> last == null || r.id() > last.id()).orElse(null);
        AuditView view = new AuditView(last,
                last == null || last.durationMs() == null ? null : String.format(texts.locale(), "%.1f", last.durationMs() / 1000.0),
                failed, runs.live(last));
        return Templates.ledger(view, runs.current().orElse(null), form, errors, alert, done);
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
            return page(form, errors, texts.problemDetail(ErrorCode.VALIDATION), null);
        }
        try {
            Adjustments.Adjusted done = adjustments.adjust(a);
            return page(Map.of("wallet", form.get("wallet")), Map.of(), null,
                    Messages.of(texts.locale()).ledgerAdjustDone(done.points(), done.wallet(), done.active()));
        } catch (ProblemException e) {
            String detail = texts.problemDetail(e.code(), e.args());
            return page(form, Map.of(), texts.problemTitle(e.code()) + (detail != null ? ". " + detail : ""), null);
        }
    }
}
