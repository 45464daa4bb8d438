package ru.coalition.catalog;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.Roles;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;

/** The honouring partner's till redeems a catalog voucher (API-CONTRACT.md "Catalog and vouchers"). */
@Path("/api/v1/vouchers/{code}/redeem")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
@Tag(name = ApiDocument.TAG_TILL)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
public class VoucherApiResource {

    @Inject
    CurrentPartner currentPartner;

    @Inject
    Vouchers vouchers;

    @Inject
    RequestLocale locale;

    @POST
    @Operation(operationId = "redeemVoucher", summary = "Redeem a catalog voucher this partner honours",
            description = "Once, before it expires. A voucher of another partner answers 404, exactly like a code that"
                    + " does not exist. The code may be sent with or without its dashes, in any case.")
    @ProblemResponses({ErrorCode.PARTNER_NO_CLAIM, ErrorCode.PARTNER_UNKNOWN, ErrorCode.PARTNER_SUSPENDED, ErrorCode.TILL_ONLY,
            ErrorCode.VOUCHER_NOT_FOUND, ErrorCode.VOUCHER_ALREADY_REDEEMED, ErrorCode.VOUCHER_EXPIRED})
    public Vouchers.Redeemed redeem(@Parameter(description = "The voucher's code, e.g. 7KQM-4XZD-P2RH") @PathParam("code") String code) {
        return vouchers.redeem(currentPartner.requireTill(), code, locale.get());
    }
}
