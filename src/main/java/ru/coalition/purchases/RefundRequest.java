package ru.coalition.purchases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import ru.coalition.programs.Money;

import java.util.List;

/** Lines (by sku) and amounts the customer got back; idempotent on refundId. */
public record RefundRequest(
        @NotBlank(message = "{coalition.field.required}") @Size(max = 64, message = "{coalition.field.too-long}") String refundId,
        @NotEmpty(message = "{coalition.field.required}") @Size(max = 500, message = "{coalition.field.too-many}") List<@NotNull(message = "{coalition.field.required}") @Valid Line> lines) {

    public record Line(
            @NotBlank(message = "{coalition.field.required}") @Size(max = 64, message = "{coalition.field.too-long}") String sku,
            @NotNull(message = "{coalition.field.required}") @Pattern(regexp = Money.PATTERN, message = "{coalition.field.money}") String amount) {
    }
}
