package ru.coalition.support;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;

import java.util.List;
import java.util.UUID;

/** The support desk's work on tickets, for support agents and their supervisor (issue 11). */
@Path("/api/v1/operator/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
@Tag(name = ApiDocument.TAG_OPERATOR)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class OperatorTicketsApiResource {

    @Schema(name = "TicketAnswer")
    public record Answer(@NotBlank(message = "{coalition.field.required}") @Size(max = 10000, message = "{coalition.field.too-long}") String body,
                         @Schema(description = "An internal note, never shown to the member") boolean internal) {
    }

    @Schema(name = "TicketRouting")
    public record Routing(@Schema(description = "The partner's slug; null takes the ticket back to support") String partner) {
    }

    @Schema(name = "TicketOutcome")
    public record Outcome(@Schema(description = "upheld, partly, rejected or compensated")
                          @NotNull(message = "{coalition.field.required}")
                          @jakarta.validation.constraints.Pattern(regexp = "upheld|partly|rejected|compensated", message = "{coalition.field.choice}") String outcome) {
    }

    @Schema(name = "TicketAdjustment")
    public record TicketAdjustment(
            @Schema(description = "\"coalition\" or a closed-loop partner's slug") @NotBlank(message = "{coalition.field.required}")
            @Size(max = 64, message = "{coalition.field.too-long}") String wallet,
            @NotNull(message = "{coalition.field.required}") @jakarta.validation.constraints.Min(value = -10_000_000, message = "{coalition.field.points}")
            @jakarta.validation.constraints.Max(value = 10_000_000, message = "{coalition.field.points}") Long points,
            @Schema(description = "Internal: the ledger and the audit keep it; the member sees the ticket's number")
            @NotBlank(message = "{coalition.field.reason}") @Size(min = 5, max = 280, message = "{coalition.field.reason}") String reason) {
    }

    @Inject
    CurrentUser user;

    @Inject
    Casework casework;

    @Inject
    Tickets tickets;

    @Schema(name = "TicketPriority")
    public record Priority(@NotBlank(message = "{coalition.field.required}")
                           @Pattern(regexp = "LOW|NORMAL|HIGH|URGENT", message = "{coalition.field.choice}")
                           @Schema(description = "LOW, NORMAL, HIGH or URGENT") String priority) {
    }

    @GET
    @Operation(operationId = "ticketQueue", summary = "A queue of tickets not closed: open (all), unassigned, mine or overdue",
            description = "Most urgent first, then oldest; at most 500. For the support supervisor, breached and then at-risk"
                    + " tickets come first. Overdue: breached or at-risk tickets not yet solved, breached first, then by the"
                    + " nearest due moment.")
    public List<Tickets.Queued> queue(@QueryParam("queue") @DefaultValue("open") String queue) {
        Tickets.Queue q = switch (queue) {
            case "open" -> Tickets.Queue.OPEN;
            case "unassigned" -> Tickets.Queue.UNASSIGNED;
            case "mine" -> Tickets.Queue.MINE;
            case "overdue" -> Tickets.Queue.OVERDUE;
            default -> throw new ProblemException(ErrorCode.NOT_FOUND);
        };
        return tickets.queue(q, user.subject(), user.hasRole(Roles.SUPPORT_SUPERVISOR));
    }

    @POST
    @Path("/{ticketId}/priority")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "prioritizeTicket", summary = "Change a ticket's priority: its service-level targets follow")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.TICKET_NOT_FOUND})
    public Tickets.StaffView prioritize(@PathParam("ticketId") String ticketId,
                                        @NotNull(message = "{coalition.field.body-required}") @Valid Priority p) {
        UUID id = Tickets.idOf(ticketId);
        tickets.prioritize(id, p.priority(), user.displayName());
        return tickets.staffView(id);
    }

    @GET
    @Path("/{ticketId}")
    @Operation(operationId = "ticketForStaff", summary = "A ticket with every message (internal notes too) and its history")
    @ProblemResponses(ErrorCode.TICKET_NOT_FOUND)
    public Tickets.StaffView get(@PathParam("ticketId") String ticketId) {
        return tickets.staffView(Tickets.idOf(ticketId));
    }

    @POST
    @Path("/{ticketId}/assign-to-me")
    @Operation(operationId = "takeTicket", summary = "Take a ticket: it is assigned to the caller")
    @ProblemResponses(ErrorCode.TICKET_NOT_FOUND)
    public Tickets.StaffView take(@PathParam("ticketId") String ticketId) {
        UUID id = Tickets.idOf(ticketId);
        tickets.assign(id, user.subject(), user.displayName());
        return tickets.staffView(id);
    }

    @POST
    @Path("/{ticketId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "answerTicket", summary = "A public reply (the ticket then waits for the member) or an internal note")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.TICKET_NOT_FOUND})
    public Tickets.StaffView answer(@PathParam("ticketId") String ticketId,
                                    @NotNull(message = "{coalition.field.body-required}") @Valid Answer a) {
        UUID id = Tickets.idOf(ticketId);
        tickets.answer(id, user.displayName(), a.body(), a.internal());
        return tickets.staffView(id);
    }

    @POST
    @Path("/{ticketId}/route")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "routeTicket", summary = "Route a ticket to a partner's staff (they answer it in the portal), or take it back")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.TICKET_NOT_FOUND, ErrorCode.TICKET_PARTNER_UNKNOWN})
    public Tickets.StaffView route(@PathParam("ticketId") String ticketId, @NotNull(message = "{coalition.field.body-required}") Routing r) {
        UUID id = Tickets.idOf(ticketId);
        casework.route(id, r.partner(), user.displayName());
        return tickets.staffView(id);
    }

    @POST
    @Path("/{ticketId}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordTicketOutcome", summary = "How a complaint or a claim ended, for the quality report")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.TICKET_NOT_FOUND})
    public Tickets.StaffView outcome(@PathParam("ticketId") String ticketId, @NotNull(message = "{coalition.field.body-required}") @Valid Outcome o) {
        UUID id = Tickets.idOf(ticketId);
        casework.outcome(id, o.outcome(), user.displayName());
        return tickets.staffView(id);
    }

    @POST
    @Path("/{ticketId}/adjustments")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "adjustForTicket", summary = "Credit or debit the member's wallet with the ticket as the reason",
            description = "Goes through the ledger's adjustment service: the entry names the ticket as its source, the ticket keeps the"
                    + " adjustment, the audit record carries the ticket's number.")
    @APIResponseSchema(value = ru.coalition.ledger.Adjustments.Adjusted.class, responseCode = "201", responseDescription = "Posted: the wallet's balance after")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.TICKET_NOT_FOUND, ErrorCode.TICKET_NO_MEMBER, ErrorCode.PARTNER_NOT_FOUND,
            ErrorCode.ADJUSTMENT_INSUFFICIENT})
    public Response adjust(@PathParam("ticketId") String ticketId,
                           @NotNull(message = "{coalition.field.body-required}") @Valid TicketAdjustment a) {
        if (a.points() == 0) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new ru.coalition.platform.Problem.FieldError("points", null)));
        }
        return Response.status(201).entity(casework.adjust(Tickets.idOf(ticketId), a.wallet(), a.points(), a.reason(), user.displayName())).build();
    }

    @POST
    @Path("/{ticketId}/solve")
    @Operation(operationId = "solveTicket", summary = "Mark a ticket solved: the member may reply within 7 days, and rate it")
    @ProblemResponses(ErrorCode.TICKET_NOT_FOUND)
    public Tickets.StaffView solve(@PathParam("ticketId") String ticketId) {
        UUID id = Tickets.idOf(ticketId);
        tickets.solve(id, user.displayName());
        return tickets.staffView(id);
    }

}
