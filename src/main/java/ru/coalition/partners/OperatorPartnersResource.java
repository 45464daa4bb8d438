package ru.coalition.partners;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestForm;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.QueryParam;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.Msg;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.Texts;
import ru.coalition.web.Nav;

import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Operator console: the partner list, onboarding a partner, suspending and resuming one. */
@Path("/operator")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.OPERATOR_ADMIN, Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR, Roles.MAILING_MANAGER})
public class OperatorPartnersResource {

    @CheckedTemplate(basePath = "partners")
    static class Templates {
        static native TemplateInstance operatorPartners(List<Partner> partners, List<TenantLoader.FileResult> tenantReport,
                                                        String done, String refusedSlug, String refusal);

        static native TemplateInstance operatorPartnerNew(Map<String, String> form, Map<String, String> errors, ErrorSummary summary);
    }

    @Inject
    CoalitionConfig config;

    @Inject
    PartnerService partners;

    @Inject
    TenantLoader tenantLoader;

    @Inject
    RequestLocale locale;

    @Inject
    CurrentUser user;

    @Inject
    SecurityIdentity identity;

    /**
     * The operator's partner list. Staff whose work is elsewhere (support, mailings) land on their own page instead of
     * a list they cannot act on; "done" names what was just changed, for the confirmation above the list.
     */
    @GET
    public Object home(@QueryParam("created") String created, @QueryParam("suspended") String suspended,
                       @QueryParam("resumed") String resumed) {
        if (!user.hasRole(Roles.OPERATOR_ADMIN)) {
            String landing = Nav.landing(identity);
            return Response.seeOther(URI.create(landing == null ? "/" : landing)).build();
        }
        Msg msg = locale.messages();
        String done = created != null ? nameOf(created).map(msg::operatorPartnerCreated).orElse(null)
                : suspended != null ? nameOf(suspended).map(msg::operatorPartnerSuspended).orElse(null)
                : resumed != null ? nameOf(resumed).map(msg::operatorPartnerResumed).orElse(null) : null;
        return Templates.operatorPartners(partners.list(), tenantLoader.lastReport(), done, null, null);
    }

    private java.util.Optional<String> nameOf(String slug) {
        return slug.length() > 64 ? java.util.Optional.empty() : partners.findBySlug(slug).map(p -> p.name);
    }

    @GET
    @Path("/partners/new")
    @RolesAllowed(Roles.OPERATOR_ADMIN)
    public TemplateInstance newPartner() {
        return Templates.operatorPartnerNew(Map.of("timeZone", config.operatorZone(), "walletScope", "CLOSED_LOOP"), Map.of(), ErrorSummary.NONE);
    }

    @POST
    @Path("/partners")
    @RolesAllowed(Roles.OPERATOR_ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object create(@RestForm String slug, @RestForm String name, @RestForm String legalName, @RestForm String city,
                         @RestForm String timeZone, @RestForm String walletScope) {
        Texts texts = locale.texts();
        Map<String, String> form = new LinkedHashMap<>();
        form.put("slug", trim(slug));
        form.put("name", trim(name));
        form.put("legalName", trim(legalName));
        form.put("city", trim(city));
        form.put("timeZone", trim(timeZone));
        form.put("walletScope", trim(walletScope));
        Map<String, String> errors = new LinkedHashMap<>();
        if (form.get("slug") == null || !form.get("slug").matches("^[a-z][a-z0-9-]{1,62}[a-z0-9]$")) {
            errors.put("slug", texts.problem("coalition.field.slug"));
        }
        if (form.get("name") == null) {
            errors.put("name", texts.problem("coalition.field.required"));
        } else if (form.get("name").length() > 200) {
            errors.put("name", texts.problem("coalition.field.too-long"));
        }
        try {
            ZoneId.of(form.get("timeZone") == null ? "" : form.get("timeZone"));
        } catch (DateTimeException e) {
            errors.put("timeZone", texts.problem("coalition.field.time-zone"));
        }
        WalletScope scope = "COALITION".equals(form.get("walletScope")) ? WalletScope.COALITION
                : "CLOSED_LOOP".equals(form.get("walletScope")) ? WalletScope.CLOSED_LOOP : null;
        if (scope == null) {
            errors.put("walletScope", texts.problem("coalition.field.choice"));
        }
        if (!errors.isEmpty()) {
            return newPartnerPage(form, errors);
        }
        try {
            partners.create(new PartnerService.NewPartner(form.get("slug"), form.get("name"), form.get("legalName"),
                    form.get("city"), form.get("timeZone"), scope));
        } catch (ProblemException e) {
            errors.put("slug", texts.problem(e.code().code() + ".detail", e.args()));
            return newPartnerPage(form, errors);
        }
        return Response.seeOther(URI.create("/operator?created=" + form.get("slug"))).build();
    }

    @POST
    @Path("/partners/{slug}/status")
    @RolesAllowed(Roles.OPERATOR_ADMIN)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object setStatus(@PathParam("slug") String slug, @RestForm String status, @RestForm String reason) {
        Partner.Status target = "SUSPENDED".equals(status) ? Partner.Status.SUSPENDED : Partner.Status.ACTIVE;
        try {
            partners.setStatus(slug, target, reason);
        } catch (ProblemException e) {
            if (e.code() != ru.coalition.platform.ErrorCode.VALIDATION) {
                throw e;
            }
            return Templates.operatorPartners(partners.list(), tenantLoader.lastReport(), null, slug,
                    locale.messages().operatorReasonNeeded());
        }
        String outcome = target == Partner.Status.SUSPENDED ? "suspended" : "resumed";
        return Response.seeOther(URI.create("/operator?" + outcome + "=" + slug)).build();
    }

    private TemplateInstance newPartnerPage(Map<String, String> form, Map<String, String> errors) {
        Msg msg = locale.messages();
        return Templates.operatorPartnerNew(form, errors, ErrorSummary.of(errors, f -> msg.partnerLabel("walletScope".equals(f) ? "wallet" : f)));
    }

    private static String trim(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
