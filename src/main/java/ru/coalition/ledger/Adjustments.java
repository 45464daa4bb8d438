package ru.coalition.ledger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import ru.coalition.audit.AuditLog;
import ru.coalition.members.Member;
import ru.coalition.members.MemberService;
import ru.coalition.partners.Partner;
import ru.coalition.partners.PartnerService;
import ru.coalition.partners.WalletScope;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem;
import ru.coalition.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Manual corrections by operator staff: a reason is mandatory, each leaves an audit row beside its entry. */
@ApplicationScoped
public class Adjustments {

    public record Adjustment(
            @NotBlank(message = "{coalition.field.required}") @Size(max = 16, message = "{coalition.field.too-long}") String cardNumber,
            @NotBlank(message = "{coalition.field.required}") @Size(max = 64, message = "{coalition.field.too-long}") String wallet,
            @NotNull(message = "{coalition.field.required}") @Min(value = -10_000_000, message = "{coalition.field.points}") @Max(value = 10_000_000, message = "{coalition.field.points}") Long points,
            @NotBlank(message = "{coalition.field.reason}") @Size(min = 5, max = 300, message = "{coalition.field.reason}") String reason) {
    }

    public record Adjusted(long points, String wallet, long active, long pending) {
    }

    @Inject
    LedgerService ledger;

    @Inject
    MemberService members;

    @Inject
    PartnerService partners;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /**
     * Points as staff type them: "-500", "−500" (the typographic minus the page's own hint shows), "+300", "1 000".
     * Null when it is not a whole number.
     */
    public static Long parsePoints(String typed) {
        if (typed == null) {
            return null;
        }
        String s = typed.replace('\u2212', '-').replace('\u2013', '-').replaceAll("[\\s\u00a0\u202f]", "");
        if (s.startsWith("+")) {
            s = s.substring(1);
        }
        if (!s.matches("-?\\d{1,9}")) {
            return null;
        }
        return Long.parseLong(s);
    }

    @Transactional
    public Adjusted adjust(Adjustment a) {
        return adjust(a, null, null, Map.of());
    }

    /**
     * An adjustment made for a record of another feature (a support ticket): the entry names it as its source, and the
     * audit record carries what the page should link to (e.g. the ticket's number).
     */
    @Transactional
    public Adjusted adjust(Adjustment a, String sourceType, Long sourceId, Map<String, Object> auditDetails) {
        if (a.points() == 0) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new Problem.FieldError("points", null)));
        }
        Member m = members.byCard(a.cardNumber().trim()).orElseThrow(() -> new ProblemException(ErrorCode.MEMBER_NOT_FOUND));
        Long walletPartner = null;
        if (!WalletScope.COALITION_WALLET.equals(a.wallet())) {
            Partner p = partners.findBySlug(a.wallet()).orElseThrow(() -> new ProblemException(ErrorCode.PARTNER_NOT_FOUND, a.wallet()));
            walletPartner = p.walletPartnerId();
        }
        long walletId = ledger.walletId(m.id, walletPartner);
        Instant now = clock.instant();
        LedgerService.Entry entry = new LedgerService.Entry(EntryKind.ADJUSTMENT, a.points(), now, null,
                sourceType == null ? "adjustment" : sourceType, sourceId, a.reason().trim());
        if (a.points() < 0) {
            ledger.spend(walletId, m.id, entry, ErrorCode.ADJUSTMENT_INSUFFICIENT);
        } else {
            ledger.post(walletId, m.id, List.of(entry));
        }
        Map<String, Object> details = new java.util.LinkedHashMap<>(auditDetails);
        details.put("wallet", a.wallet());
        details.put("points", a.points());
        details.put("reason", a.reason().trim());
        audit.record("ledger.adjust", walletPartner, "member", m.cardNumber, details);
        LedgerService.Balance b = ledger.balance(walletId);
        return new Adjusted(a.points(), a.wallet(), b.active(), b.pending());
    }
}
