package ru.coalition.support;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
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

    @Inject
    CurrentUser user;

    @Inject
    Tickets tickets;

    @GET
    @Operation(operationId = "ticketQueue", summary = "A queue of tickets not closed: open (all), unassigned or mine",
            description = "Most urgent first, then oldest; at most 500.")
    public List<Tickets.Queued> queue(@QueryParam("queue") @DefaultValue("open") String queue) {
        Tickets.Queue q = switch (queue) {
            case "open" -> Tickets.Queue.OPEN;
            case "unassigned" -> Tickets.Queue.UNASSIGNED;
            case "mine" -> Tickets.Queue.MINE;
            default -> throw new ProblemException(ErrorCode.NOT_FOUND);
        };
        return tickets.queue(q, user.subject());
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
    @Path("/{ticketId}/solve")
    @Operation(operationId = "solveTicket", summary = "Mark a ticket solved: the member may reply within 7 days, and rate it")
    @ProblemResponses(ErrorCode.TICKET_NOT_FOUND)
    public Tickets.StaffView solve(@PathParam("ticketId") String ticketId) {
        UUID id = Tickets.idOf(ticketId);
        tickets.solve(id, user.displayName());
        return tickets.staffView(id);
    }

}
