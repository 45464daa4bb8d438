package ru.coalition.partners;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.identity.Roles;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** The partner's own profile and program, for its systems and staff. */
@Path("/api/v1/partners")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
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
    public PartnerView mine() {
        return view(currentPartner.require());
    }

    @GET
    @Path("/{slug}")
    public PartnerView bySlug(@PathParam("slug") String slug) {
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
