package ru.coalition.partners;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.Roles;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The partner's own profile and program, for its systems and staff. */
@Path("/api/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
@Tag(name = ApiDocument.TAG_PARTNER)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses({ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED})
public class PartnerApiResource {

    public record ProgramVersionView(LocalDate effectiveFrom, boolean inForce) {
    }

    public record PartnerView(String slug, String name, String city, String timeZone, String wallet, String status,
                              ProgramDefinition program, List<ProgramVersionView> versions) {
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    PartnerService partners;

    @GET
    @Path("/me")
    @Operation(operationId = "getMyPartner", summary = "The calling partner's profile and program in force")
    public PartnerView mine() {
        return view(currentPartner.require());
    }

    @GET
    @Path("/{slug}")
    @Operation(operationId = "getPartner", summary = "The calling partner, by its slug",
            description = "Any other partner's slug answers 404, as if it did not exist.")
    @ProblemResponses(ErrorCode.PARTNER_NOT_FOUND)
    public PartnerView bySlug(@Parameter(description = "The partner's slug, e.g. kit-media") @PathParam("slug") String slug) {
        return view(currentPartner.requireSlug(slug));
    }

    private PartnerView view(Partner p) {
        Optional<ProgramVersion> inForce = partners.programInForce(p, partners.today(p));
        Long inForceId = inForce.map(v -> v.id).orElse(null);
        List<ProgramVersionView> versions = partners.versions(p).stream()
                .map(v -> new ProgramVersionView(v.effectiveFrom, v.id.equals(inForceId))).toList();
        return new PartnerView(p.slug, p.name, p.city, p.timeZone,
                p.walletScope.fileName(), p.status.name(),
                inForce.map(v -> PartnerService.readDefinition(v.definition)).orElse(null), versions);
    }
}
