package ru.coalition.cabinet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.redemptions.PaymentCodeService;

import java.util.List;

/** The member's own data for the cabinet and the mobile app (API-CONTRACT.md "Members (member)"). */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
public class MeApiResource {

    public record OffersAndCards(List<MemberAccount.OfferItem> offers, List<MemberAccount.GiftCardItem> giftCards) {
    }

    @Inject
    CurrentUser user;

    @Inject
    MemberService members;

    @Inject
    MemberAccount account;

    @Inject
    PaymentCodeService paymentCodes;

    @GET
    public MemberService.Profile me() {
        return members.profileOf(user.subject());
    }

    @GET
    @Path("/wallets")
    public List<MemberAccount.Wallet> wallets() {
        return account.wallets(self());
    }

    /** Ledger entries over all wallets, newest first; size at most 100. */
    @GET
    @Path("/history")
    public MemberAccount.History history(@QueryParam("page") @DefaultValue("0") int page,
                                         @QueryParam("size") @DefaultValue("20") int size) {
        return account.history(self(), page, size);
    }

    @GET
    @Path("/offers")
    public OffersAndCards offers() {
        Member m = self();
        return new OffersAndCards(account.offers(m), account.giftCards(m));
    }

    /** A fresh one-time code to confirm paying with points at a till; the previous code stops working. */
    @POST
    @Path("/payment-codes")
    public Response paymentCode() {
        return Response.status(201).entity(paymentCodes.issue(self().id)).build();
    }

    private Member self() {
        return members.requireByKeycloakId(user.subject());
    }
}
