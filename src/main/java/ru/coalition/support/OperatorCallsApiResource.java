package ru.coalition.support;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The support desk's call log (issue 11 §2), for support agents and their supervisor. */
@Path("/api/v1/operator/calls")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
@Tag(name = ApiDocument.TAG_OPERATOR)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class OperatorCallsApiResource {

    @Inject
    CallLog calls;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "logCall", summary = "Log a phone call: it opens a PHONE ticket, or adds to the ticket named",
            description = "The caller is found by the card number given, else by the phone number; an unknown caller's ticket has no"
                    + " member. The summary is written into the ticket as the caller's words.")
    @APIResponse(responseCode = "201", description = "The call as logged",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CallLog.Logged.class)))
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.CALL_CARD_UNKNOWN, ErrorCode.TICKET_NOT_FOUND, ErrorCode.TICKET_CLOSED,
            ErrorCode.TICKET_PARTNER_UNKNOWN})
    public Response log(@NotNull(message = "{coalition.field.body-required}") @Valid CallLog.Call call) {
        return Response.status(Response.Status.CREATED).entity(calls.log(call, user.displayName())).build();
    }

    @GET
    @Operation(operationId = "callLog", summary = "Calls of a day (today by default), newest first, or the calls about one ticket")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.TICKET_NOT_FOUND})
    public List<CallLog.Logged> list(@Parameter(description = "A day in the operator's zone, yyyy-MM-dd") @QueryParam("day") String day,
                                     @Parameter(description = "Only the calls about this ticket") @QueryParam("ticketId") String ticketId) {
        if (ticketId != null) {
            return calls.ofTicket(Tickets.idOf(ticketId));
        }
        try {
            return calls.onDay(day == null || day.isBlank() ? calls.today() : LocalDate.parse(day));
        } catch (DateTimeParseException e) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new Problem.FieldError("day", locale.texts().problem("field.unreadable"))));
        }
    }
}
