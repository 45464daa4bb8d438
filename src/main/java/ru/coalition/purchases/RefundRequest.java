package ru.coalition.purchases;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.programs.Money;

import java.util.List;

/**
 * What the customer got back, line by line; idempotent on refundId within its receipt. A line is named by its sku or
 * by its position in the receipt ({@code line}, from 0 as in the posted {@code lines} array), which tells apart two
 * lines with the same sku.
 */
public record RefundRequest(
        @NotBlank(message = "{coalition.field.required}") @Size(max = 64, message = "{coalition.field.too-long}") String refundId,
        @NotEmpty(message = "{coalition.field.required}") @Size(max = 500, message = "{coalition.field.too-many}") List<@NotNull(message = "{coalition.field.required}") @Valid Line> lines) {

    @Schema(name = "RefundLine", description = "A refunded line, named by sku or by position")
    public record Line(
            @Size(min = 1, max = 64, message = "{coalition.field.too-long}") String sku,
            @Min(value = 0, message = "{coalition.field.line}") @Max(value = 499, message = "{coalition.field.line}") Integer line,
            @NotNull(message = "{coalition.field.required}") @Pattern(regexp = Money.PATTERN, message = "{coalition.field.money}") String amount) {

        public Line(String sku, String amount) {
            this(sku, null, amount);
        }
    }
}
