package ru.coalition.members;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.platform.ErrorCode;
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

    @Schema(name = "MemberProfile")
    public record Profile(UUID memberId, String cardNumber, String lastName, String firstName, String middleName,
                          String phone, String email, LocalDate birthDate, String gender, String city,
                          String socialStatus, String incomeBracket, String preferredChannel, String referralCode,
                          Map<String, Boolean> consents) {
    }

    /** How a till names a member: exactly one of card number, phone (E.164) or member id. */
    public record MemberRef(String cardNumber, String phone, UUID memberId) {
    }

    public Optional<Member> byId(long id) {
        return Member.findByIdOptional(id);
    }

    public Optional<Member> byCard(String cardNumber) {
        return cardNumber == null ? Optional.empty() : Member.find("cardNumber", cardNumber).firstResultOptional();
    }

    public Optional<Member> byPhone(String phone) {
        return phone == null ? Optional.empty() : Member.find("phone", phone).firstResultOptional();
    }

    /**
     * The member a till names, or 404. Several identifiers must all name the same member (422 otherwise): a card
     * and a phone that disagree are a mistake at the till, not a choice between them.
     */
    public Member resolve(MemberRef ref) {
        if (ref == null) {
            throw new ProblemException(ErrorCode.MEMBER_NOT_FOUND);
        }
        List<Optional<Member>> named = new java.util.ArrayList<>();
        if (ref.cardNumber() != null) {
            named.add(byCard(ref.cardNumber()));
        }
        if (ref.phone() != null) {
            named.add(byPhone(ref.phone()));
        }
        if (ref.memberId() != null) {
            named.add(Member.find("publicId", ref.memberId()).firstResultOptional());
        }
        if (named.size() > 1 && named.stream().map(m -> m.map(x -> x.id).orElse(null)).distinct().count() > 1) {
            throw new ProblemException(ErrorCode.MEMBER_REF_MISMATCH, List.of(new ru.coalition.platform.Problem.FieldError("member", null)));
        }
        return named.stream().findFirst().flatMap(m -> m).orElseThrow(() -> new ProblemException(ErrorCode.MEMBER_NOT_FOUND));
    }

    /** Members a marketing message may reach, per city: those with the channel's consent in force (and an address). */
    public record Reach(String city, long members, long email, long sms) {
    }

    /**
     * Who the operator's mailings can reach today, by city, largest first (at most 20 cities, the rest together under
     * a null city). Reads the latest consent decision per member and kind, as {@link #consentsOf} does.
     */
    @SuppressWarnings("unchecked")
    public List<Reach> reach() {
        List<Object[]> rows = Member.getEntityManager().createNativeQuery("""
                with latest as (select member_id, kind, granted from consent_state)
                select m.city, count(*),
                       count(*) filter (where e.granted and m.email is not null),
                       count(*) filter (where s.granted and m.phone is not null)
                from member m
                left join latest e on e.member_id = m.id and e.kind = 'MARKETING_EMAIL'
                left join latest s on s.member_id = m.id and s.kind = 'MARKETING_SMS'
                where m.status = 'ACTIVE'
                group by m.city order by count(*) desc, m.city""").getResultList();
        List<Reach> out = new java.util.ArrayList<>();
        long[] rest = new long[3];
        for (int i = 0; i < rows.size(); i++) {
            Object[] r = rows.get(i);
            long members = ((Number) r[1]).longValue(), email = ((Number) r[2]).longValue(), sms = ((Number) r[3]).longValue();
            if (i < 20) {
                out.add(new Reach((String) r[0], members, email, sms));
            } else {
                rest[0] += members;
                rest[1] += email;
                rest[2] += sms;
            }
        }
        if (rest[0] > 0) {
            out.add(new Reach(null, rest[0], rest[1], rest[2]));
        }
        return out;
    }

    /** Staff's search by e-mail: addresses are compared without case, as mail servers do. */
    public Optional<Member> byEmail(String email) {
        return email == null ? Optional.empty() : Member.find("lower(email) = ?1", email.trim().toLowerCase(java.util.Locale.ROOT)).firstResultOptional();
    }

    /** A cashier's search: a card number, or a phone written with or without +, spaces and dashes. */
    public Optional<Member> find(String cardOrPhone) {
        if (cardOrPhone == null) {
            return Optional.empty();
        }
        String digits = cardOrPhone.replaceAll("[^0-9]", "");
        if (digits.length() == 16) {
            return byCard(digits);
        }
        if (digits.length() == 11 && digits.startsWith("8")) {
            digits = "7" + digits.substring(1);
        }
        return digits.isEmpty() ? Optional.empty() : byPhone("+" + digits);
    }

    /**
     * Today's birthdays: active members born on the month and day, read through the index member_birthday on
     * (extract(month), extract(day)) of the birth date (V7). The expressions here must stay those of the index.
     */
    static final String BORN_ON = "select m.id from member m where m.status = 'ACTIVE'"
            + " and extract(month from m.birth_date) = :mo and extract(day from m.birth_date) in (:days)";

    /** Active members born on the day (and on 29 February too, when asked: it is celebrated on the 28th). */
    public List<Long> bornOn(java.time.MonthDay day, boolean alsoLeapDay) {
        if (alsoLeapDay && !day.equals(java.time.MonthDay.of(2, 28))) {
            throw new IllegalArgumentException("29 February is looked up with 28 February only");
        }
        List<Integer> days = alsoLeapDay ? List.of(28, 29) : List.of(day.getDayOfMonth());
        @SuppressWarnings("unchecked")
        List<Number> ids = Member.getEntityManager().createNativeQuery(BORN_ON)
                .setParameter("mo", day.getMonthValue()).setParameter("days", days).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    public Member requireByKeycloakId(String keycloakId) {
        return byKeycloakId(keycloakId).orElseThrow(() -> new ProblemException(ErrorCode.MEMBER_NOT_FOUND));
    }

    public Optional<Member> byKeycloakId(String keycloakId) {
        return Member.find("keycloakId", keycloakId).firstResultOptional();
    }

    public Profile profileOf(String keycloakId) {
        Member m = byKeycloakId(keycloakId).orElseThrow(() -> new ProblemException(ErrorCode.MEMBER_NOT_FOUND));
        return new Profile(m.publicId, m.cardNumber, m.lastName, m.firstName, m.middleName, m.phone, m.email,
                m.birthDate, m.gender, m.city, m.socialStatus, m.incomeBracket, m.preferredChannel, m.referralCode,
                consentsOf(m.id));
    }

    /** The consents in force: the latest decision per kind. */
    public Map<String, Boolean> consentsOf(Long memberId) {
        Map<Consent.Kind, Boolean> latest = MemberSettings.state(memberId);
        return Map.of("personalData", latest.get(Consent.Kind.PERSONAL_DATA),
                "marketingEmail", latest.get(Consent.Kind.MARKETING_EMAIL),
                "marketingSms", latest.get(Consent.Kind.MARKETING_SMS));
    }

    /** Accepts "8 910 123-45-67" and "+7 (910) 123 45 67" as typed on a phone; the API itself takes E.164 only. */
    public static String normalisePhone(String raw) {
        if (raw == null) {
            return null;
        }
        String digits = raw.replaceAll("[\\s()\\-]", "");
        if (digits.matches("8\\d{10}")) {
            return "+7" + digits.substring(1);
        }
        if (digits.matches("7\\d{10}")) {
            return "+" + digits;
        }
        return digits;
    }
}
