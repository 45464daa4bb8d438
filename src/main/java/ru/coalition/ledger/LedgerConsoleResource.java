package ru.coalition.ledger;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.IdRanges;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.Texts;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Operator console: the summary of the last full check of the ledger invariants with cheap live figures, a full check
 * on demand (in the background, its progress shown), manual adjustments with a mandatory reason, and the partitions the
 * ledger's tables are stored in. A page view never reads the whole ledger.
 */
@Path("/operator/ledger")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.OPERATOR_ADMIN)
public class LedgerConsoleResource {

    @CheckedTemplate(basePath = "ledger")
    static class Templates {
        static native TemplateInstance ledger(AuditView audit, AuditRuns.Summary current, Storage storage);

        /** The progress of a running check; htmx polls it, and reloads the page once the check is over. */
        static native TemplateInstance ledger$progress(AuditRuns.Summary current);
    }

    /** The audit panel: the last completed check, a newer one that failed, and live figures. */
    public record AuditView(AuditRuns.Summary last, String lastTook, AuditRuns.Summary failed, AuditRuns.Live live) {
    }

    /** The partitions of the ledger's tables and the room left ahead of them. */
    public record Storage(List<IdRanges.Partition> partitions, List<IdRanges.Headroom> headroom) {
        public boolean lowOnRoom() {
            return headroom.stream().anyMatch(IdRanges.Headroom::isShort);
        }
    }

    @Inject
    AuditRuns runs;

    @Inject
    IdRanges idRanges;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance page() {
        Texts texts = locale.texts();
        AuditRuns.Summary last = runs.lastDone().orElse(null);
        AuditRuns.Summary failed = runs.last().filter(r -> r.status() == AuditRuns.Status.FAILED)
                .filter(r -> last == null || r.id() > last.id()).orElse(null);
        AuditView view = new AuditView(last,
                last == null || last.durationMs() == null ? null : String.format(texts.locale(), "%.1f", last.durationMs() / 1000.0),
                failed, runs.live(last));
        return Templates.ledger(view, runs.current().orElse(null), new Storage(idRanges.partitions(), idRanges.headroom()));
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
}
