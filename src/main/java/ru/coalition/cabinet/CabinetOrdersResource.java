package ru.coalition.cabinet;

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
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.multipart.FormValue;
import org.jboss.resteasy.reactive.server.multipart.MultipartFormDataInput;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.orders.OrderCatalog;
import ru.coalition.orders.Orders;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.FileDownload;
import ru.coalition.platform.Messages;
import ru.coalition.platform.OrderMsg;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The member's orders in the cabinet (issue 14 §4): the list, the order form of a partner (services with quantity and
 * options, wishes, how to be told, a layout file), and an order's page with its timeline, the quote to answer and the
 * cancel button while the work has not started.
 */
@Path("/cabinet/orders")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.MEMBER)
public class CabinetOrdersResource {

    /** A service as the form shows it, with what the member typed. */
    public record ServiceField(String serviceId, String name, String unit, String price, int leadDays, List<OptionField> options,
                               String quantity, String error) {
    }

    public record OptionField(String id, String name, List<String> choices, String selected) {
    }

    public record Taker(String slug, String name) {
    }

    @CheckedTemplate(basePath = "cabinet")
    static class Templates {
        static native TemplateInstance orders(List<Orders.Summary> orders, List<Taker> takers);

        static native TemplateInstance orderNew(Taker partner, List<ServiceField> services, String wishes, String channel,
                                                boolean hasEmail, boolean hasPhone, Map<String, String> errors, ErrorSummary summary,
                                                String alert);

        static native TemplateInstance orderView(Orders.Order order, String alert, String done);
    }

    @Inject
    Orders orders;

    @Inject
    OrderCatalog catalog;

    @Inject
    MemberService members;

    @Inject
    PartnerService partners;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance list() {
        return Templates.orders(orders.ofMember(self()), takers());
    }

    @GET
    @Path("/new")
    public Object form(@QueryParam("partner") String slug) {
        List<Taker> takers = takers();
        Taker taker = takers.stream().filter(t -> t.slug().equals(slug)).findFirst().orElse(null);
        if (taker == null) {
            if (takers.size() == 1) {
                return Response.seeOther(URI.create("/cabinet/orders/new?partner=" + takers.get(0).slug())).build();
            }
            return Response.seeOther(URI.create("/cabinet/orders")).build();
        }
        Member m = self();
        return newPage(m, taker, Map.of(), "", null, Map.of(), null);
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Object place(MultipartFormDataInput input) {
        Member m = self();
        Map<String, Collection<FormValue>> values = input.getValues();
        String slug = text(values, "partner");
        Taker taker = takers().stream().filter(t -> t.slug().equals(slug)).findFirst()
                .orElseThrow(() -> new ProblemException(ErrorCode.ORDERS_OFF, slug));
        Partner partner = partners.cachedBySlug(slug).orElseThrow();
        Map<String, String> typed = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith("qty-") || k.startsWith("opt-")) {
                typed.put(k, text(values, k));
            }
        });
        String wishes = text(values, "wishes");
        String channel = text(values, "channel");
        OrderMsg msg = Messages.orders(locale.get());
        Map<String, String> errors = new LinkedHashMap<>();
        List<Orders.ItemRequest> items = new ArrayList<>();
        for (OrderCatalog.Service s : catalog.services(partner.id, true)) {
            String q = typed.getOrDefault("qty-" + s.serviceId(), "").trim();
            if (q.isEmpty() || q.equals("0")) {
                continue;
            }
            int quantity;
            try {
                quantity = Integer.parseInt(q);
            } catch (NumberFormatException e) {
                quantity = -1;
            }
            if (quantity < 1 || quantity > 100_000) {
                errors.put("qty-" + s.serviceId(), msg.quantityRange());
                continue;
            }
            Map<String, String> options = new LinkedHashMap<>();
            for (OrderCatalog.Option o : s.options()) {
                String v = typed.get("opt-" + s.serviceId() + "-" + o.id());
                if (v != null && !v.isBlank()) {
                    options.put(o.id(), v);
                }
            }
            items.add(new Orders.ItemRequest(s.serviceId(), quantity, options));
        }
        if (items.isEmpty() && errors.isEmpty()) {
            errors.put("services", msg.chooseAService());
        }
        if (wishes.length() > 2000) {
            errors.put("wishes", locale.texts().problem("coalition.field.too-long"));
        }
        FormValue file = first(values, "layout");
        boolean hasFile = file != null && file.isFileItem() && file.getFileItem() != null && fileSize(file) > 0;
        if (!errors.isEmpty()) {
            return newPage(m, taker, typed, wishes, channel, errors, null);
        }
        Orders.Placed placed;
        try {
            placed = orders.place(m, new Orders.PlaceRequest(slug, items, wishes, channel.isEmpty() ? null : channel));
        } catch (ProblemException e) {
            return newPage(m, taker, typed, wishes, channel, Map.of(), locale.texts().problemDetailOrTitle(e));
        }
        if (hasFile) {
            try {
                orders.attachByMember(m, placed.orderId(), file.getFileName(), Files.readAllBytes(file.getFileItem().getFile()));
            } catch (ProblemException e) {
                // the order stands; the page says why the file was not taken and offers to attach another
                return Templates.orderView(orders.ofMember(m, placed.orderId()), locale.texts().problemDetailOrTitle(e), "placed");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Response.seeOther(URI.create("/cabinet/orders/" + placed.orderId() + "?done=placed")).build();
    }

    @GET
    @Path("/{orderId}")
    public TemplateInstance view(@PathParam("orderId") String orderId, @QueryParam("done") String done) {
        return Templates.orderView(orders.ofMember(self(), Orders.idOf(orderId)), null, done);
    }

    @POST
    @Path("/{orderId}/quote")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object answerQuote(@PathParam("orderId") String orderId, @jakarta.ws.rs.FormParam("answer") String answer) {
        Member m = self();
        UUID id = Orders.idOf(orderId);
        boolean accept = "accept".equals(answer);
        try {
            orders.answerQuote(m, id, accept);
        } catch (ProblemException e) {
            return Templates.orderView(orders.ofMember(m, id), locale.texts().problemDetailOrTitle(e), null);
        }
        return Response.seeOther(URI.create("/cabinet/orders/" + id + "?done=" + (accept ? "quote-accepted" : "quote-declined"))).build();
    }

    @POST
    @Path("/{orderId}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object cancel(@PathParam("orderId") String orderId, @jakarta.ws.rs.FormParam("reason") String reason) {
        Member m = self();
        UUID id = Orders.idOf(orderId);
        try {
            orders.cancelByMember(m, id, reason == null || reason.length() > 1000 ? null : reason, Orders.Actor.MEMBER);
        } catch (ProblemException e) {
            return Templates.orderView(orders.ofMember(m, id), locale.texts().problemDetailOrTitle(e), null);
        }
        return Response.seeOther(URI.create("/cabinet/orders/" + id + "?done=cancelled")).build();
    }

    @POST
    @Path("/{orderId}/files")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Object attach(@PathParam("orderId") String orderId, MultipartFormDataInput input) {
        Member m = self();
        UUID id = Orders.idOf(orderId);
        FormValue file = first(input.getValues(), "file");
        if (file == null || !file.isFileItem() || fileSize(file) == 0) {
            return Templates.orderView(orders.ofMember(m, id), Messages.orders(locale.get()).chooseAFile(), null);
        }
        try {
            orders.attachByMember(m, id, file.getFileName(), Files.readAllBytes(file.getFileItem().getFile()));
        } catch (ProblemException e) {
            return Templates.orderView(orders.ofMember(m, id), locale.texts().problemDetailOrTitle(e), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.seeOther(URI.create("/cabinet/orders/" + id + "?done=attached")).build();
    }

    @GET
    @Path("/{orderId}/files/{fileId}")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("orderId") String orderId, @PathParam("fileId") String fileId) {
        Orders.Content c = orders.fileOfMember(self(), Orders.idOf(orderId), FileDownload.idOf(fileId));
        return FileDownload.of(c.fileName(), c.contentType(), c.bytes());
    }

    private TemplateInstance newPage(Member m, Taker taker, Map<String, String> typed, String wishes, String channel,
                                     Map<String, String> errors, String alert) {
        Locale loc = locale.get();
        Partner partner = partners.cachedBySlug(taker.slug()).orElseThrow();
        List<ServiceField> fields = catalog.services(partner.id, true).stream().map(s -> new ServiceField(s.serviceId(), s.name(loc),
                s.unit(loc), s.priceText(), s.leadDays(), s.options().stream().map(o -> new OptionField(o.id(), o.name(loc), o.choices(),
                typed.getOrDefault("opt-" + s.serviceId() + "-" + o.id(), o.choices().get(0)))).toList(),
                typed.getOrDefault("qty-" + s.serviceId(), ""), errors.get("qty-" + s.serviceId()))).toList();
        String chosen = channel != null && !channel.isEmpty() ? channel
                : "sms".equals(m.preferredChannel) || m.email == null ? "sms" : "email";
        OrderMsg msg = Messages.orders(loc);
        ErrorSummary summary = ErrorSummary.of(errors, f -> f.startsWith("qty-") ? msg.quantityOf(fields.stream()
                .filter(s -> f.equals("qty-" + s.serviceId())).map(ServiceField::name).findFirst().orElse(f)) : msg.orderFormField(f));
        return Templates.orderNew(taker, fields, wishes, chosen, m.email != null, m.phone != null, errors, summary, alert);
    }

    private List<Taker> takers() {
        return partners.list().stream().filter(p -> p.status == Partner.Status.ACTIVE && catalog.takesOrders(p.id))
                .sorted(Comparator.comparing(p -> p.name)).map(p -> new Taker(p.slug, p.name)).toList();
    }

    private Member self() {
        return members.requireByKeycloakId(user.subject());
    }

    private static FormValue first(Map<String, Collection<FormValue>> values, String name) {
        Collection<FormValue> v = values.get(name);
        return v == null || v.isEmpty() ? null : v.iterator().next();
    }

    private static String text(Map<String, Collection<FormValue>> values, String name) {
        FormValue v = first(values, name);
        return v == null || v.isFileItem() || v.getValue() == null ? "" : v.getValue().trim();
    }

    private static long fileSize(FormValue v) {
        try {
            return v.getFileItem().getFileSize();
        } catch (IOException e) {
            return 0;
        }
    }
}
