package ru.coalition.console;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import ru.coalition.audit.AuditLog;
import ru.coalition.members.ConsentProof;
import ru.coalition.members.Member;

import java.util.Map;
import java.util.Optional;

/**
 * The operator's proof of a member's consents (issue 12 §1): found as on the member desk, and every look at it, on
 * the page or as a CSV, written to the audit log (action consent.export), since it is personal data.
 */
@ApplicationScoped
@Transactional
public class ConsentProofExport {

    @Inject
    MemberDesk desk;

    @Inject
    ConsentProof proofs;

    @Inject
    AuditLog audit;

    /** The member's proof by card, phone or e-mail, audited; empty when no member matches. */
    public Optional<ConsentProof.Proof> find(String query, String format) {
        Optional<Member> m = desk.find(query);
        if (m.isEmpty()) {
            return Optional.empty();
        }
        ConsentProof.Proof p = proofs.of(m.get());
        audit.record("consent.export", null, "member", p.cardNumber(), Map.of("format", format, "decisions", p.decisions().size()));
        return Optional.of(p);
    }
}
