package ru.coalition.scratchcards;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

import java.util.List;
import java.util.UUID;

/** A partner admin's batches of scratch cards (API-CONTRACT.md "Scratch cards"); the partner comes from the token. */
@Path("/api/v1/partner/scratch-batches")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PARTNER_ADMIN)
@Tag(name = ApiDocument.TAG_SCRATCH)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses({ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED})
public class ScratchBatchApiResource {

    @Inject
    CurrentPartner currentPartner;

    @Inject
    CurrentUser user;

    @Inject
    ScratchBatches batches;

    @Inject
    ScratchExport export;

    @Inject
    RequestLocale locale;

    @POST
    @Operation(operationId = "orderScratchBatch", summary = "Order a batch of scratch cards",
            description = "Answers 202 at once: the cards are generated in the background; follow `status` and `generated`.")
    @APIResponse(responseCode = "202", description = "Ordered", content = @Content(schema = @Schema(implementation = ScratchBatch.class)))
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.SCRATCH_DISABLED})
    public Response order(ScratchBatches.Order order) {
        if (order == null) {
            order = new ScratchBatches.Order(null, null, null, null);
        }
        ScratchBatch batch = batches.order(currentPartner.require(), order, user.username(), locale.texts());
        return Response.accepted(batch).build();
    }

    @GET
    @Operation(operationId = "listScratchBatches", summary = "The partner's batches, newest first")
    public List<ScratchBatch> list() {
        return batches.ofPartner(currentPartner.require());
    }

    @GET
    @Path("/{batchId}")
    @Operation(operationId = "getScratchBatch", summary = "A batch with its progress and redeemed count")
    @ProblemResponses(ErrorCode.SCRATCH_BATCH_NOT_FOUND)
    public ScratchBatch get(@Parameter(description = "The batch's id") @PathParam("batchId") UUID batchId) {
        return batches.find(currentPartner.require(), batchId);
    }

    @GET
    @Path("/{batchId}/cards.csv")
    @Produces(ScratchExport.CSV)
    @Operation(operationId = "downloadScratchCardsCsv", summary = "The batch's cards with their codes, for the printer",
            description = "Only while the batch is READY (codes are destroyed on activation); every download is audited.")
    @APIResponse(responseCode = "200", description = "serial,code,points,validUntil", content = @Content(mediaType = ScratchExport.CSV))
    @ProblemResponses({ErrorCode.SCRATCH_BATCH_NOT_FOUND, ErrorCode.SCRATCH_BATCH_STATE})
    public Response csv(@Parameter(description = "The batch's id") @PathParam("batchId") UUID batchId) {
        return export.csv(currentPartner.require(), batchId);
    }

    @GET
    @Path("/{batchId}/cards.pdf")
    @Produces(ScratchExport.PDF)
    @Operation(operationId = "downloadScratchCardsPdf", summary = "Print-ready card faces, ten per A4 sheet",
            description = "Only while the batch is READY; every download is audited. Large batches come in parts of 1000 cards.")
    @APIResponse(responseCode = "200", description = "A PDF", content = @Content(mediaType = ScratchExport.PDF))
    @ProblemResponses({ErrorCode.SCRATCH_BATCH_NOT_FOUND, ErrorCode.SCRATCH_BATCH_STATE})
    public Response pdf(@Parameter(description = "The batch's id") @PathParam("batchId") UUID batchId,
                        @Parameter(description = "Which part of 1000 cards, from 1") @QueryParam("part") @DefaultValue("1") int part) {
        return export.pdf(currentPartner.require(), batchId, part, locale.get());
    }

    @POST
    @Path("/{batchId}/activate")
    @Operation(operationId = "activateScratchBatch", summary = "The printed cards are in the shops: their codes work from now",
            description = "Destroys the plain codes: they can no longer be downloaded.")
    @ProblemResponses({ErrorCode.SCRATCH_BATCH_NOT_FOUND, ErrorCode.SCRATCH_BATCH_STATE})
    public ScratchBatch activate(@Parameter(description = "The batch's id") @PathParam("batchId") UUID batchId) {
        return batches.activate(currentPartner.require(), batchId);
    }

    @POST
    @Path("/{batchId}/cancel")
    @Operation(operationId = "cancelScratchBatch", summary = "Cancel a batch: its unredeemed cards stop working",
            description = "Points already credited for its cards stay with the members.")
    @ProblemResponses({ErrorCode.SCRATCH_BATCH_NOT_FOUND, ErrorCode.SCRATCH_BATCH_STATE})
    public ScratchBatch cancel(@Parameter(description = "The batch's id") @PathParam("batchId") UUID batchId) {
        return batches.cancel(currentPartner.require(), batchId);
    }
}
