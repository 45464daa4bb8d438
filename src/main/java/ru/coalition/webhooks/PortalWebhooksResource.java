package ru.coalition.webhooks;

import io.quarkus.narayana.jta.QuarkusTransaction;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The partner admin's webhooks in the portal (issue 14 §4): the endpoints with the events each wants, a new one with its
 * secret shown once, an endpoint's settings, its secret rotated, a test event, and its deliveries with each try and a
 * button to send one again.
 */
@Path("/portal/webhooks")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.PARTNER_ADMIN)
public class PortalWebhooksResource {

    /** A delivery with its tries, for the log. */
    public record Logged(WebhookEndpoints.Delivery delivery, List<WebhookDispatcher.Attempt> attempts) {
    }

    @CheckedTemplate(basePath = "webhooks")
    static class Templates {
        static native TemplateInstance endpoints(List<WebhookEndpoints.Endpoint> endpoints, List<String> types, Map<String, String> form,
                                                 List<String> chosen, String alert);

        static native TemplateInstance endpoint(WebhookEndpoints.Endpoint endpoint, List<String> types, List<Logged> deliveries,
                                                String secret, String alert, String done);
    }

    @Inject
    WebhookEndpoints endpoints;

    @Inject
    WebhookEvents events;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    CurrentPartner currentPartner;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance list() {
        return Templates.endpoints(endpoints.of(currentPartner.require()), WebhookTypes.ALL, Map.of("url", "", "description", ""),
                List.of(WebhookTypes.PURCHASE_ACCRUED), null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object create(MultivaluedMap<String, String> form) {
        Partner p = currentPartner.require();
        String url = value(form, "url");
        String description = value(form, "description");
        List<String> chosen = form.get("events") == null ? List.of() : form.get("events");
        try {
            WebhookEndpoints.Created created = endpoints.create(p, url, description, chosen, user.username());
            return page(p, created.endpoint().endpointId(), created.secret(), null, "created");
        } catch (ProblemException e) {
            return Response.status(e.code().status()).entity(Templates.endpoints(endpoints.of(p), WebhookTypes.ALL,
                    Map.of("url", url, "description", description), chosen, locale.texts().problemDetailOrTitle(e))).build();
        }
    }

    @GET
    @Path("/{endpointId}")
    public TemplateInstance view(@PathParam("endpointId") String endpointId, @QueryParam("done") String done) {
        return page(currentPartner.require(), idOf(endpointId), null, null, done);
    }

    @POST
    @Path("/{endpointId}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object update(@PathParam("endpointId") String endpointId, MultivaluedMap<String, String> form) {
        Partner p = currentPartner.require();
        UUID id = idOf(endpointId);
        try {
            endpoints.update(p, id, value(form, "url"), value(form, "description"), form.get("events") == null ? List.of() : form.get("events"),
                    form.containsKey("active"), user.username());
        } catch (ProblemException e) {
            return page(p, id, null, locale.texts().problemDetailOrTitle(e), null);
        }
        return Response.seeOther(URI.create("/portal/webhooks/" + id + "?done=saved")).build();
    }

    @POST
    @Path("/{endpointId}/rotate")
    public TemplateInstance rotate(@PathParam("endpointId") String endpointId) {
        Partner p = currentPartner.require();
        UUID id = idOf(endpointId);
        String secret = endpoints.rotate(p, id, user.username());
        return page(p, id, secret, null, "rotated");
    }

    @POST
    @Path("/{endpointId}/test")
    public Response test(@PathParam("endpointId") String endpointId) {
        Partner p = currentPartner.require();
        UUID id = idOf(endpointId);
        QuarkusTransaction.requiringNew().run(() -> events.ping(p.id, endpoints.rowId(p, id)));
        return Response.seeOther(URI.create("/portal/webhooks/" + id + "?done=tested")).build();
    }

    @POST
    @Path("/{endpointId}/deliveries/{deliveryId}/replay")
    public Response replay(@PathParam("endpointId") String endpointId, @PathParam("deliveryId") long deliveryId) {
        Partner p = currentPartner.require();
        UUID id = idOf(endpointId);
        endpoints.replay(p, id, deliveryId, user.username());
        return Response.seeOther(URI.create("/portal/webhooks/" + id + "?done=replayed")).build();
    }

    private TemplateInstance page(Partner p, UUID id, String secret, String alert, String done) {
        List<WebhookEndpoints.Delivery> deliveries = endpoints.deliveries(p, id, 50);
        var attempts = dispatcher.attempts(deliveries.stream().map(WebhookEndpoints.Delivery::deliveryId).toList());
        List<Logged> log = deliveries.stream().map(d -> new Logged(d, attempts.getOrDefault(d.deliveryId(), List.of()))).toList();
        return Templates.endpoint(endpoints.endpoint(p, id), WebhookTypes.ALL, log, secret, alert, done);
    }

    private static UUID idOf(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.WEBHOOK_NOT_FOUND);
        }
    }

    private static String value(MultivaluedMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v.trim();
    }
}
