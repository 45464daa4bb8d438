package ru.coalition.analytics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

/** The operator's coalition-wide analytics for its BI (docs/analytics.md "Operator dashboard"). */
@Path("/api/v1/operator/analytics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR_ADMIN)
@Tag(name = ApiDocument.TAG_OPERATOR)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses(ErrorCode.VALIDATION)
public class OperatorAnalyticsApiResource {

    @Inject
    OperatorAnalytics analytics;

    @Inject
    RequestLocale locale;

    @GET
    @Path("/summary")
    @Operation(operationId = "operatorAnalyticsSummary", summary = "The coalition's members, purchases and points of a period",
            description = "Members in force at the period's end, members registered in it, members with a receipt anywhere in it, every"
                    + " partner's revenue (receipts less refunds), receipts and customers, the points each partner issued and redeemed in"
                    + " the period's last month (its clearing statement) and the liability (points outstanding × each partner's rate),"
                    + " the points of the six months up to it, registrations by source and members in force for the twelve months up to"
                    + " it, and receipts by weekday and hour. Purchase days and hours are each partner's local ones, registrations the"
                    + " operator's; at most " + PartnerAnalytics.MAX_DAYS + " days.")
    public OperatorAnalytics.Summary summary(
            @Parameter(description = "First day, yyyy-MM-dd", required = true, schema = @Schema(format = "date")) @QueryParam("from") String from,
            @Parameter(description = "Last day, yyyy-MM-dd", required = true, schema = @Schema(format = "date")) @QueryParam("to") String to) {
        return analytics.summary(PartnerAnalytics.period(from, to, locale.texts()));
    }

    @GET
    @Path("/overlap")
    @Operation(operationId = "operatorAnalyticsOverlap", summary = "Customers partners share: the partner-by-partner matrix",
            description = "For each pair of partners, the members with a receipt at both in the period (each partner's local days); the"
                    + " diagonal is each partner's customers. The upper triangle only (the matrix is symmetric), cells without members left out.")
    public OperatorAnalytics.Overlap overlap(
            @Parameter(description = "First day, yyyy-MM-dd", required = true, schema = @Schema(format = "date")) @QueryParam("from") String from,
            @Parameter(description = "Last day, yyyy-MM-dd", required = true, schema = @Schema(format = "date")) @QueryParam("to") String to) {
        return analytics.overlap(PartnerAnalytics.period(from, to, locale.texts()));
    }
}
