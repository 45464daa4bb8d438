package ru.coalition.catalog;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirements;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

import java.util.List;

/** The public rewards catalog (API-CONTRACT.md "Catalog and vouchers"). */
@Path("/api/v1/catalog")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiDocument.TAG_CATALOG)
public class CatalogApiResource {

    @Inject
    CatalogService catalog;

    @Inject
    RequestLocale locale;

    @GET
    @PermitAll
    @SecurityRequirements
    @Operation(operationId = "listCatalog", summary = "The rewards that can be ordered with coalition points",
            description = "Rewards in their period and not withdrawn, cheapest first; titles in the request's language."
                    + " `available` is false when out of stock. Whether one member can order a reward (their balance and"
                    + " limit) shows in their cabinet.")
    @ProblemResponses(ErrorCode.NOT_ACCEPTABLE)
    public List<CatalogService.Item> list() {
        return catalog.shown(locale.get());
    }
}
