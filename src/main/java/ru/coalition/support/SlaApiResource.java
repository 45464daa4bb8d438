package ru.coalition.support;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The support desk's service levels (issue 11 §3): targets per category and priority, and the business calendar. Support
 * staff and the operator's admins read them; only the support supervisor changes them (each change is audited).
 */
@Path("/api/v1/operator/sla")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR, Roles.OPERATOR_ADMIN})
@Tag(name = ApiDocument.TAG_OPERATOR)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class SlaApiResource {

    @Schema(name = "SlaTargets")
    public record Targets(@NotNull(message = "{coalition.field.required}") @Schema(description = "Business minutes, 1–100 000") Integer firstResponseMinutes,
                          @NotNull(message = "{coalition.field.required}") @Schema(description = "Business minutes, 1–100 000") Integer resolutionMinutes) {
    }

    @Schema(name = "SlaWorkingWeek")
    public record Week(@NotNull(message = "{coalition.field.required}") @Size(max = 7, message = "{coalition.field.too-many}")
                       List<ServiceLevels.WorkingDay> hours) {
    }

    @Schema(name = "SlaNewHoliday")
    public record NewHoliday(@NotNull(message = "{coalition.field.required}") LocalDate day,
                             @NotBlank(message = "{coalition.field.required}") @Size(max = 100, message = "{coalition.field.too-long}") String name) {
    }

    @Inject
    ServiceLevels levels;

    @Inject
    CurrentUser user;

    @GET
    @Path("/policies")
    @Operation(operationId = "slaPolicies", summary = "The targets of every category and priority, in business minutes")
    public List<ServiceLevels.Policy> policies() {
        return levels.policies();
    }

    @PUT
    @Path("/policies/{category}/{priority}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    @Operation(operationId = "saveSlaPolicy", summary = "Set the targets of one category and priority (supervisor)",
            description = "Tickets opened from now on, and tickets whose priority changes, get these targets.")
    @ProblemResponses(ErrorCode.NOT_FOUND)
    public ServiceLevels.Policy savePolicy(@PathParam("category") String category, @PathParam("priority") String priority,
                                           @NotNull(message = "{coalition.field.body-required}") @Valid Targets t) {
        return levels.savePolicy(category, priority, t.firstResponseMinutes(), t.resolutionMinutes(), user.displayName());
    }

    @GET
    @Path("/calendar")
    @Operation(operationId = "slaCalendar", summary = "The business calendar: working hours in the operator's zone, and holidays")
    public ServiceLevels.Calendar calendar() {
        return levels.calendarView();
    }

    @PUT
    @Path("/calendar/hours")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    @Operation(operationId = "saveSlaHours", summary = "Replace the working week (supervisor); days not listed are days off",
            description = "Open tickets' due moments follow the new hours.")
    public ServiceLevels.Calendar saveHours(@NotNull(message = "{coalition.field.body-required}") @Valid Week week) {
        return levels.saveHours(week.hours());
    }

    @POST
    @Path("/calendar/holidays")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    @Operation(operationId = "addSlaHoliday", summary = "Add a holiday or another day off (supervisor)",
            description = "A day already listed gets the new name. Open tickets' due moments follow.")
    public Response addHoliday(@NotNull(message = "{coalition.field.body-required}") @Valid NewHoliday h) {
        return Response.status(Response.Status.CREATED).entity(levels.addHoliday(h.day(), h.name())).build();
    }

    @DELETE
    @Path("/calendar/holidays/{day}")
    @RolesAllowed(Roles.SUPPORT_SUPERVISOR)
    @Operation(operationId = "removeSlaHoliday", summary = "Remove a day off (supervisor); the day is YYYY-MM-DD")
    @ProblemResponses(ErrorCode.SLA_HOLIDAY_NOT_FOUND)
    public Response removeHoliday(@PathParam("day") String day) {
        LocalDate d;
        try {
            d = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ErrorCode.SLA_HOLIDAY_NOT_FOUND);
        }
        levels.removeHoliday(d);
        return Response.noContent().build();
    }
}
