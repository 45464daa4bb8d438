package ru.coalition.analytics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.partners.Partner;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.Texts;
import ru.coalition.programs.Money;
import ru.coalition.purchases.PurchaseFigures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A partner's analytics (issue 13): the figures each feature keeps for it, put together and in the API's form. Every
 * figure counts only what members did at this partner (docs/analytics.md defines each one).
 */
@ApplicationScoped
public class PartnerAnalytics {

    /** The longest period a figure is asked for. */
    public static final int MAX_DAYS = 1096;

    /** A period of the partner's local days, both ends included. */
    public record Period(LocalDate from, LocalDate to) {
    }

    @Schema(name = "PartnerAnalyticsSummary")
    public record SummaryView(LocalDate from, LocalDate to,
                              @Schema(description = "Roubles: the period's receipts less their refunds, e.g. 125000.50") String revenue,
                              long receipts,
                              @Schema(description = "Members with a receipt in the period") long members,
                              @Schema(description = "Roubles per receipt, rounded to the kopeck; 0.00 without receipts") String averageReceipt,
                              @Schema(description = "Receipts per member, two decimals; 0 without members") BigDecimal frequency,
                              @Schema(description = "Members whose first receipt at the partner falls in the period") long newMembers,
                              @Schema(description = "Of the new members, those who had bought at another partner of the coalition first")
                              long fromOtherPartners) {
    }

    @Inject
    PurchaseFigures purchases;

    public SummaryView summary(Partner partner, Period period) {
        PurchaseFigures.Summary s = purchases.summary(partner, period.from(), period.to());
        long average = s.receipts() == 0 ? 0 : BigDecimal.valueOf(s.revenue()).divide(BigDecimal.valueOf(s.receipts()), 0, RoundingMode.HALF_UP).longValueExact();
        BigDecimal frequency = s.members() == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(s.receipts()).divide(BigDecimal.valueOf(s.members()), 2, RoundingMode.HALF_UP);
        return new SummaryView(period.from(), period.to(), Money.format(s.revenue()), s.receipts(), s.members(), Money.format(average),
                frequency, s.newMembers(), s.fromOtherPartners());
    }

    /** The period of two query parameters, checked: both dates, in order, at most {@link #MAX_DAYS} days. */
    public static Period period(String from, String to, Texts texts) {
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate start = date("from", from, texts, errors);
        LocalDate end = date("to", to, texts, errors);
        if (start != null && end != null) {
            if (end.isBefore(start)) {
                errors.add(new Problem.FieldError("to", texts.problem("coalition.field.period-order")));
            } else if (ChronoUnit.DAYS.between(start, end) + 1 > MAX_DAYS) {
                errors.add(new Problem.FieldError("to", texts.problem("coalition.field.period-too-long", MAX_DAYS)));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, errors);
        }
        return new Period(start, end);
    }

    private static LocalDate date(String field, String value, Texts texts, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, texts.problem("coalition.field.required")));
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, texts.problem("coalition.field.date")));
            return null;
        }
    }
}
