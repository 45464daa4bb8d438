package ru.coalition.support;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;

import java.util.List;
import java.util.UUID;

/** The member's support tickets (API-CONTRACT.md "Support tickets (member)"): only their own, 404 for any other. */
@Path("/api/v1/me/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
@Tag(name = ApiDocument.TAG_MEMBER)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses(ErrorCode.MEMBER_NOT_FOUND)
public class MeTicketsApiResource {

    @Schema(name = "TicketRequest")
    public record TicketRequest(
            @NotBlank(message = "{coalition.field.required}") @Size(max = 200, message = "{coalition.field.too-long}") String subject,
            @NotBlank(message = "{coalition.field.required}") @Size(max = 10000, message = "{coalition.field.too-long}") String body,
            @Schema(description = "question, complaint, missing-points, account or other")
            @NotNull(message = "{coalition.field.required}")
            @Pattern(regexp = "question|complaint|missing-points|account|other", message = "{coalition.field.choice}") String category,
            @Schema(description = "The partner it concerns (slug), if any") String partner,
            @Schema(description = "The receipt it concerns, if any") @Size(max = 64, message = "{coalition.field.too-long}") String receiptId,
            @Schema(description = "Missing points without a receipt: the purchase's date") @PastOrPresent(message = "{coalition.field.date-future}") java.time.LocalDate purchaseDate,
            @Schema(description = "Missing points without a receipt: the purchase's amount in roubles")
            @DecimalMin(value = "0.01", message = "{coalition.field.money}") @Digits(integer = 10, fraction = 2, message = "{coalition.field.money}") java.math.BigDecimal purchaseAmount,
            @Schema(description = "A complaint about an order: its number") @Size(max = 64, message = "{coalition.field.too-long}") String orderRef) {

        public TicketRequest(String subject, String body, String category, String partner, String receiptId) {
            this(subject, body, category, partner, receiptId, null, null, null);
        }

        public Tickets.Opening opening() {
            return new Tickets.Opening(subject, body, category, partner, receiptId, purchaseDate, purchaseAmount, orderRef);
        }
    }

    @Schema(name = "TicketReply")
    public record Reply(@NotBlank(message = "{coalition.field.required}") @Size(max = 10000, message = "{coalition.field.too-long}") String body) {
    }

    @Schema(name = "TicketRating")
    public record Rating(@Schema(description = "1 (bad) to 5 (excellent)") @NotNull(message = "{coalition.field.required}")
                         @Min(value = 1, message = "{coalition.field.choice}") @Max(value = 5, message = "{coalition.field.choice}") Integer score,
                         @Size(max = 2000, message = "{coalition.field.too-long}") String comment) {
    }

    @Inject
    CurrentUser user;

    @Inject
    MemberService members;

    @Inject
    Tickets tickets;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "openTicket", summary = "Ask support: a question, a complaint, missing points")
    @APIResponseSchema(value = Tickets.Opened.class, responseCode = "201", responseDescription = "Opened")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.TICKET_PARTNER_UNKNOWN})
    public Response open(@NotNull(message = "{coalition.field.body-required}") @Valid TicketRequest r) {
        return Response.status(201).entity(tickets.open(self(), r.opening(), Tickets.Channel.CABINET)).build();
    }

    @GET
    @Operation(operationId = "listMyTickets", summary = "The member's tickets, newest first")
    public List<Tickets.Summary> list() {
        return tickets.of(self());
    }

    @GET
    @Path("/{ticketId}")
    @Operation(operationId = "getMyTicket", summary = "One ticket with its public replies")
    @ProblemResponses(ErrorCode.TICKET_NOT_FOUND)
    public Tickets.View get(@PathParam("ticketId") String ticketId) {
        return tickets.view(self(), Tickets.idOf(ticketId));
    }

    @POST
    @Path("/{ticketId}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "replyToMyTicket", summary = "Write to support in a ticket",
            description = "A ticket waiting for the member, or solved less than 7 days ago, is open again.")
    @APIResponseSchema(value = Tickets.View.class, responseCode = "201", responseDescription = "Sent: the ticket as it is now")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.TICKET_NOT_FOUND, ErrorCode.TICKET_CLOSED})
    public Response reply(@PathParam("ticketId") String ticketId, @NotNull(message = "{coalition.field.body-required}") @Valid Reply r) {
        UUID id = Tickets.idOf(ticketId);
        Member m = self();
        tickets.reply(m, id, r.body());
        return Response.status(201).entity(tickets.view(m, id)).build();
    }

    @POST
    @Path("/{ticketId}/rating")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "rateMyTicket", summary = "Rate how support solved a ticket (once)")
    @APIResponseSchema(value = Tickets.View.class, responseCode = "201", responseDescription = "Rated: the ticket as it is now")
    @ProblemResponses({ErrorCode.VALIDATION, ErrorCode.TICKET_NOT_FOUND, ErrorCode.TICKET_NOT_SOLVED, ErrorCode.TICKET_RATED})
    public Response rate(@PathParam("ticketId") String ticketId, @NotNull(message = "{coalition.field.body-required}") @Valid Rating r) {
        UUID id = Tickets.idOf(ticketId);
        Member m = self();
        tickets.rate(m, id, r.score(), r.comment());
        return Response.status(201).entity(tickets.view(m, id)).build();
    }

    private Member self() {
        return members.requireByKeycloakId(user.subject());
    }

}
