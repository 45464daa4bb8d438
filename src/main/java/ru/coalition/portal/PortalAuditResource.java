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
import ru.coalition.audit.AuditLog;
import ru.coalition.console.AuditConsoleResource;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.platform.ConsoleMsg;
import ru.coalition.platform.Messages;
import ru.coalition.platform.RequestLocale;

import java.util.List;

/** A partner admin sees who did what at their partner: staff invited and removed, program versions, rewards handed out. */
@Path("/portal/audit")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.PARTNER_ADMIN)
public class PortalAuditResource {

    static final int PAGE_SIZE = 50;

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance audit(Partner partner, List<AuditConsoleResource.Row> rows, AuditLog.Page page, int previous, int next, boolean hasNext);
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
        // the same words as the operator's log; only this partner's name is known to it
        List<AuditConsoleResource.Row> rows = found.entries().stream()
                .map(e -> AuditConsoleResource.row(e, java.util.Map.of(p.id, p), locale.messages(), words, locale.get())).toList();
        return Templates.audit(p, rows, found, Math.max(0, found.page() - 1), found.page() + 1, found.page() + 1 < found.pages());
    }
}
