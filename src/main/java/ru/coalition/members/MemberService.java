package ru.coalition.members;

import jakarta.enterprise.context.ApplicationScoped;
import ru.coalition.platform.ProblemException;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Reading members: what other features may ask about a member goes through here. */
@ApplicationScoped
public class MemberService {

    public record Profile(UUID memberId, String cardNumber, String lastName, String firstName, String middleName,
                          String phone, String email, LocalDate birthDate, String gender, String city,
                          String socialStatus, String incomeBracket, String preferredChannel, String referralCode,
                          Map<String, Boolean> consents) {
    }

    public Optional<Member> byKeycloakId(String keycloakId) {
        return Member.find("keycloakId", keycloakId).firstResultOptional();
    }

    public Profile profileOf(String keycloakId) {
        Member m = byKeycloakId(keycloakId).orElseThrow(() -> ProblemException.notFound("member.not-found"));
        return new Profile(m.publicId, m.cardNumber, m.lastName, m.firstName, m.middleName, m.phone, m.email,
                m.birthDate, m.gender, m.city, m.socialStatus, m.incomeBracket, m.preferredChannel, m.referralCode,
                consentsOf(m.id));
    }

    /** The consents in force: the latest decision per kind. */
    public Map<String, Boolean> consentsOf(Long memberId) {
        List<Consent> all = Consent.list("memberId = ?1 order by recordedAt, id", memberId);
        Map<Consent.Kind, Boolean> latest = new EnumMap<>(Consent.Kind.class);
        all.forEach(c -> latest.put(c.kind, c.granted));
        return Map.of("personalData", latest.getOrDefault(Consent.Kind.PERSONAL_DATA, false),
                "marketingEmail", latest.getOrDefault(Consent.Kind.MARKETING_EMAIL, false),
                "marketingSms", latest.getOrDefault(Consent.Kind.MARKETING_SMS, false));
    }
}
