package ru.coalition.orders;

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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.platform.FileDownload;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.programs.Money;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Partner staff work the orders in the portal (issue 14 §4): the board by state, an order's page with the next steps,
 * the quote and the due date, and the done and cancelled lists. The services editor is {@link PortalServicesResource}.
 */
@Path("/portal/orders")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
public class PortalOrdersResource {

    /** One column of the board. */
    public record Column(String state, long count, List<Orders.Summary> orders) {
    }

    @CheckedTemplate(basePath = "orders")
    static class Templates {
        static native TemplateInstance board(List<Column> columns, String finished, List<Orders.Summary> finishedOrders,
                                             long doneCount, long cancelledCount, boolean takesOrders, boolean admin);

        static native TemplateInstance order(Orders.Order order, LocalDate today, String alert, String done);
    }

    @Inject
    Orders orders;

    @Inject
    OrderCatalog catalog;

    @Inject
    CurrentPartner currentPartner;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @Inject
    ru.coalition.partners.PartnerService partners;

    @Inject
    io.quarkus.security.identity.SecurityIdentity identity;

    @GET
    public TemplateInstance board(@QueryParam("state") String state) {
        Partner p = currentPartner.require();
        Map<OrderState, Long> counts = orders.counts(p);
        List<Column> columns = OrderState.BOARD.stream().map(s -> new Column(s.name(), counts.get(s), orders.ofPartner(p, s, 100))).toList();
        OrderState finished = OrderState.parse(state);
        String shown = finished == OrderState.CANCELLED ? "CANCELLED" : "DONE";
        return Templates.board(columns, shown, orders.ofPartner(p, OrderState.valueOf(shown), 100), counts.get(OrderState.DONE),
                counts.get(OrderState.CANCELLED), catalog.takesOrders(p.id),
                identity.hasRole(Roles.PARTNER_ADMIN));
    }

    @GET
    @Path("/{orderId}")
    public TemplateInstance view(@PathParam("orderId") String orderId, @QueryParam("done") String done) {
        Partner p = currentPartner.require();
        return Templates.order(orders.ofPartner(p, Orders.idOf(orderId)), partners.today(p), null, done);
    }

    @POST
    @Path("/{orderId}/state")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object move(@PathParam("orderId") String orderId, MultivaluedMap<String, String> form) {
        Partner p = currentPartner.require();
        UUID id = Orders.idOf(orderId);
        String state = form.getFirst("state");
        LocalDate due;
        try {
            due = date(form.getFirst("dueDate"));
        } catch (DateTimeParseException e) {
            return refused(p, id, locale.texts().problem("coalition.field.date"));
        }
        String reason = form.getFirst("reason");
        if (reason != null && reason.length() > 1000) {
            return refused(p, id, locale.texts().problem("coalition.field.too-long"));
        }
        try {
            orders.move(p, id, new Orders.StateChange(state, reason, due, !"false".equals(form.getFirst("post"))), user.username());
        } catch (ProblemException e) {
            return refused(p, id, locale.texts().problemDetailOrTitle(e));
        }
        return Response.seeOther(URI.create("/portal/orders/" + id + "?done=" + (state == null ? "" : state.toLowerCase()))).build();
    }

    @POST
    @Path("/{orderId}/quote")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object quote(@PathParam("orderId") String orderId, MultivaluedMap<String, String> form) {
        Partner p = currentPartner.require();
        UUID id = Orders.idOf(orderId);
        String amount = form.getFirst("amount") == null ? "" : form.getFirst("amount").trim().replace(',', '.').replaceAll("[\\s\u00a0\u202f]", "");
        if (!Money.isValid(amount)) {
            return refused(p, id, locale.texts().problem("coalition.field.money"));
        }
        String note = form.getFirst("note");
        if (note != null && note.length() > 1000) {
            return refused(p, id, locale.texts().problem("coalition.field.too-long"));
        }
        try {
            orders.quote(p, id, new Orders.Quote(amount, date(form.getFirst("dueDate")), note), user.username());
        } catch (DateTimeParseException e) {
            return refused(p, id, locale.texts().problem("coalition.field.date"));
        } catch (ProblemException e) {
            return refused(p, id, locale.texts().problemDetailOrTitle(e));
        }
        return Response.seeOther(URI.create("/portal/orders/" + id + "?done=quoted")).build();
    }

    @POST
    @Path("/{orderId}/due")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object due(@PathParam("orderId") String orderId, MultivaluedMap<String, String> form) {
        Partner p = currentPartner.require();
        UUID id = Orders.idOf(orderId);
        LocalDate due;
        try {
            due = date(form.getFirst("dueDate"));
        } catch (DateTimeParseException e) {
            due = null;
        }
        if (due == null) {
            return refused(p, id, locale.texts().problem("coalition.field.date"));
        }
        try {
            orders.due(p, id, due, user.username());
        } catch (ProblemException e) {
            return refused(p, id, locale.texts().problemDetailOrTitle(e));
        }
        return Response.seeOther(URI.create("/portal/orders/" + id + "?done=due")).build();
    }

    @POST
    @Path("/{orderId}/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Object attach(@PathParam("orderId") String orderId, @RestForm("file") FileUpload file) {
        Partner p = currentPartner.require();
        UUID id = Orders.idOf(orderId);
        if (file == null || file.size() == 0) {
            return refused(p, id, Messages.orders(locale.get()).chooseAFile());
        }
        try {
            orders.attachByStaff(p, id, user.username(), file.fileName(), Files.readAllBytes(file.uploadedFile()));
        } catch (ProblemException e) {
            return refused(p, id, locale.texts().problemDetailOrTitle(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.seeOther(URI.create("/portal/orders/" + id + "?done=attached")).build();
    }

    @GET
    @Path("/{orderId}/files/{fileId}")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("orderId") String orderId, @PathParam("fileId") String fileId) {
        Orders.Content c = orders.fileOfPartner(currentPartner.require(), Orders.idOf(orderId), FileDownload.idOf(fileId));
        return FileDownload.of(c.fileName(), c.contentType(), c.bytes());
    }

    private TemplateInstance refused(Partner p, UUID id, String alert) {
        return Templates.order(orders.ofPartner(p, id), partners.today(p), alert, null);
    }

    private static LocalDate date(String text) {
        return text == null || text.isBlank() ? null : LocalDate.parse(text.trim());
    }
}
