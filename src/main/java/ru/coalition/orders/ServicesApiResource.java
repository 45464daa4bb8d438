package ru.coalition.orders;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

import java.util.List;
import java.util.Locale;

/** What a partner lets members order (API-CONTRACT.md "Orders"); public, like a price list on a shop's door. */
@Path("/api/v1/partners/{slug}/services")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements
@Tag(name = ApiDocument.TAG_ORDERS)
public class ServicesApiResource {

    @Schema(name = "OrderService")
    public record ServiceView(String serviceId, String name,
                              @Schema(description = "RUB per unit; null when the price is quoted per order", examples = "990.00") String price,
                              @Schema(description = "Working days it usually takes") int leadDays,
                              @Schema(description = "What one unit of the quantity is, e.g. «100 шт»") String unit,
                              List<OptionView> options) {
    }

    @Schema(name = "OrderServiceOptionView")
    public record OptionView(String id, String name, List<String> choices) {
    }

    @Inject
    PartnerService partners;

    @Inject
    OrderCatalog catalog;

    @Inject
    RequestLocale locale;

    @GET
    @Operation(operationId = "listPartnerServices", summary = "The services a partner takes orders for",
            description = "404 when the partner takes no orders. Names in the request's language where the partner gave one.")
    @ProblemResponses(ErrorCode.ORDERS_OFF)
    public List<ServiceView> list(@Parameter(description = "The partner's slug, e.g. kit-media") @PathParam("slug") String slug) {
        Partner p = partners.cachedBySlug(slug).filter(x -> x.status == Partner.Status.ACTIVE && catalog.takesOrders(x.id))
                .orElseThrow(() -> new ProblemException(ErrorCode.ORDERS_OFF, slug));
        return views(catalog.services(p.id, true), locale.get());
    }

    static List<ServiceView> views(List<OrderCatalog.Service> services, Locale locale) {
        return services.stream().map(s -> new ServiceView(s.serviceId(), s.name(locale), s.priceText(), s.leadDays(), s.unit(locale),
                s.options().stream().map(o -> new OptionView(o.id(), o.name(locale), o.choices())).toList())).toList();
    }
}
