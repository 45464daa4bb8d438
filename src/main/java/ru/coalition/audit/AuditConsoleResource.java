package ru.coalition.audit;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.identity.Roles;

import java.util.List;

/** Operator console: the latest staff actions. */
@Path("/operator/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.SUPPORT_SUPERVISOR})
public class AuditConsoleResource {

    @CheckedTemplate(basePath = "audit")
    static class Templates {
        static native TemplateInstance auditLog(List<AuditEntry> entries);
    }

    @Inject
    AuditLog audit;

    @GET
    public TemplateInstance list() {
        return Templates.auditLog(audit.latest(AuditLog.PAGE_LIMIT));
    }
}
