package ru.coalition.cabinet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.members.MemberSettings;
import ru.coalition.platform.ApiDocument;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.ProblemResponses;
import ru.coalition.platform.RequestLocale;
import ru.coalition.redemptions.PaymentCodeService;

import java.util.List;

/** The member's own data for the cabinet and the mobile app (API-CONTRACT.md "Members (member)"). */
@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MEMBER)
@Tag(name = ApiDocument.TAG_MEMBER)
@SecurityRequirement(name = ApiDocument.SECURITY_SCHEME)
@ProblemResponses(ErrorCode.MEMBER_NOT_FOUND)
public class MeApiResource {

    /** PUT /api/v1/me/consents: any of the four marketing and two service consents; personalData is refused (delete the account). */
    @Schema(name = "ConsentsChange", description = "The consents to change; a missing one stays as it is")
    public record ConsentsChange(Boolean personalData, Boolean marketingEmail, Boolean marketingSms, Boolean partnerOffersEmail,
                                 Boolean partnerOffersSms,
                                 @Schema(description = "Service notices by e-mail: offers made, points about to lapse, greetings, ticket surveys")
                                 Boolean serviceEmail,
                                 @Schema(description = "Service notices by SMS: offers made, points about to lapse, greetings")
                                 Boolean serviceSms) {
    }

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

    @Inject
    MemberSettings settings;

    @Inject
    RequestLocale locale;

    @GET
    @Operation(operationId = "getMe", summary = "The member's profile and card number")
    public MemberService.Profile me() {
        return members.profileOf(user.subject());
    }

    @GET
    @Path("/wallets")
    @Operation(operationId = "listMyWallets", summary = "The member's wallets with their balances",
            description = "One entry per wallet, the coalition wallet first: active and pending points, the next activation,"
                    + " the tier, where the program has tiers, and the points that lapse first (nextExpiry), where the program"
                    + " lets points expire: by date, or, under an inactivity rule, on the day they lapse if the member does"
                    + " not earn points at that partner again before then.")
    public List<MemberAccount.Wallet> wallets() {
        return account.wallets(self());
    }

    /** Ledger entries over all wallets, newest first; size at most 100. */
    @GET
    @Path("/history")
    @Operation(operationId = "getMyHistory", summary = "The member's ledger entries, newest first")
    public MemberAccount.History history(@Parameter(description = "Page number, from 0") @QueryParam("page") @DefaultValue("0") int page,
                                         @Parameter(description = "Entries per page, 1 to 100") @QueryParam("size") @DefaultValue("20") int size) {
        return account.history(self(), page, size);
    }

    /** One entry of the history, opened: for a receipt's points, how the receipt earned them (issue 13 §5). */
    @GET
    @Path("/history/{entryId}")
    @Operation(operationId = "getMyHistoryEntry", summary = "One ledger entry of the member's, with the receipt behind it explained",
            description = "For an accrual, a bonus a receipt brought, or a refund's reversal: the receipt's lines and what each earned, the"
                    + " lines that earned nothing and why (promo, an excluded category such as a gift card bought), the part a gift card"
                    + " paid, the tier multiplier, the rounding once per receipt, the bonuses, when the points activate, and the refunds"
                    + " since. Another member's entry is 404.")
    @ProblemResponses(ErrorCode.HISTORY_ENTRY_NOT_FOUND)
    public MemberAccount.EntryExplained historyEntry(@PathParam("entryId") long entryId) {
        return account.entry(self(), entryId);
    }

    @GET
    @Path("/offers")
    @Operation(operationId = "getMyOffers", summary = "The member's threshold offers and gift cards")
    public OffersAndCards offers() {
        Member m = self();
        return new OffersAndCards(account.offers(m), account.giftCards(m));
    }

    /** A fresh one-time code to confirm paying with points at a till; the previous code stops working. */
    @POST
    @Path("/payment-codes")
    @Operation(operationId = "createPaymentCode", summary = "Open a one-time code to pay with points at a till",
            description = "Six digits, valid once and for 10 minutes (by default); the previous code stops working.")
    @APIResponseSchema(value = PaymentCodeService.Code.class, responseCode = "201", responseDescription = "The new code and when it expires")
    public Response paymentCode() {
        return Response.status(201).entity(paymentCodes.issue(self().id)).build();
    }

    /** The consents in force and their history (API-CONTRACT.md "Consents and unsubscribe"). */
    @GET
    @Path("/consents")
    @Operation(operationId = "getMyConsents", summary = "The member's consents in force and their history",
            description = "Every decision oldest first, with its time, source, wording version and the client address it came from.")
    public MemberSettings.Consents consents() {
        return settings.consents(self().id);
    }

    /** Changes the given consents; each change is appended to the history with this request's client address. */
    @PUT
    @Path("/consents")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "changeMyConsents", summary = "Give or withdraw marketing and service-notice consents",
            description = "Any of marketingEmail, marketingSms, partnerOffersEmail, partnerOffersSms, serviceEmail, serviceSms;"
                    + " each change is appended to the history with its time, wording version and client address, and takes"
                    + " effect for every message not yet sent. personalData is refused here: it is withdrawn by deleting the"
                    + " account in the cabinet. Passwords, confirmation codes and replies to the member's own tickets always go.")
    public MemberSettings.Consents changeConsents(@NotNull(message = "{coalition.field.body-required}") ConsentsChange change,
                                                  @Context HttpServerRequest http) {
        if (change.personalData() != null) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new Problem.FieldError("personalData",
                    locale.texts().problem("coalition.field.personal-data-consent"))));
        }
        return settings.changeConsents(self().id, new MemberSettings.ConsentChange(change.marketingEmail(), change.marketingSms(),
                change.partnerOffersEmail(), change.partnerOffersSms(), change.serviceEmail(), change.serviceSms()), "api", http.remoteAddress().hostAddress(), locale.get());
    }

    private Member self() {
        return members.requireByKeycloakId(user.subject());
    }
}
