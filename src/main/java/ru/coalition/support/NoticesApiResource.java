package ru.coalition.support;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;

import java.util.List;

/** The caller's notices from the SLA job: tickets at risk, breached, or escalated to them (support staff only). */
@Path("/api/v1/operator/notices")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR})
@Tag(name = ApiDocument.TAG_OPERATOR)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class NoticesApiResource {

    @Inject
    SupportNotices notices;

    @Inject
    CurrentUser user;

    @GET
    @Operation(operationId = "myNotices", summary = "My notices, newest first (at most 100); ?unread=true for unread ones only")
    public List<SupportNotices.Notice> mine(@QueryParam("unread") @DefaultValue("false") boolean unread) {
        return notices.of(user.subject(), unread);
    }

    @POST
    @Path("/{noticeId}/read")
    @Operation(operationId = "readNotice", summary = "Mark one of my notices read")
    @ProblemResponses(ErrorCode.NOTICE_NOT_FOUND)
    public Response read(@PathParam("noticeId") String noticeId) {
        long id;
        try {
            id = Long.parseLong(noticeId);
        } catch (NumberFormatException e) {
            throw new ProblemException(ErrorCode.NOTICE_NOT_FOUND);
        }
        notices.markRead(user.subject(), id);
        return Response.noContent().build();
    }

    @POST
    @Path("/read")
    @Operation(operationId = "readAllNotices", summary = "Mark all my notices read")
    public Response readAll() {
        notices.markAllRead(user.subject());
        return Response.noContent().build();
    }
}
