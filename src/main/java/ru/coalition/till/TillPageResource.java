package ru.coalition.till;

import java.math.BigDecimal;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import ru.coalition.catalog.Vouchers;
import ru.coalition.identity.Roles;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.CurrentPartner;
import ru.coalition.partners.Partner;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RequestLocale;
import ru.coalition.platform.Texts;
import ru.coalition.programs.Money;
import ru.coalition.purchases.AccrualExplanations;
import ru.coalition.purchases.Purchase;
import ru.coalition.purchases.PurchaseRequest;
import ru.coalition.purchases.PurchaseService;
import ru.coalition.purchases.RefundRequest;
import ru.coalition.redemptions.RedemptionRequest;
import ru.coalition.redemptions.RedemptionService;
import ru.coalition.rewards.OfferService;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The cashier screen in the portal: find a member by card or phone, see this partner's wallet and open offers, post a
 * purchase or refund by hand, hand out a reward, take points as payment with the member's code. It calls the same
 * services as the partner API, so a receipt typed here and one sent by a till are the same thing.
 */
@Path("/portal/till")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.PARTNER_ADMIN, Roles.PARTNER_CASHIER})
public class TillPageResource {

    static final int LINE_ROWS = 4;

    public record Outcome(boolean ok, String title, String detail, List<String> fields) {
    }

    /**
     * The member as the cashier's screen shows them: the first name and the card's last digits, never the whole
     * card or contact data; {@code who} is what the cashier typed, carried by the page's forms.
     */
    public record Shown(String firstName, String card, String who) {
        static Shown of(Member m, String who) {
            return new Shown(m.firstName, "•••• " + m.cardNumber.substring(m.cardNumber.length() - 4), who);
        }
    }

    /** A recent receipt on the cashier's screen with its lines, so a refund is picked, not typed from memory. */
    public record PurchaseRow(String receiptId, OffsetDateTime at, BigDecimal total, long points, List<PurchaseService.ReceiptLine> lines,
                              AccrualExplanations.Explanation accrual) {
        public boolean refundedAll() {
            return !lines.isEmpty() && lines.stream().allMatch(l -> l.left() == 0);
        }

        public boolean refundedAny() {
            return lines.stream().anyMatch(l -> l.refunded() > 0);
        }
    }

    @CheckedTemplate(basePath = "till")
    static class Templates {
        static native TemplateInstance till(Partner partner, String query, Shown member, TillService.WalletView wallet,
                                            List<TillService.OfferView> offers, List<PurchaseRow> purchases, Outcome outcome,
                                            int lineRows);
    }

    @Inject
    CurrentPartner currentPartner;

    @Inject
    TillService till;

    @Inject
    MemberService members;

    @Inject
    PurchaseService purchases;

    @Inject
    AccrualExplanations explanations;

    @Inject
    ru.coalition.purchases.RefundService refunds;

    @Inject
    RedemptionService redemptions;

    @Inject
    OfferService offers;

    @Inject
    Vouchers vouchers;

    @Inject
    RequestLocale locale;

    @Inject
    java.time.Clock clock;

    @Inject
    jakarta.validation.Validator validator;

    @GET
    public TemplateInstance page(@QueryParam("q") String query) {
        Partner p = currentPartner.require();
        if (query == null || query.isBlank()) {
            return render(p, query, null, null);
        }
        Optional<Member> m;
        try {
            m = till.lookUp(p, query);
        } catch (ProblemException e) {
            Texts t = locale.texts();
            return render(p, query, null, new Outcome(false, t.problemTitle(e.code()), t.problemDetail(e.code(), e.args()), List.of()));
        }
        // a malformed query and an unknown member read the same
        return render(p, query, m.orElse(null), m.isEmpty() ? new Outcome(false, locale.messages().tillNotFound(), null, List.of()) : null);
    }

    @POST
    @Path("/purchase")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance purchase(MultivaluedMap<String, String> form) {
        Partner p = currentPartner.require();
        Member m = memberOf(form);
        List<PurchaseRequest.Line> lines = new ArrayList<>();
        List<String> skus = form.getOrDefault("sku", List.of());
        for (int i = 0; i < skus.size(); i++) {
            String amount = at(form, "amount", i);
            if (skus.get(i).isBlank() && (amount == null || amount.isBlank())) {
                continue;
            }
            lines.add(new PurchaseRequest.Line(skus.get(i).trim(), at(form, "name", i), amount == null ? null : amount.trim().replace(',', '.'),
                    blankToNull(at(form, "category", i)), form.getOrDefault("promo", List.of()).contains(Integer.toString(i))));
        }
        List<PurchaseRequest.Payment> payments = new ArrayList<>();
        String cardCode = blankToNull(form.getFirst("giftCardCode"));
        if (cardCode != null) {
            String cardAmount = trimmedAmount(form.getFirst("giftCardAmount"));
            payments.add(new PurchaseRequest.Payment("gift-card", cardAmount, cardCode));
            // payments add up to the receipt: what the card does not cover is paid at the till
            long rest = lines.stream().filter(l -> Money.isValid(l.amount())).mapToLong(l -> Money.parse(l.amount())).sum()
                    - (Money.isValid(cardAmount) ? Money.parse(cardAmount) : 0);
            if (rest > 0) {
                payments.add(new PurchaseRequest.Payment("cash", Money.format(rest), null));
            }
        }
        String receiptId = blankToNull(form.getFirst("receiptId"));
        PurchaseRequest request = new PurchaseRequest(receiptId == null ? handTypedReceiptNumber(p) : receiptId,
                OffsetDateTime.ofInstant(clock.instant(), ZoneId.of(p.timeZone)), new MemberService.MemberRef(m.cardNumber, null, null), lines, payments);
        return act(p, m, form.getFirst("who"), () -> {
            validate(request);
            boolean replay = purchases.post(p, request).replay();
            return replay ? locale.messages().tillPurchaseReplayed() : locale.messages().tillPurchaseDone(request.receiptId());
        });
    }

    @POST
    @Path("/refund")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance refund(MultivaluedMap<String, String> form) {
        Partner p = currentPartner.require();
        Member m = memberOf(form);
        String receiptId = form.getFirst("receiptId");
        // the lines ticked on the receipt, each with the amount to give back (the whole line's rest by default)
        List<RefundRequest.Line> picked = new ArrayList<>();
        for (String line : form.getOrDefault("line", List.of())) {
            Integer lineNo = line != null && line.matches("\\d{1,3}") ? Integer.valueOf(line) : null;
            picked.add(new RefundRequest.Line(null, lineNo, trimmedAmount(form.getFirst("amount-" + line))));
        }
        RefundRequest request = new RefundRequest("TILL-R-" + UUID.randomUUID().toString().substring(0, 8), picked);
        if (picked.isEmpty()) {
            return render(p, form.getFirst("who"), m, new Outcome(false, locale.messages().tillRefundPickLines(), null, List.of()));
        }
        return act(p, m, form.getFirst("who"), () -> {
            validate(request);
            purchases.byReceipt(p.id, receiptId).filter(x -> x.memberId.equals(m.id))
                    .orElseThrow(() -> new ProblemException(ErrorCode.PURCHASE_NOT_FOUND, receiptId));
            refunds.refund(p, receiptId, request);
            return locale.messages().tillRefundDone(receiptId);
        });
    }

    @POST
    @Path("/collect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance collect(MultivaluedMap<String, String> form) {
        Partner p = currentPartner.require();
        Member m = memberOf(form);
        return act(p, m, form.getFirst("who"), () -> {
            UUID offerId;
            try {
                offerId = UUID.fromString(form.getFirst("offerId"));
            } catch (RuntimeException e) {
                throw new ProblemException(ErrorCode.OFFER_NOT_FOUND);
            }
            OfferService.Collected c = offers.collect(p, offerId);
            return locale.messages().tillCollectDone(c.giftCardCode(), BigDecimal.valueOf(c.nominal(), 2));
        });
    }

    @POST
    @Path("/redeem")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance redeem(MultivaluedMap<String, String> form) {
        Partner p = currentPartner.require();
        Member m = memberOf(form);
        return act(p, m, form.getFirst("who"), () -> {
            Long points;
            try {
                points = Long.parseLong(form.getFirst("points").trim());
            } catch (RuntimeException e) {
                points = null;
            }
            RedemptionRequest request = new RedemptionRequest("MANUAL-P-" + UUID.randomUUID().toString().substring(0, 8),
                    new MemberService.MemberRef(m.cardNumber, null, null), points, form.getFirst("code"), null);
            validate(request);
            redemptions.redeem(p, request);
            return locale.messages().tillRedeemDone(points);
        });
    }

    /** A catalog voucher the member shows (its QR scanned into the field, or typed): no member look-up needed. */
    @POST
    @Path("/voucher")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public TemplateInstance voucher(MultivaluedMap<String, String> form) {
        Partner p = currentPartner.require();
        Outcome outcome;
        try {
            Vouchers.Redeemed r = vouchers.redeem(p, form.getFirst("voucherCode"), locale.get());
            outcome = new Outcome(true, Messages.catalog(locale.get()).tillVoucherDone(r.title(), r.voucherCode()), null, List.of());
        } catch (ProblemException e) {
            Texts t = locale.texts();
            outcome = new Outcome(false, t.problemTitle(e.code()), t.problemDetail(e.code(), e.args()), List.of());
        }
        return render(p, null, null, outcome);
    }

    private interface Action {
        String run();
    }

    /** Runs an action and shows the member again with what happened, in words the cashier can act on. */
    private TemplateInstance act(Partner p, Member m, String who, Action action) {
        Outcome outcome;
        try {
            outcome = new Outcome(true, action.run(), null, List.of());
        } catch (ProblemException e) {
            Texts t = locale.texts();
            outcome = new Outcome(false, t.problemTitle(e.code()), t.problemDetail(e.code(), e.args()),
                    e.fieldErrors().stream().map(f -> fieldWords(f.field()) + (f.message() == null ? "" : ": " + f.message())).toList());
        }
        return render(p, who, m, outcome);
    }

    private static final java.util.regex.Pattern LINE_FIELD = java.util.regex.Pattern.compile("lines\\[(\\d+)]\\.?(\\w*)");

    /** A field of the request in the cashier's words: "lines[0].amount" reads «Позиция 1: сумма». */
    private String fieldWords(String field) {
        var msg = locale.messages();
        if (field == null) {
            return "";
        }
        var line = LINE_FIELD.matcher(field);
        if (line.matches()) {
            return msg.tillLineField(Integer.parseInt(line.group(1)) + 1, msg.tillFieldLabel(line.group(2)));
        }
        return msg.tillFieldLabel(field.replaceAll("\\[\\d+]", ""));
    }

    private void validate(Object request) {
        var violations = validator.validate(request);
        if (!violations.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, ru.coalition.platform.FieldErrors.of(violations, locale.texts(), false));
        }
    }

    private TemplateInstance render(Partner p, String query, Member m, Outcome outcome) {
        if (m == null) {
            return Templates.till(p, query, null, null, List.of(), List.of(), outcome, LINE_ROWS);
        }
        List<Purchase> latest = purchases.latestOf(p.id, m.id, 10);
        Map<Long, List<PurchaseService.ReceiptLine>> lines = purchases.receiptLines(latest.stream().map(x -> x.id).toList());
        List<PurchaseRow> rows = latest.stream().map((Purchase x) -> new PurchaseRow(x.receiptId,
                x.occurredAt.atOffset(java.time.ZoneOffset.UTC), BigDecimal.valueOf(x.total, 2), x.points,
                lines.getOrDefault(x.id, List.of()), explanations.explain(x))).toList();
        return Templates.till(p, query, Shown.of(m, query), till.wallet(p, m), till.offers(p, m), rows, outcome, LINE_ROWS);
    }

    /** The member the page's form names by what the cashier typed (a card or a phone). */
    private Member memberOf(MultivaluedMap<String, String> form) {
        return members.find(form.getFirst("who")).orElseThrow(() -> new ProblemException(ErrorCode.MEMBER_NOT_FOUND));
    }

    private static String at(MultivaluedMap<String, String> form, String key, int i) {
        List<String> values = form.get(key);
        return values == null || values.size() <= i ? null : values.get(i);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String trimmedAmount(String s) {
        return s == null ? null : s.trim().replace(',', '.');
    }


    private static final String READABLE = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

    /**
     * A number for a sale typed in by hand, which the member later reads in their history and the cashier may read out:
     * the partner's day and five characters with no 0/O or 1/I to mix up (R-261205-7F3QK).
     */
    private String handTypedReceiptNumber(Partner p) {
        StringBuilder n = new StringBuilder("R-").append(java.time.LocalDate.ofInstant(clock.instant(), ZoneId.of(p.timeZone))
                .format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd"))).append('-');
        for (int i = 0; i < 5; i++) {
            n.append(READABLE.charAt(RANDOM.nextInt(READABLE.length())));
        }
        return n.toString();
    }
}
