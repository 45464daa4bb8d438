package ru.coalition.purchases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.members.MemberService;
import ru.coalition.programs.Money;

import java.time.OffsetDateTime;
import java.util.List;

/** A receipt as the till posts it (API-CONTRACT.md "Purchases"). */
public record PurchaseRequest(
        @NotBlank(message = "{coalition.field.required}") @Size(max = 64, message = "{coalition.field.too-long}") String receiptId,
        @NotNull(message = "{coalition.field.required}") OffsetDateTime occurredAt,
        @NotNull(message = "{coalition.field.required}") MemberService.MemberRef member,
        @NotEmpty(message = "{coalition.field.required}") @Size(max = 500, message = "{coalition.field.too-many}") List<@NotNull(message = "{coalition.field.required}") @Valid Line> lines,
        @Size(max = 20, message = "{coalition.field.too-many}") List<@NotNull(message = "{coalition.field.required}") @Valid Payment> payments) {

    @Schema(name = "ReceiptLine", description = "A line of the receipt")
    public record Line(
            @NotBlank(message = "{coalition.field.required}") @Size(max = 64, message = "{coalition.field.too-long}") String sku,
            @Size(max = 200, message = "{coalition.field.too-long}") String name,
            @NotNull(message = "{coalition.field.required}") @Pattern(regexp = Money.PATTERN, message = "{coalition.field.money}") String amount,
            @Size(max = 64, message = "{coalition.field.too-long}") String category,
            Boolean promo) {

        boolean isPromo() {
            return Boolean.TRUE.equals(promo);
        }
    }

    @Schema(name = "Payment")
    public record Payment(
            @NotBlank(message = "{coalition.field.required}") @Pattern(regexp = "^(cash|card|gift-card|points|other)$", message = "{coalition.field.payment-method}") String method,
            @NotNull(message = "{coalition.field.required}") @Pattern(regexp = Money.PATTERN, message = "{coalition.field.money}") String amount,
            @Size(max = 20, message = "{coalition.field.too-long}") String giftCardCode) {

        boolean isGiftCard() {
            return "gift-card".equals(method);
        }
    }

    public List<Payment> paymentsOrEmpty() {
        return payments == null ? List.of() : payments;
    }
}
