package ru.coalition.mailings;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.platform.BounceMsg;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.util.List;
import java.util.Map;

/**
 * The mailing manager's bounces page (/operator/mailings/bounces): the newest bounces and the addresses marketing mail
 * skips, searchable by address; a suppression can be lifted, or an address suppressed by hand (both audited).
 */
@Path("/operator/mailings/bounces")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.MAILING_MANAGER, Roles.OPERATOR_ADMIN})
public class BouncesConsoleResource {

    static final int LIMIT = 100;

    public record View(String q, List<Suppressions.Row> suppressions, long suppressedTotal, List<Bounces.Row> bounces,
                       int softLimit, int softWindowDays, String address, Map<String, String> errors, ErrorSummary summary,
                       String done, String alert) {
    }

    @CheckedTemplate(basePath = "mailings")
    static class Templates {
        static native TemplateInstance bounces(View view);
    }

    @Inject
    Bounces bounces;

    @Inject
    Suppressions suppressions;

    @Inject
    BounceConfig config;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance page(@QueryParam("q") String q) {
        return render(q, "", Map.of(), null, null);
    }

    @POST
    @Path("/lift")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance lift(@FormParam("address") String address, @FormParam("q") String q) {
        BounceMsg texts = Messages.bounce(locale.get());
        try {
            suppressions.lift(address, user.username());
        } catch (ProblemException e) {
            return render(q, "", Map.of(), null, texts.bounceNotSuppressed(address == null ? "" : address));
        }
        return render(q, "", Map.of(), texts.bounceLifted(address.strip().toLowerCase(java.util.Locale.ROOT)), null);
    }

    @POST
    @Path("/suppress")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance suppress(@FormParam("address") String address) {
        BounceMsg texts = Messages.bounce(locale.get());
        String a = address == null ? "" : address.strip();
        if (a.isEmpty() || !Bounces.isAddress(a)) {
            return render(null, a.length() > 254 ? a.substring(0, 254) : a, Map.of("suppress-address", a.isEmpty()
                    ? texts.bounceAddressRequired() : texts.bounceAddressInvalid()), null, null);
        }
        String lower = a.toLowerCase(java.util.Locale.ROOT);
        boolean added = suppressions.suppress(lower);
        return render(null, "", Map.of(), added ? texts.bounceSuppressed(lower) : texts.bounceAlreadySuppressed(lower), null);
    }

    private TemplateInstance render(String q, String address, Map<String, String> errors, String done, String alert) {
        BounceMsg texts = Messages.bounce(locale.get());
        String search = q == null ? "" : q.strip();
        if (search.length() > 254) {
            search = search.substring(0, 254);
        }
        return Templates.bounces(new View(search, suppressions.list(search, LIMIT), suppressions.count(), bounces.recent(search, LIMIT),
                config.softLimit(), config.softWindowDays(), address, errors, ErrorSummary.of(errors, f -> texts.bounceAddressLabel()),
                done, alert));
    }
}
