package ru.coalition.orders;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.FileDownload;
import ru.coalition.platform.ProblemResponses;

import java.util.List;

/** The member's orders (API-CONTRACT.md "Orders"): only their own; another member's order answers 404. */
@Path("/api/v1/me/orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
@Tag(name = ApiDocument.TAG_ORDERS)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses(ErrorCode.MEMBER_NOT_FOUND)
public class MeOrdersApiResource {

    @Schema(name = "OrderQuoteAnswer")
    public record QuoteAnswer(@Schema(description = "true accepts the quoted price, false declines it")
                              @NotNull(message = "{coalition.field.required}") Boolean accept) {
    }

    @Schema(name = "OrderCancel")
    public record Cancel(@Size(max = 1000, message = "{coalition.field.too-long}") String reason) {
    }

    @Inject
    CurrentUser user;

    @Inject
    MemberService members;

    @Inject
    Orders orders;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "placeOrder", summary = "Order a partner's services",
            description = "Numbers are the partner's own, e.g. KM-000123. Attach a layout file afterwards (POST …/files).")
    @APIResponseSchema(value = Orders.Placed.class, responseCode = "201", responseDescription = "Placed")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.ORDERS_OFF, ErrorCode.ORDER_ITEM_INVALID, ErrorCode.ORDER_CHANNEL_MISSING})
    public Response place(@NotNull(message = "{coalition.field.body-required}") @Valid Orders.PlaceRequest r) {
        return Response.status(201).entity(orders.place(self(), r)).build();
    }

    @GET
    @Operation(operationId = "listMyOrders", summary = "The member's orders, newest first")
    public List<Orders.Summary> list() {
        return orders.ofMember(self());
    }

    @GET
    @Path("/{orderId}")
    @Operation(operationId = "getMyOrder", summary = "One order with its items, files and timeline")
    @ProblemResponses(ErrorCode.ORDER_NOT_FOUND)
    public Orders.Order get(@PathParam("orderId") String orderId) {
        return orders.ofMember(self(), Orders.idOf(orderId));
    }

    @POST
    @Path("/{orderId}/quote")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "answerOrderQuote", summary = "Accept or decline the price staff quoted")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.ORDER_NOT_FOUND, ErrorCode.ORDER_NO_QUOTE})
    public Orders.Order answerQuote(@PathParam("orderId") String orderId,
                                    @NotNull(message = "{coalition.field.body-required}") @Valid QuoteAnswer a) {
        return orders.answerQuote(self(), Orders.idOf(orderId), a.accept());
    }

    @POST
    @Path("/{orderId}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "cancelMyOrder", summary = "Cancel an order before the work on it starts")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.ORDER_NOT_FOUND, ErrorCode.ORDER_TOO_LATE_TO_CANCEL})
    public Orders.Order cancel(@PathParam("orderId") String orderId, @Valid Cancel c) {
        return orders.cancelByMember(self(), Orders.idOf(orderId), c == null ? null : c.reason(), Orders.Actor.MEMBER);
    }

    @POST
    @Path("/{orderId}/files")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "attachToMyOrder", summary = "Attach a layout file (PDF or a picture) to an order",
            description = "The body is the file's bytes; its type is read from them, not from Content-Type.")
    @APIResponseSchema(value = Orders.FileInfo.class, responseCode = "201", responseDescription = "Attached")
    @ProblemResponses({ErrorCode.ORDER_NOT_FOUND, ErrorCode.ORDER_STATE, ErrorCode.ATTACHMENT_TOO_LARGE, ErrorCode.ATTACHMENT_TYPE,
            ErrorCode.ATTACHMENT_TOO_MANY})
    public Response attach(@PathParam("orderId") String orderId,
                           @Parameter(description = "The file's name as the member knows it") @QueryParam("name") String name,
                           byte[] bytes) {
        return Response.status(201).entity(orders.attachByMember(self(), Orders.idOf(orderId), name, bytes)).build();
    }

    @GET
    @Path("/{orderId}/files/{fileId}")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "downloadMyOrderFile", summary = "A file of the member's order")
    @ProblemResponses({ErrorCode.ORDER_NOT_FOUND, ErrorCode.ATTACHMENT_NOT_FOUND})
    public Response file(@PathParam("orderId") String orderId, @PathParam("fileId") String fileId) {
        Orders.Content c = orders.fileOfMember(self(), Orders.idOf(orderId), FileDownload.idOf(fileId));
        return FileDownload.of(c.fileName(), c.contentType(), c.bytes());
    }

    private Member self() {
        return members.requireByKeycloakId(user.subject());
    }
}
