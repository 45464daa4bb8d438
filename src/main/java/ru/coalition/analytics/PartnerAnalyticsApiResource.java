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
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

/** A partner's own analytics for its BI (API-CONTRACT.md "Analytics (partner)"; docs/analytics.md). */
@Path("/api/v1/partner/analytics")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PARTNER_ADMIN)
@Tag(name = ApiDocument.TAG_PARTNER)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses({ErrorCode.VALIDATION, ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED})
public class PartnerAnalyticsApiResource {

    @Inject
    PartnerAnalytics analytics;

    @Inject
    CurrentPartner partner;

    @Inject
    RequestLocale locale;

    @GET
    @Path("/summary")
    @Operation(operationId = "partnerAnalyticsSummary", summary = "The partner's purchase figures for a period of its local days",
            description = "Revenue (receipts less their refunds), receipts, members with a receipt, the average receipt, receipts per"
                    + " member, members whose first receipt here falls in the period, and of those the ones who had bought at another"
                    + " partner of the coalition before. Only what members did at this partner counts; days in the partner's time zone,"
                    + " both ends included; at most " + PartnerAnalytics.MAX_DAYS + " days.")
    public PartnerAnalytics.SummaryView summary(
            @Parameter(description = "First day, yyyy-MM-dd", required = true, schema = @Schema(format = "date")) @QueryParam("from") String from,
            @Parameter(description = "Last day, yyyy-MM-dd", required = true, schema = @Schema(format = "date")) @QueryParam("to") String to) {
        return analytics.summary(partner.require(), PartnerAnalytics.period(from, to, locale.texts()));
    }

    @GET
    @Path("/portrait")
    @Operation(operationId = "partnerAnalyticsPortrait", summary = "The socio-demographic portrait of the partner's customers",
            description = "Customers (members with a receipt here in the period's whole months) and what they spent, by one answer of"
                    + " the questionnaire, or by two as a cross-tab (by=), of all customers or of one of the partner's segments."
                    + " k-anonymous: no bucket stands for fewer than 5 members; answers of fewer are merged into \"*\" or left out"
                    + " (suppressed); counts are rounded to a multiple of 5 by a keyed rounding and revenues moved by a keyed amount,"
                    + " so no difference of two answers singles out a member (docs/analytics.md \"Portrait\").")
    @ProblemResponses(ErrorCode.SEGMENT_NOT_FOUND)
    public PartnerAnalytics.PortraitView portrait(
            @Parameter(description = "A day of the first month, yyyy-MM-dd", required = true, schema = @Schema(format = "date")) @QueryParam("from") String from,
            @Parameter(description = "A day of the last month, yyyy-MM-dd", required = true, schema = @Schema(format = "date")) @QueryParam("to") String to,
            @Parameter(description = "age, gender, socialStatus, incomeBracket or city", required = true) @QueryParam("dimension") String dimension,
            @Parameter(description = "A second answer for a cross-tab") @QueryParam("by") String by,
            @Parameter(description = "The id of one of the partner's segments") @QueryParam("segment") String segment) {
        return analytics.portrait(partner.require(), from, to, dimension, by, segment, locale.texts());
    }

    @Inject
    CoalitionEffect coalition;

    @GET
    @Path("/dashboard")
    @Operation(operationId = "partnerAnalyticsDashboard", summary = "The partner's dashboard of a period, as its page shows it",
            description = "The summary of the period beside the same number of days just before it, revenue by day, and the breakdown:"
                    + " members by receipts in the period, new and returning, retention of the monthly cohorts, recency × frequency"
                    + " segments, coalition points of the partner's issue by month, scratch cards handed out and entered, sales by"
                    + " category (docs/analytics.md).")
    public PartnerAnalytics.Dashboard dashboard(
            @Parameter(description = "First day, yyyy-MM-dd", required = true, schema = @Schema(format = "date")) @QueryParam("from") String from,
            @Parameter(description = "Last day, yyyy-MM-dd", required = true, schema = @Schema(format = "date")) @QueryParam("to") String to) {
        return analytics.dashboard(partner.require(), PartnerAnalytics.period(from, to, locale.texts()));
    }

    @GET
    @Path("/coalition")
    @Operation(operationId = "partnerAnalyticsCoalition", summary = "What the coalition brings the partner",
            description = "For the period's whole months: customers, newcomers, the newcomers who had bought at another partner first and"
                    + " at which (a ranked list, at least 5 members a row, the rest together as \"*\"), customers who bought at another"
                    + " partner in those months too, and the share of the revenue from members who came through the coalition. Counts"
                    + " are rounded to a multiple of 5 by a keyed rounding and null below 5 (docs/analytics.md \"Coalition effect\").")
    public CoalitionEffect.View coalition(
            @Parameter(description = "A day of the first month, yyyy-MM-dd", required = true, schema = @Schema(format = "date")) @QueryParam("from") String from,
            @Parameter(description = "A day of the last month, yyyy-MM-dd", required = true, schema = @Schema(format = "date")) @QueryParam("to") String to) {
        PartnerAnalytics.Period period = PartnerAnalytics.period(from, to, locale.texts());
        return coalition.of(partner.require(), period.from(), period.to());
    }
}
