package ru.coalition.orders;

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
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.FileDownload;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;

import java.time.LocalDate;
import java.util.List;

/** Partner staff work their orders (API-CONTRACT.md "Orders"); another partner's order answers 404. */
@Path("/api/v1/partner/orders")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
@Tag(name = ApiDocument.TAG_ORDERS)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses({ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED})
public class PartnerOrdersApiResource {

    @Schema(name = "OrderDue")
    public record Due(@NotNull(message = "{coalition.field.required}") LocalDate dueDate) {
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    CurrentUser user;

    @Inject
    Orders orders;

    @GET
    @Operation(operationId = "listPartnerOrders", summary = "The partner's orders, newest first (at most 500)")
    @ProblemResponses(ErrorCode.VALIDATION)
    public List<Orders.Summary> list(@Parameter(description = "NEW, ACCEPTED, IN_WORK, READY, DONE or CANCELLED") @QueryParam("state") String state) {
        OrderState s = null;
        if (state != null && !state.isBlank()) {
            s = OrderState.parse(state.trim());
            if (s == null) {
                throw new ProblemException(ErrorCode.VALIDATION, List.of(new Problem.FieldError("state", null)));
            }
        }
        return orders.ofPartner(currentPartner.require(), s, 500);
    }

    @GET
    @Path("/{orderId}")
    @Operation(operationId = "getPartnerOrder", summary = "One order with its items, files and timeline")
    @ProblemResponses(ErrorCode.ORDER_NOT_FOUND)
    public Orders.Order get(@PathParam("orderId") String orderId) {
        return orders.ofPartner(currentPartner.require(), Orders.idOf(orderId));
    }

    @POST
    @Path("/{orderId}/state")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "moveOrder", summary = "Move an order on, or cancel it with a reason",
            description = "NEW → ACCEPTED → IN_WORK → READY → DONE, or CANCELLED from any of the first four. IN_WORK needs the price"
                    + " settled (every item priced, or a quote the member accepted). DONE posts the price as a purchase whose"
                    + " receipt id is the order's number, unless `post` is false.")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.ORDER_NOT_FOUND, ErrorCode.ORDER_STATE, ErrorCode.ORDER_REASON_REQUIRED,
            ErrorCode.ORDER_QUOTE_PENDING, ErrorCode.ORDER_NEEDS_QUOTE})
    public Orders.Order move(@PathParam("orderId") String orderId,
                             @NotNull(message = "{coalition.field.body-required}") @Valid Orders.StateChange change) {
        return orders.move(currentPartner.require(), Orders.idOf(orderId), change, user.username());
    }

    @POST
    @Path("/{orderId}/quote")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "quoteOrder", summary = "Quote a price for the whole order; the member accepts or declines it")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.ORDER_NOT_FOUND, ErrorCode.ORDER_STATE})
    public Orders.Order quote(@PathParam("orderId") String orderId,
                              @NotNull(message = "{coalition.field.body-required}") @Valid Orders.Quote quote) {
        return orders.quote(currentPartner.require(), Orders.idOf(orderId), quote, user.username());
    }

    @POST
    @Path("/{orderId}/due")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "setOrderDue", summary = "Set or move the due date; the member is told")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.ORDER_NOT_FOUND, ErrorCode.ORDER_STATE})
    public Orders.Order due(@PathParam("orderId") String orderId, @NotNull(message = "{coalition.field.body-required}") @Valid Due due) {
        return orders.due(currentPartner.require(), Orders.idOf(orderId), due.dueDate(), user.username());
    }

    @POST
    @Path("/{orderId}/files")
    @Consumes(MediaType.WILDCARD)
    @Operation(operationId = "attachToPartnerOrder", summary = "Attach a file (a proof, say) to an order; the member sees it")
    @APIResponseSchema(value = Orders.FileInfo.class, responseCode = "201", responseDescription = "Attached")
    @ProblemResponses({ErrorCode.ORDER_NOT_FOUND, ErrorCode.ORDER_STATE, ErrorCode.ATTACHMENT_TOO_LARGE, ErrorCode.ATTACHMENT_TYPE,
            ErrorCode.ATTACHMENT_TOO_MANY})
    public Response attach(@PathParam("orderId") String orderId, @QueryParam("name") String name, byte[] bytes) {
        return Response.status(201).entity(orders.attachByStaff(currentPartner.require(), Orders.idOf(orderId),
                user.username(), name, bytes)).build();
    }

    @GET
    @Path("/{orderId}/files/{fileId}")
    @Produces(MediaType.WILDCARD)
    @Operation(operationId = "downloadPartnerOrderFile", summary = "A file of the order (the member's layout, say)")
    @ProblemResponses({ErrorCode.ORDER_NOT_FOUND, ErrorCode.ATTACHMENT_NOT_FOUND})
    public Response file(@PathParam("orderId") String orderId, @PathParam("fileId") String fileId) {
        Orders.Content c = orders.fileOfPartner(currentPartner.require(), Orders.idOf(orderId), FileDownload.idOf(fileId));
        return FileDownload.of(c.fileName(), c.contentType(), c.bytes());
    }
}
