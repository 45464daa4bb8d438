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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;

import java.net.URI;

/** The ledger audit and manual adjustments, for operator staff and their scripts. */
@Path("/api/v1/operator/ledger")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR_ADMIN)
@Tag(name = ApiDocument.TAG_OPERATOR)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
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
    @Operation(operationId = "checkLedger", summary = "Check the ledger's invariants now",
            description = "Reads the whole ledger and answers when done; not recorded. `lastEntryId` names the newest"
                    + " entry it saw.")
    public LedgerAudit.Report audit() {
        return audit.run();
    }

    /** The summary of the last recorded full check (console, API or nightly); 404 before the first. */
    @GET
    @Path("/audit/last")
    @Operation(operationId = "getLastLedgerCheck", summary = "The last completed recorded check")
    @ProblemResponses(ErrorCode.NOT_FOUND)
    public AuditRuns.Summary last() {
        return runs.lastDone().orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    /** Starts a recorded full check in the background: 202 with the run (or the one already running) to poll. */
    @POST
    @Path("/audit/runs")
    @Operation(operationId = "startLedgerCheck", summary = "Start a recorded full check in the background",
            description = "Answers the run to poll; if one is already running anywhere, that one.")
    @APIResponse(responseCode = "202", description = "The run, started or already running",
            headers = @Header(name = "Location", description = "Where to poll the run", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(schema = @Schema(implementation = AuditRuns.Summary.class)))
    public Response startRun() {
        AuditRuns.Started s = runs.start(AuditRuns.Trigger.API, user.username());
        AuditRuns.Summary run = runs.find(s.id()).or(() -> runs.last()).orElseThrow();
        return Response.accepted(run).location(URI.create("/api/v1/operator/ledger/audit/runs/" + run.id())).build();
    }

    @GET
    @Path("/audit/runs/{id}")
    @Operation(operationId = "getLedgerCheck", summary = "A recorded check, to poll while it runs")
    @ProblemResponses(ErrorCode.NOT_FOUND)
    public AuditRuns.Summary run(@Parameter(description = "The run's id") @PathParam("id") long id) {
        return runs.find(id).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    @POST
    @Path("/adjustments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adjustWallet", summary = "Adjust a member's wallet by hand, with a reason",
            description = "Adds or takes points (never below zero) and leaves an audit row.")
    @APIResponseSchema(value = Adjustments.Adjusted.class, responseCode = "201", responseDescription = "Adjusted: the wallet's balance after")
    @ProblemResponses({ErrorCode.MEMBER_NOT_FOUND, ErrorCode.PARTNER_NOT_FOUND, ErrorCode.ADJUSTMENT_INSUFFICIENT})
    public Response adjust(@NotNull(message = "{coalition.field.body-required}") @Valid Adjustments.Adjustment a) {
        return Response.status(201).entity(adjustments.adjust(a)).build();
    }
}
