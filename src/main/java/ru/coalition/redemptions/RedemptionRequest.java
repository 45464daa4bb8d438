package ru.coalition.redemptions;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ru.coalition.members.MemberService;

/** Paying with points at the till, confirmed by the member's one-time code; idempotent on redemptionId. */
public record RedemptionRequest(
        @NotBlank(message = "{coalition.field.required}") @Size(max = 64, message = "{coalition.field.too-long}") String redemptionId,
        @NotNull(message = "{coalition.field.required}") MemberService.MemberRef member,
        @NotNull(message = "{coalition.field.required}") @Min(value = 1, message = "{coalition.field.points}") @Max(value = 100_000_000, message = "{coalition.field.points}") Long points,
        @NotBlank(message = "{coalition.field.required}") @Pattern(regexp = "^\\d{6}$", message = "{coalition.field.payment-code}") String code,
        @Size(max = 64, message = "{coalition.field.too-long}") String receiptId) {
}
