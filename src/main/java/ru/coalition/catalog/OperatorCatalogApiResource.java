package ru.coalition.catalog;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

import java.util.List;
import java.util.UUID;

/** The catalog's upkeep for the operator's scripts (the console's catalog editor does the same by hand). */
@Path("/api/v1/operator/catalog/rewards")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR_ADMIN)
@Tag(name = ApiDocument.TAG_OPERATOR)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class OperatorCatalogApiResource {

    /** A reward as the operator sees it: the draft's fields, the id, whether it is in the catalog, and its picture. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "CatalogReward")
    public record RewardView(UUID rewardId, boolean active, String pictureUrl, CatalogService.Draft reward) {
    }

    @Inject
    CatalogService catalog;

    @Inject
    RequestLocale locale;

    @GET
    @Operation(operationId = "listCatalogRewards", summary = "Every reward of the catalog, withdrawn ones too")
    public List<RewardView> list() {
        return catalog.all().stream().map(this::view).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createCatalogReward", summary = "Add a reward to the catalog")
    @APIResponseSchema(value = RewardView.class, responseCode = "201", responseDescription = "Created")
    public Response create(@NotNull(message = "{coalition.field.body-required}") @Valid CatalogService.Draft draft) {
        return Response.status(201).entity(view(catalog.create(draft))).build();
    }

    @PUT
    @Path("/{rewardId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateCatalogReward", summary = "Change a reward",
            description = "Vouchers already issued keep their cost and expiry; the stock is set to what is sent.")
    @ProblemResponses(ErrorCode.CATALOG_REWARD_NOT_FOUND)
    public RewardView update(@Parameter(description = "The reward's id") @PathParam("rewardId") String rewardId,
                             @NotNull(message = "{coalition.field.body-required}") @Valid CatalogService.Draft draft) {
        return view(catalog.update(id(rewardId), draft));
    }

    @PUT
    @Path("/{rewardId}/picture")
    @Consumes({"image/png", "image/jpeg", "image/webp"})
    @Operation(operationId = "putCatalogPicture", summary = "Set a reward's picture",
            description = "PNG, JPEG or WebP of at most 512 KB; the bytes decide the type, not the header.")
    @APIResponse(responseCode = "204", description = "Stored")
    @ProblemResponses({ErrorCode.CATALOG_REWARD_NOT_FOUND, ErrorCode.CATALOG_PICTURE_INVALID, ErrorCode.TOO_LARGE})
    public Response picture(@Parameter(description = "The reward's id") @PathParam("rewardId") String rewardId, byte[] bytes) {
        catalog.setPicture(id(rewardId), bytes);
        return Response.noContent().build();
    }

    private RewardView view(CatalogReward r) {
        return new RewardView(r.publicId, r.active, catalog.pictureUrlOf(r), catalog.draftOf(r));
    }

    static UUID id(String rewardId) {
        try {
            return UUID.fromString(rewardId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(ErrorCode.CATALOG_REWARD_NOT_FOUND);
        }
    }
}
