package ru.coalition.orders;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.platform.ErrorSummary;
import ru.coalition.platform.Messages;
import ru.coalition.platform.OrderMsg;
import ru.coalition.platform.RequestLocale;
import ru.coalition.programs.Money;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The partner admin switches orders on and lists the services (issue 14 §1). Each service's options are written one
 * per line as «Бумага: мелованная, дизайнерская»; an option keeps its id while its name stays, so orders already placed
 * still read right.
 */
@Path("/portal/orders/services")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.PARTNER_ADMIN)
public class PortalServicesResource {

    /** A row of the editor as typed. */
    public record Row(int index, String serviceId, String name, String nameEn, String unit, String price, String leadDays,
                      String options, boolean active, Map<String, String> errors) {
        Row(int index, String serviceId, String name, String nameEn, String unit, String price, String leadDays, String options,
            boolean active) {
            this(index, serviceId, name, nameEn, unit, price, leadDays, options, active, Map.of());
        }

        Row withErrors(Map<String, String> all) {
            Map<String, String> mine = new LinkedHashMap<>();
            all.forEach((k, v) -> {
                if (k.endsWith("-" + index)) {
                    mine.put(k.substring(0, k.lastIndexOf('-')), v);
                }
            });
            return new Row(index, serviceId, name, nameEn, unit, price, leadDays, options, active, mine);
        }
    }

    @CheckedTemplate(basePath = "orders")
    static class Templates {
        static native TemplateInstance services(boolean enabled, String prefix, List<Row> rows, Map<String, String> errors,
                                                ErrorSummary summary, boolean saved);
    }

    static final int MAX_SERVICES = 100;

    @Inject
    OrderCatalog catalog;

    @Inject
    CurrentPartner currentPartner;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @GET
    public TemplateInstance page(@QueryParam("saved") String saved) {
        Partner p = currentPartner.require();
        OrderCatalog.Settings settings = catalog.settings(p.id).orElse(new OrderCatalog.Settings(false, defaultPrefix(p)));
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (OrderCatalog.Service s : catalog.services(p.id, false)) {
            rows.add(new Row(i++, s.serviceId(), s.name(), s.nameEn() == null ? "" : s.nameEn(), s.unit() == null ? "" : s.unit(),
                    s.price() == null ? "" : Money.format(s.price()), Integer.toString(s.leadDays()), optionsText(s.options()), s.active()));
        }
        rows.add(new Row(i, "", "", "", "", "", "", "", true));
        return Templates.services(settings.enabled(), settings.numberPrefix(), rows, Map.of(), ErrorSummary.NONE, saved != null);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Object save(MultivaluedMap<String, String> form) {
        Partner p = currentPartner.require();
        OrderMsg msg = Messages.orders(locale.get());
        Map<String, String> errors = new LinkedHashMap<>();
        boolean enabled = form.containsKey("enabled");
        String prefix = value(form, "prefix").toUpperCase();
        if (!prefix.matches("[A-Z]{1,6}")) {
            errors.put("prefix", msg.prefixRule());
        }
        Map<String, OrderCatalog.Service> known = new LinkedHashMap<>();
        catalog.services(p.id, false).forEach(s -> known.put(s.serviceId(), s));
        List<Row> rows = new ArrayList<>();
        List<OrderCatalog.Service> services = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i <= MAX_SERVICES; i++) {
            if (!form.containsKey("name-" + i)) {
                continue;
            }
            Row row = new Row(i, value(form, "id-" + i), value(form, "name-" + i), value(form, "nameEn-" + i), value(form, "unit-" + i),
                    value(form, "price-" + i).replace(',', '.').replaceAll("[\\s\u00a0\u202f]", ""), value(form, "lead-" + i),
                    value(form, "options-" + i), form.containsKey("active-" + i));
            rows.add(row);
            if (row.name().isEmpty() && row.serviceId().isEmpty()) {
                continue;
            }
            String id = row.serviceId().isEmpty() ? newId(row.name(), ids, known.keySet()) : row.serviceId();
            if (!id.matches("[a-z][a-z0-9-]{0,39}") || !ids.add(id)) {
                errors.put("id-" + i, msg.serviceIdRule());
            }
            if (row.name().isEmpty() || row.name().length() > 200) {
                errors.put("name-" + i, locale.texts().problem(row.name().isEmpty() ? "coalition.field.required" : "coalition.field.too-long"));
            }
            if (!row.price().isEmpty() && !Money.isValid(row.price())) {
                errors.put("price-" + i, locale.texts().problem("coalition.field.money"));
            }
            int lead = -1;
            try {
                lead = Integer.parseInt(row.leadDays());
            } catch (NumberFormatException e) {
                // reported below
            }
            if (lead < 0 || lead > 365) {
                errors.put("lead-" + i, msg.leadRule());
            }
            List<OrderCatalog.Option> options = parseOptions(row.options(), known.get(id));
            if (options == null) {
                errors.put("options-" + i, msg.optionsRule());
            }
            if (errors.isEmpty()) {
                services.add(new OrderCatalog.Service(id, row.name(), row.nameEn(), row.unit(), null,
                        row.price().isEmpty() ? null : Money.parse(row.price()), lead, options, row.active()));
            }
        }
        if (!errors.isEmpty()) {
            ErrorSummary summary = ErrorSummary.of(errors, f -> msg.serviceField(f.substring(0, f.lastIndexOf('-') < 0 ? f.length() : f.lastIndexOf('-'))));
            List<Row> shown = rows.stream().map(r -> r.withErrors(errors)).toList();
            return Response.status(422).entity(Templates.services(enabled, prefix, shown, errors, summary, false)).build();
        }
        // the English unit is not edited here; keep what the file gave
        List<OrderCatalog.Service> withUnits = services.stream().map(s -> known.containsKey(s.serviceId())
                ? new OrderCatalog.Service(s.serviceId(), s.name(), s.nameEn(), s.unit(), known.get(s.serviceId()).unitEn(), s.price(),
                s.leadDays(), s.options(), s.active()) : s).toList();
        catalog.save(p, new OrderCatalog.Settings(enabled, prefix), withUnits, user.username());
        return Response.seeOther(URI.create("/portal/orders/services?saved=1")).build();
    }

    /** «Бумага: мелованная, дизайнерская» per line; null when a line is not of that shape. */
    static List<OrderCatalog.Option> parseOptions(String text, OrderCatalog.Service before) {
        List<OrderCatalog.Option> options = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (String line : text.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            String name = line.substring(0, colon).trim();
            List<String> choices = new ArrayList<>();
            for (String c : line.substring(colon + 1).split(",")) {
                if (!c.isBlank()) {
                    choices.add(c.trim());
                }
            }
            if (name.isEmpty() || name.length() > 100 || choices.isEmpty() || choices.size() > 20
                    || choices.stream().anyMatch(c -> c.length() > 100) || options.size() == 10) {
                return null;
            }
            String id = before == null ? null : before.options().stream().filter(o -> o.name().equals(name)).map(OrderCatalog.Option::id)
                    .findFirst().orElse(null);
            if (id == null || ids.contains(id)) {
                int n = options.size() + 1;
                while (ids.contains("option-" + n) || before != null && before.option("option-" + n).isPresent()) {
                    n++;
                }
                id = "option-" + n;
            }
            ids.add(id);
            String nameEn = before == null ? null : before.option(id).filter(o -> o.name().equals(name)).map(OrderCatalog.Option::nameEn).orElse(null);
            options.add(new OrderCatalog.Option(id, name, nameEn, choices));
        }
        return options;
    }

    static String optionsText(List<OrderCatalog.Option> options) {
        StringBuilder b = new StringBuilder();
        for (OrderCatalog.Option o : options) {
            b.append(o.name()).append(": ").append(String.join(", ", o.choices())).append('\n');
        }
        return b.toString().trim();
    }

    /** A new service's id: "service-N", never one in use. */
    private static String newId(String name, Set<String> taken, Set<String> known) {
        int n = known.size() + taken.size() + 1;
        while (taken.contains("service-" + n) || known.contains("service-" + n)) {
            n++;
        }
        return "service-" + n;
    }

    private static String defaultPrefix(Partner p) {
        String letters = p.slug.replaceAll("[^a-z]", "").toUpperCase();
        return letters.isEmpty() ? "ORD" : letters.substring(0, Math.min(3, letters.length()));
    }

    private static String value(MultivaluedMap<String, String> form, String name) {
        String v = form.getFirst(name);
        return v == null ? "" : v.trim();
    }
}
