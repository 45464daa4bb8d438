package ru.coalition.portal;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.ProgramDefinition;
import ru.coalition.partners.ProgramVersion;
import ru.coalition.purchases.PurchaseService;
import ru.coalition.web.Nav;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

/**
 * The partner portal's front page: this month's sales and the last twelve months as a chart, then the program in
 * force and its versions. Partner staff see only their own partner, the one named in their token; a cashier's work
 * is the till, so a cashier lands there.
 */
@Path("/portal")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
public class PortalResource {

    static final int MONTHS = 12;

    /** The sales figures: the months oldest first, this month last; share() gives a bar's height in percent. */
    public record Sales(List<PurchaseService.Month> months, PurchaseService.Month thisMonth, PurchaseService.Month lastMonth,
                        long largest) {
        public long share(long total) {
            return largest == 0 ? 0 : Math.max(total > 0 ? 2 : 0, Math.round(100.0 * total / largest));
        }
    }

    @CheckedTemplate(basePath = "portal")
    static class Templates {
        static native TemplateInstance portal(Partner partner, Sales sales, ProgramDefinition program, List<ProgramVersion> versions,
                                              LocalDate today, String staffName);
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    PartnerService partners;

    @Inject
    PurchaseService purchases;

    @Inject
    CurrentUser user;

    @Inject
    SecurityIdentity identity;

    @Inject
    Clock clock;

    @GET
    public Object home() {
        if (!user.hasRole(Roles.PARTNER_ADMIN)) {
            return Response.seeOther(URI.create(Nav.landing(identity))).build();
        }
        Partner p = currentPartner.require();
        List<PurchaseService.Month> months = purchases.monthly(p.id, ZoneId.of(p.timeZone), MONTHS, clock.instant());
        long largest = months.stream().mapToLong(PurchaseService.Month::total).max().orElse(0);
        Sales sales = new Sales(months, months.get(months.size() - 1), months.get(months.size() - 2), largest);
        return Templates.portal(p, sales, partners.currentProgram(p).orElse(null), partners.versions(p), partners.today(p),
                user.displayName());
    }
}
