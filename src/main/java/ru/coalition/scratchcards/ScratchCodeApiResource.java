package ru.coalition.scratchcards;

import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;

/** A member enters the code of a scratch card (API-CONTRACT.md "Scratch cards"). */
@Path("/api/v1/me/scratch-codes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
@Tag(name = ApiDocument.TAG_SCRATCH)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class ScratchCodeApiResource {

    @Schema(name = "ScratchCodeEntry")
    public record CodeEntry(@Schema(description = "The code under the scratch layer; spaces and dashes ignored, any case",
            examples = "7KQ4M-XH29P-RT3VW") String code) {
    }

    @Inject
    CurrentUser user;

    @Inject
    ScratchCodeEntry entry;

    @POST
    @Operation(operationId = "enterScratchCode", summary = "Credit the points of a scratch card",
            description = "A wrong, used, expired, cancelled or not yet active code answers the same 422 scratch.code-invalid;"
                    + " a code that fails its check character answers scratch.code-typo. Refused attempts (typos too) are"
                    + " limited per member and per client address (10 an hour), then 429 with Retry-After.")
    @APIResponse(responseCode = "201", description = "Credited",
            content = @Content(schema = @Schema(implementation = ScratchRedemptions.Credited.class)))
    @ProblemResponses({ErrorCode.SCRATCH_CODE_INVALID, ErrorCode.SCRATCH_CODE_TYPO, ErrorCode.SCRATCH_CODE_REDEEMED,
            ErrorCode.SCRATCH_THROTTLED, ErrorCode.MEMBER_NOT_FOUND})
    public Response enter(CodeEntry body, @Context HttpServerRequest http) {
        var credited = entry.enterAs(user.subject(), body == null ? null : body.code(), http.remoteAddress().hostAddress());
        return Response.status(201).entity(credited).build();
    }
}
