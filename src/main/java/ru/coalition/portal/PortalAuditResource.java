package ru.coalition.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.audit.AuditEntry;
import ru.coalition.audit.AuditLog;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.platform.ConsoleMsg;
import ru.coalition.platform.Messages;
import ru.coalition.platform.RequestLocale;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/** A partner admin sees who did what at their partner: staff invited and removed, program versions, rewards handed out. */
@Path("/portal/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.PARTNER_ADMIN)
public class PortalAuditResource {

    static final int PAGE_SIZE = 50;

    public record Row(Instant at, String actor, String action, String target, String details) {
    }

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance audit(Partner partner, List<Row> rows, AuditLog.Page page, int previous, int next, boolean hasNext);
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    AuditLog audit;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance page(@QueryParam("page") Integer page) {
        Partner p = currentPartner.require();
        // the partner id comes from the token, never from the URL: another partner's entries cannot be asked for
        AuditLog.Page found = audit.search(new AuditLog.Filter(null, null, p.id, null, null), page == null ? 0 : Math.max(0, page), PAGE_SIZE);
        ConsoleMsg words = Messages.console(locale.get());
        List<Row> rows = found.entries().stream().map(e -> row(e, p, words)).toList();
        return Templates.audit(p, rows, found, Math.max(0, found.page() - 1), found.page() + 1, found.page() + 1 < found.pages());
    }

    private static Row row(AuditEntry e, Partner p, ConsoleMsg words) {
        String actor = e.actor == null || "system".equals(e.actor) ? words.auditActorSystem()
                : ("service-account-" + p.slug + "-pos").equals(e.actor) ? words.auditActorTill(p.name) : e.actor;
        String details = e.details == null ? "" : e.details.entrySet().stream()
                .map(d -> words.auditDetailLabel(d.getKey()) + ": " + d.getValue()).collect(Collectors.joining("; "));
        return new Row(e.at, actor, e.action, e.targetId == null ? "" : e.targetId, details);
    }
}
