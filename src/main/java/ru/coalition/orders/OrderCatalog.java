package ru.coalition.orders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.audit.AuditLog;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerScope;
import ru.coalition.partners.TenantApplied;
import ru.coalition.platform.Hashes;
import ru.coalition.programs.Money;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a partner lets members order (issue 14 §1): whether orders are on, the prefix of their numbers, and the services
 * with their options, unit price (or none: quoted per order) and lead time. Set from the tenant file's "orders" section
 * when that section changes, and from the portal in between.
 */
@ApplicationScoped
@Transactional
public class OrderCatalog {

    @Schema(name = "OrderServiceOption", description = "A choice the member makes for a service, e.g. the paper")
    public record Option(String id, String name, String nameEn, List<String> choices) {
        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) && nameEn != null && !nameEn.isBlank() ? nameEn : name;
        }
    }

    /** A service as kept; price in kopecks per unit, null when quoted per order. */
    public record Service(String serviceId, String name, String nameEn, String unit, String unitEn, Long price, int leadDays,
                          List<Option> options, boolean active) {
        public String name(Locale locale) {
            return "en".equals(locale.getLanguage()) && nameEn != null && !nameEn.isBlank() ? nameEn : name;
        }

        public String unit(Locale locale) {
            return "en".equals(locale.getLanguage()) && unitEn != null && !unitEn.isBlank() ? unitEn : unit;
        }

        public Optional<Option> option(String id) {
            return options.stream().filter(o -> o.id().equals(id)).findFirst();
        }

        public String priceText() {
            return price == null ? null : Money.format(price);
        }
    }

    public record Settings(boolean enabled, String numberPrefix) {
    }

    @Inject
    EntityManager em;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    @Inject
    PartnerScope scope;

    @Inject
    AuditLog audit;

    public Optional<Settings> settings(long partnerId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select enabled, number_prefix from order_settings where partner_id = :p")
                .setParameter("p", partnerId).getResultList();
        return rows.stream().findFirst().map(r -> new Settings((Boolean) r[0], (String) r[1]));
    }

    /** Whether members may order from the partner now. */
    public boolean takesOrders(long partnerId) {
        return settings(partnerId).map(Settings::enabled).orElse(false);
    }

    public List<Service> services(long partnerId, boolean activeOnly) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select service_key, name, name_en, unit, unit_en, price, lead_days, options::text, active"
                        + " from order_service where partner_id = :p" + (activeOnly ? " and active" : "") + " order by position, service_key")
                .setParameter("p", partnerId).getResultList();
        List<Service> list = new ArrayList<>();
        for (Object[] r : rows) {
            list.add(new Service((String) r[0], (String) r[1], (String) r[2], (String) r[3], (String) r[4],
                    r[5] == null ? null : ((Number) r[5]).longValue(), ((Number) r[6]).intValue(), options((String) r[7]), (Boolean) r[8]));
        }
        return list;
    }

    public Optional<Service> service(long partnerId, String serviceId) {
        return services(partnerId, false).stream().filter(s -> s.serviceId().equals(serviceId)).findFirst();
    }

    /**
     * A changed tenant file's "orders" section replaces the settings and services; a file without one leaves what the
     * portal set. The section's checksum is kept, so a file whose other parts changed does not undo the portal's edits.
     */
    void onTenant(@Observes TenantApplied applied) {
        JsonNode section = applied.file().orders();
        if (section == null || section.isNull()) {
            return;
        }
        String checksum = Hashes.sha256(section.toString());
        @SuppressWarnings("unchecked")
        List<Object> known = em.createNativeQuery("select file_checksum from order_settings where partner_id = :p")
                .setParameter("p", applied.partner().id).getResultList();
        if (!known.isEmpty() && checksum.equals(known.get(0))) {
            return;
        }
        List<Service> services = new ArrayList<>();
        for (JsonNode s : section.path("services")) {
            List<Option> opts = new ArrayList<>();
            for (JsonNode o : s.path("options")) {
                List<String> choices = new ArrayList<>();
                o.path("choices").forEach(c -> choices.add(c.asText()));
                opts.add(new Option(o.path("id").asText(), o.path("name").asText(), text(o, "nameEn"), choices));
            }
            services.add(new Service(s.path("id").asText(), s.path("name").asText(), text(s, "nameEn"), text(s, "unit"),
                    text(s, "unitEn"), s.hasNonNull("price") ? Money.parse(s.get("price").asText()) : null,
                    s.path("leadDays").asInt(), opts, true));
        }
        write(applied.partner().id, section.path("enabled").asBoolean(true), section.path("numberPrefix").asText(), services, checksum);
    }

    /** The portal's edit: settings and the whole list of services as shown; services left out stay, switched off. */
    public void save(Partner partner, Settings settings, List<Service> services, String who) {
        scope.enter(partner);
        em.createNativeQuery("select 1 from order_settings where partner_id = :p for update").setParameter("p", partner.id).getResultList();
        String checksum = null;
        @SuppressWarnings("unchecked")
        List<Object> known = em.createNativeQuery("select file_checksum from order_settings where partner_id = :p")
                .setParameter("p", partner.id).getResultList();
        if (!known.isEmpty()) {
            checksum = (String) known.get(0);
        }
        write(partner.id, settings.enabled(), settings.numberPrefix(), services, checksum);
        audit.record("orders.services", partner.id, "orders", partner.slug,
                Map.of("enabled", settings.enabled(), "services", services.size(), "by", who == null ? "" : who));
    }

    private void write(long partnerId, boolean enabled, String prefix, List<Service> services, String checksum) {
        em.createNativeQuery("insert into order_settings (partner_id, enabled, number_prefix, file_checksum, updated_at)"
                        + " values (:p, :e, :x, :c, :t) on conflict (partner_id) do update set enabled = excluded.enabled,"
                        + " number_prefix = excluded.number_prefix, file_checksum = excluded.file_checksum, updated_at = excluded.updated_at")
                .setParameter("p", partnerId).setParameter("e", enabled).setParameter("x", prefix).setParameter("c", checksum)
                .setParameter("t", clock.instant()).executeUpdate();
        em.createNativeQuery("update order_service set active = false where partner_id = :p").setParameter("p", partnerId).executeUpdate();
        int position = 0;
        for (Service s : services) {
            em.createNativeQuery("insert into order_service (partner_id, service_key, name, name_en, unit, unit_en, price, lead_days,"
                            + " options, position, active) values (:p, :k, :n, :ne, :u, :ue, :pr, :d, cast(:o as jsonb), :pos, :a)"
                            + " on conflict (partner_id, service_key) do update set name = excluded.name, name_en = excluded.name_en,"
                            + " unit = excluded.unit, unit_en = excluded.unit_en, price = excluded.price, lead_days = excluded.lead_days,"
                            + " options = excluded.options, position = excluded.position, active = excluded.active")
                    .setParameter("p", partnerId).setParameter("k", s.serviceId()).setParameter("n", s.name())
                    .setParameter("ne", blank(s.nameEn())).setParameter("u", blank(s.unit())).setParameter("ue", blank(s.unitEn()))
                    .setParameter("pr", s.price()).setParameter("d", s.leadDays()).setParameter("o", optionsJson(s.options()))
                    .setParameter("pos", position++).setParameter("a", s.active()).executeUpdate();
        }
    }

    private String optionsJson(List<Option> options) {
        try {
            return json.writeValueAsString(options == null ? List.of() : options);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<Option> options(String text) {
        try {
            return text == null ? List.of() : json.readValue(text, new TypeReference<List<Option>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("order_service.options is not a list of options: " + text, e);
        }
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
