package ru.coalition.cabinet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.catalog.CatalogOrders;
import ru.coalition.catalog.Vouchers;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.MemberService;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

import java.util.List;
import java.util.UUID;

/** The member's catalog orders and vouchers (API-CONTRACT.md "Catalog and vouchers"). */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
@Tag(name = ApiDocument.TAG_MEMBER)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses(ErrorCode.MEMBER_NOT_FOUND)
public class MeCatalogApiResource {

    @Schema(name = "RewardOrderRequest")
    public record OrderRequest(@Schema(description = "rewardId from the catalog") @NotBlank(message = "{coalition.field.required}") String rewardId) {
    }

    @Inject
    CurrentUser user;

    @Inject
    MemberService members;

    @Inject
    CatalogOrders orders;

    @Inject
    Vouchers vouchers;

    @Inject
    RequestLocale locale;

    @POST
    @Path("/reward-orders")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "orderReward", summary = "Order a catalog reward with coalition points",
            description = "Debits the reward's cost from the coalition wallet's active balance and issues a voucher, sent"
                    + " by the member's channel; the honouring partner redeems it before `expiresAt`, or the points come back.")
    @APIResponseSchema(value = CatalogOrders.Ordered.class, responseCode = "201", responseDescription = "Ordered: the voucher")
    @ProblemResponses({ErrorCode.CATALOG_REWARD_NOT_FOUND, ErrorCode.CATALOG_UNAVAILABLE, ErrorCode.CATALOG_INSUFFICIENT_POINTS,
            ErrorCode.CATALOG_OUT_OF_STOCK, ErrorCode.CATALOG_LIMIT_REACHED})
    public Response order(@NotNull(message = "{coalition.field.body-required}") @Valid OrderRequest request) {
        UUID rewardId;
        try {
            rewardId = UUID.fromString(request.rewardId());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.CATALOG_REWARD_NOT_FOUND);
        }
        return Response.status(201).entity(orders.order(members.requireByKeycloakId(user.subject()), rewardId)).build();
    }

    @GET
    @Path("/vouchers")
    @Operation(operationId = "listVouchers", summary = "The member's catalog vouchers, newest first",
            description = "State ISSUED (can be redeemed until `expiresAt`), REDEEMED or EXPIRED (its points came back).")
    public List<Vouchers.View> vouchers() {
        return vouchers.ofMember(members.requireByKeycloakId(user.subject()).id, locale.get());
    }
}
