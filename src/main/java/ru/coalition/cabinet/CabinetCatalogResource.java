package ru.coalition.cabinet;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.catalog.CatalogOrders;
import ru.coalition.catalog.CatalogService;
import ru.coalition.catalog.Vouchers;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.ledger.LedgerService;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;

import java.util.List;
import java.util.UUID;

/** The rewards catalog in the member's cabinet: what they can order with their coalition points, and their vouchers. */
@Path("/cabinet")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.MEMBER)
public class CabinetCatalogResource {

    /** A refused order, in the member's words. */
    public record Refused(String title, String detail) {
    }

    /** A voucher with its QR code for the cashier's scanner. */
    public record VoucherRow(Vouchers.View voucher, RawString qr) {
    }

    @CheckedTemplate(basePath = "cabinet")
    static class Templates {
        static native TemplateInstance catalog(List<CatalogService.Choice> choices, long balance, Refused refused);

        static native TemplateInstance vouchers(List<VoucherRow> vouchers, String ordered);
    }

    @Inject
    MemberService members;

    @Inject
    CurrentUser user;

    @Inject
    CatalogService catalog;

    @Inject
    CatalogOrders orders;

    @Inject
    Vouchers vouchers;

    @Inject
    LedgerService ledger;

    @Inject
    RequestLocale locale;

    @GET
    @Path("/catalog")
    public TemplateInstance catalog() {
        return catalogPage(members.requireByKeycloakId(user.subject()), null);
    }

    /** The order, confirmed on the page; on success the member lands on their vouchers with the new one on top. */
    @POST
    @Path("/catalog/{rewardId}/order")
    public TemplateInstance order(@PathParam("rewardId") String rewardId) {
        Member m = members.requireByKeycloakId(user.subject());
        try {
            UUID id;
            try {
                id = UUID.fromString(rewardId);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ErrorCode.CATALOG_REWARD_NOT_FOUND);
            }
            CatalogOrders.Ordered done = orders.order(m, id);
            return vouchersPage(m, done.voucherCode());
        } catch (ProblemException e) {
            var t = locale.texts();
            return catalogPage(m, new Refused(t.problemTitle(e.code()), t.problemDetail(e.code(), e.args())));
        }
    }

    @GET
    @Path("/vouchers")
    public TemplateInstance vouchers() {
        return vouchersPage(members.requireByKeycloakId(user.subject()), null);
    }

    private TemplateInstance catalogPage(Member m, Refused refused) {
        return Templates.catalog(catalog.forMember(m.id, locale.get()), ledger.balanceOf(m.id, null).active(), refused);
    }

    private TemplateInstance vouchersPage(Member m, String ordered) {
        var msg = Messages.catalog(locale.get());
        List<VoucherRow> rows = vouchers.ofMember(m.id, locale.get()).stream()
                .map(v -> new VoucherRow(v, v.state() == Vouchers.State.ISSUED ? CardQr.svg(v.voucherCode(), msg.voucherQrLabel(v.voucherCode())) : null))
                .toList();
        return Templates.vouchers(rows, ordered);
    }
}
