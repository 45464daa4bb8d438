package ru.coalition.ledger;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

import java.net.URI;

/** The ledger audit and manual adjustments, for operator staff and their scripts. */
@Path("/api/v1/operator/ledger")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR_ADMIN)
public class LedgerOperatorApiResource {

    @Inject
    LedgerAudit audit;

    @Inject
    Adjustments adjustments;

    @Inject
    AuditRuns runs;

    @Inject
    CurrentUser user;

    /** The full check, here and now, answered when it is over (reads the whole ledger; not recorded). */
    @GET
    @Path("/audit")
    public LedgerAudit.Report audit() {
        return audit.run();
    }

    /** The summary of the last recorded full check (console, API or nightly); 404 before the first. */
    @GET
    @Path("/audit/last")
    public AuditRuns.Summary last() {
        return runs.lastDone().orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    /** Starts a recorded full check in the background: 202 with the run (or the one already running) to poll. */
    @POST
    @Path("/audit/runs")
    public Response startRun() {
        AuditRuns.Started s = runs.start(AuditRuns.Trigger.API, user.username());
        AuditRuns.Summary run = runs.find(s.id()).or(() -> runs.last()).orElseThrow();
        return Response.accepted(run).location(URI.create("/api/v1/operator/ledger/audit/runs/" + run.id())).build();
    }

    @GET
    @Path("/audit/runs/{id}")
    public AuditRuns.Summary run(@PathParam("id") long id) {
        return runs.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    @POST
    @Path("/adjustments")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response adjust(@NotNull(message = "{coalition.field.body-required}") @Valid Adjustments.Adjustment a) {
        return Response.status(201).entity(adjustments.adjust(a)).build();
    }
}
