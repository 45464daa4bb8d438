package ru.coalition.members;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A member's consent history as proof (issue 12 §1, 38-FZ art. 18): every decision, oldest first, with the time, the
 * source (how it was made), the client address, the wording version and that version's texts as the member was shown
 * them (consent_wording), plus the state in force.
 */
@ApplicationScoped
@Transactional
public class ConsentProof {

    /** One decision with the texts of its wording version (null when that version has no text of this kind). */
    public record Decision(Instant at, String consent, boolean granted, String source, String address, String version,
                           String textRu, String textEn) {

        /** The text in the member's language, Russian when there is none in English. */
        public String text(String language) {
            return "en".equals(language) && textEn != null ? textEn : textRu;
        }
    }

    public record Proof(long memberId, String cardNumber, String name, String language, String status,
                        Map<Consent.Kind, Boolean> inForce, List<Decision> decisions) {
    }

    @Inject
    ConsentWordings wordings;

    public Proof of(Member m) {
        List<Decision> out = new ArrayList<>();
        for (Consent c : Consent.<Consent>list("memberId = ?1 order by recordedAt, id", m.id)) {
            out.add(new Decision(c.recordedAt, c.kind.apiName, c.granted, c.source, c.clientAddress, c.wordingVersion,
                    wordings.text(c.wordingVersion, c.kind, "ru"), wordings.text(c.wordingVersion, c.kind, "en")));
        }
        String name = m.lastName == null ? null : (m.lastName + " " + m.firstName + (m.middleName == null ? "" : " " + m.middleName));
        return new Proof(m.id, m.cardNumber, name, m.language, m.status, MemberSettings.state(m.id), out);
    }
}
