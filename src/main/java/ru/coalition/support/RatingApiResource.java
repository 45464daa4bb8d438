package ru.coalition.support;

import jakarta.annotation.security.PermitAll;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;

import java.util.UUID;

/**
 * The rating link's API twin: what the mailed link's page does, for an app that opens the link itself. The token in
 * the path is the proof; no sign-in.
 */
@Path("/api/v1/support/ratings/{token}")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@SecurityRequirements
@Tag(name = ApiDocument.TAG_MEMBER)
public class RatingApiResource {

    @Schema(name = "RatingByLink")
    public record Survey(UUID ticketId, @Schema(examples = "S-2026-000123") String number, String subject,
                         @Schema(description = "1–5 once rated") Integer score,
                         @Schema(description = "Whether a rating is still taken: the ticket is solved and not yet rated") boolean rateable) {
        static Survey of(Satisfaction.Survey s) {
            return new Survey(s.ticketId(), s.number(), s.subject(), s.score(), s.rateable());
        }
    }

    @Inject
    Satisfaction satisfaction;

    @GET
    @Operation(operationId = "ratingByLink", summary = "The ticket a mailed rating link is for, and whether it may still be rated",
            description = "The token comes from the link in the e-mail sent when a ticket is solved.")
    @ProblemResponses({ErrorCode.RATING_LINK_INVALID, ErrorCode.RATING_LINK_EXPIRED})
    public Survey get(@PathParam("token") String token) {
        return Survey.of(satisfaction.survey(token));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rateByLink", summary = "Rate a solved ticket by its mailed link (once per ticket, shared with the cabinet)")
    @APIResponseSchema(value = Survey.class, responseCode = "201", responseDescription = "Rated")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.RATING_LINK_INVALID, ErrorCode.RATING_LINK_EXPIRED, ErrorCode.TICKET_NOT_SOLVED,
            ErrorCode.TICKET_RATED})
    public Response rate(@PathParam("token") String token,
                         @NotNull(message = "{coalition.field.body-required}") @Valid MeTicketsApiResource.Rating r) {
        return Response.status(201).entity(Survey.of(satisfaction.rate(token, r.score(), r.comment()))).build();
    }
}
