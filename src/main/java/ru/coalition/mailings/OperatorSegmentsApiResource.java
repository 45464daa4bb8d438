package ru.coalition.mailings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

import java.util.List;

/** The operator's segments over the whole member base (roles `mailing-manager`, `operator-admin`). */
@Path("/api/v1/operator/segments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.MAILING_MANAGER, Roles.OPERATOR_ADMIN})
@Tag(name = ApiDocument.TAG_SEGMENTS)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses({ErrorCode.FORBIDDEN})
public class OperatorSegmentsApiResource {

    @Inject
    Segments segments;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    private Long partnerId() {
        return null;
    }

    @GET
    @Operation(operationId = "listOperatorSegments", summary = "The segments, by name")
    public List<Segments.View> list() {
        return segments.list(partnerId());
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createOperatorSegment", summary = "Save a segment")
    @APIResponse(responseCode = "201", description = "Saved", content = @Content(schema = @Schema(implementation = Segments.View.class)))
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.SEGMENT_FIELD_FORBIDDEN})
    public Response create(Segments.Input input) {
        Segments.View v = segments.create(partnerId(), input, user.username(), locale.texts());
        return Response.status(201).entity(v).build();
    }

    @POST
    @Path("/count")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "countOperatorSegment", summary = "Count a definition without saving it",
            description = "Members in force (not deleted) the definition holds for, over the whole base.")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.SEGMENT_FIELD_FORBIDDEN})
    public Segments.Count count(SegmentDefinition definition) {
        if (definition == null) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new ru.coalition.platform.Problem.FieldError("",
                    locale.texts().problem("coalition.field.body-required"))));
        }
        return segments.count(definition, partnerId(), locale.texts());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getOperatorSegment", summary = "A segment")
    @ProblemResponses(ErrorCode.SEGMENT_NOT_FOUND)
    public Segments.View get(@Parameter(description = "The segment's id") @PathParam("id") long id) {
        return segments.find(partnerId(), id);
    }

    @GET
    @Path("/{id}/count")
    @Operation(operationId = "countOperatorSavedSegment", summary = "Count a saved segment now")
    @ProblemResponses(ErrorCode.SEGMENT_NOT_FOUND)
    public Segments.Count countSaved(@Parameter(description = "The segment's id") @PathParam("id") long id) {
        return segments.count(segments.find(partnerId(), id).definition(), partnerId(), locale.texts());
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateOperatorSegment", summary = "Change a segment's name and definition")
    @ProblemResponses({ErrorCode.SEGMENT_NOT_FOUND, ErrorCode.VALIDATION, ErrorCode.SEGMENT_FIELD_FORBIDDEN})
    public Segments.View update(@Parameter(description = "The segment's id") @PathParam("id") long id, Segments.Input input) {
        return segments.update(partnerId(), id, input, locale.texts());
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "deleteOperatorSegment", summary = "Delete a segment no mailing uses")
    @APIResponse(responseCode = "204", description = "Deleted")
    @ProblemResponses({ErrorCode.SEGMENT_NOT_FOUND, ErrorCode.SEGMENT_IN_USE})
    public Response delete(@Parameter(description = "The segment's id") @PathParam("id") long id) {
        segments.delete(partnerId(), id);
        return Response.noContent().build();
    }
}
