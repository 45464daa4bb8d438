package ru.coalition.analytics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.partners.TenantFileParser;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The rule back-test for a partner's BI (docs/analytics.md "Rule back-test"): start one, then read it until it is done. */
@Path("/api/v1/partner/analytics/backtests")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.PARTNER_ADMIN)
@Tag(name = ApiDocument.TAG_PARTNER)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses({ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED})
public class RuleBacktestApiResource {

    @Schema(name = "RuleBacktestRequest")
    public record BacktestRequest(
            @Schema(description = "First day of the receipts, yyyy-MM-dd (partner-local)", format = "date", required = true) String from,
            @Schema(description = "Last day of the receipts, yyyy-MM-dd (partner-local), included", format = "date", required = true) String to,
            @Schema(description = "The draft: a program section as in tenants/<slug>.yaml (tenant.schema.json). effectiveFrom and"
                    + " wallet may be left out.", type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT, required = true)
            Map<String, Object> program) {
    }

    @Inject
    RuleBacktests backtests;

    @Inject
    TenantFileParser parser;

    @Inject
    CurrentPartner currentPartner;

    @Inject
    CurrentUser user;

    @Inject
    RequestLocale locale;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "partnerStartRuleBacktest", summary = "Run a draft program over the receipts of a past period",
            description = "Starts a back-test in the background and answers at once with it (status RUNNING); read it by its id until"
                    + " it is DONE. Each receipt of the period (partner-local days, both ends included, at most "
                    + PartnerAnalytics.MAX_DAYS + " days) is run through the draft as the till would have posted it; the figures"
                    + " stand beside what the versions in force issued.")
    @APIResponse(responseCode = "202", description = "Started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RuleBacktests.View.class)))
    @ProblemResponses({ErrorCode.VALIDATION})
    public Response start(BacktestRequest request) {
        Partner p = currentPartner.require();
        if (request == null) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new Problem.FieldError("from", locale.texts().problem("coalition.field.required"))));
        }
        PartnerAnalytics.Period period = PartnerAnalytics.period(request.from(), request.to(), locale.texts());
        String program = draft(p, request.program(), period);
        UUID id = backtests.start(p, user.username(), period, program);
        return Response.accepted(backtests.find(p, id).orElseThrow())
                .location(URI.create("/api/v1/partner/analytics/backtests/" + id)).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "partnerRuleBacktest", summary = "A back-test: its progress, and once done its figures",
            description = "Another partner's back-test, or an unknown id, is 404.")
    @ProblemResponses({ErrorCode.NOT_FOUND})
    public RuleBacktests.View get(@PathParam("id") String id) {
        Partner p = currentPartner.require();
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ErrorCode.NOT_FOUND);
        }
        return backtests.find(p, uuid).orElseThrow(() -> new ProblemException(ErrorCode.NOT_FOUND));
    }

    /** The draft checked as a tenant file's program is; its problems are 422 naming program.<path>. */
    private String draft(Partner p, Map<String, Object> program, PartnerAnalytics.Period period) {
        if (program == null) {
            throw new ProblemException(ErrorCode.VALIDATION,
                    List.of(new Problem.FieldError("program", locale.texts().problem("coalition.field.required"))));
        }
        Map<String, Object> draft = new LinkedHashMap<>(program);
        draft.putIfAbsent("effectiveFrom", period.from().toString());
        draft.putIfAbsent("wallet", p.walletScope.fileName());
        try {
            return parser.parse(p.slug + ".yaml", TenantFileParser.toYaml(TenantFileParser.fileOf(p, draft))).programJson();
        } catch (TenantFileParser.InvalidTenantFile e) {
            List<Problem.FieldError> errors = new ArrayList<>();
            for (TenantFileParser.Issue i : e.issues()) {
                String path = i.path() == null ? "program" : i.path().replaceFirst("^\\$\\.?", "");
                errors.add(new Problem.FieldError(path.isEmpty() ? "program" : path, i.reason()));
            }
            throw new ProblemException(ErrorCode.VALIDATION, errors);
        }
    }
}
