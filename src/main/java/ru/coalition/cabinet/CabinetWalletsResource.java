package ru.coalition.cabinet;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.redemptions.PaymentCodeService;

import java.time.Instant;
import java.util.List;

/** The member's points in the cabinet: wallets (pending vs active), history, offers and gift cards, the payment code. */
@Path("/cabinet")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed(Roles.MEMBER)
public class CabinetWalletsResource {

    static final int PAGE_SIZE = 20;

    @CheckedTemplate(basePath = "cabinet")
    static class Templates {
        static native TemplateInstance wallets(List<MemberAccount.Wallet> wallets, MemberAccount.History history,
                                               List<MemberAccount.OfferItem> offers, List<MemberAccount.GiftCardItem> giftCards,
                                               String referralCode, String referralLink);

        static native TemplateInstance paymentCode(String code, Instant expiresAt);

        static native TemplateInstance historyEntry(MemberAccount.EntryExplained e);
    }

    @Inject
    CoalitionConfig config;

    @Inject
    MemberService members;

    @Inject
    MemberAccount account;

    @Inject
    PaymentCodeService paymentCodes;

    @Inject
    CurrentUser user;


    @GET
    @Path("/wallets")
    public TemplateInstance wallets(@QueryParam("page") @DefaultValue("0") int page) {
        Member m = members.requireByKeycloakId(user.subject());
        MemberAccount.History history = account.history(m, page, PAGE_SIZE);
        return Templates.wallets(account.wallets(m), history, account.offers(m), account.giftCards(m), m.referralCode,
                config.publicUrl() + "/cabinet/register?ref=" + m.referralCode);
    }

    /** One entry of the history, opened: how its receipt earned the points (issue 13 §5). */
    @GET
    @Path("/history/{id}")
    public TemplateInstance historyEntry(@PathParam("id") long id) {
        Member m = members.requireByKeycloakId(user.subject());
        return Templates.historyEntry(account.entry(m, id));
    }

    /** htmx: a fresh one-time code replaces the button. */
    @POST
    @Path("/payment-code")
    public TemplateInstance paymentCode() {
        Member m = members.requireByKeycloakId(user.subject());
        PaymentCodeService.Code code = paymentCodes.issue(m.id);
        return Templates.paymentCode(code.code(), code.expiresAt());
    }
}
