package ru.coalition.members;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem.FieldError;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.Texts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a member sets for themselves: the language of their pages and messages, the channel of service messages, and
 * their consents. Consents are appended, never edited: each change is a new row with its time, source, wording
 * version and the client address it came from (API-CONTRACT.md "Consents and unsubscribe").
 */
@ApplicationScoped
@Transactional
public class MemberSettings {

    /** One recorded decision, as the history shows it. */
    @Schema(name = "ConsentDecision", description = "One recorded consent decision: which, given or withdrawn, when, from where")
    public record ConsentRecord(String consent, boolean granted, Instant at, String source, String wording, String address) {
    }

    /** The consents in force and how they came to be, oldest first. */
    @Schema(name = "MemberConsents", description = "The consents in force and every decision that led to them, oldest first")
    public record Consents(boolean personalData, boolean marketingEmail, boolean marketingSms, boolean partnerOffersEmail,
                           boolean partnerOffersSms, List<ConsentRecord> history) {
    }

    /** A change asked for: null leaves that consent as it is. Personal-data consent is not changed here. */
    public record ConsentChange(Boolean marketingEmail, Boolean marketingSms, Boolean partnerOffersEmail, Boolean partnerOffersSms) {
    }

    /** The settings of the profile page in one go. */
    public record Settings(String language, String preferredChannel, ConsentChange consents) {
    }

    @Inject
    Clock clock;

    public Consents consents(long memberId) {
        List<Consent> all = Consent.list("memberId = ?1 order by recordedAt, id", memberId);
        Map<Consent.Kind, Boolean> latest = new EnumMap<>(Consent.Kind.class);
        List<ConsentRecord> history = new ArrayList<>();
        for (Consent c : all) {
            latest.put(c.kind, c.granted);
            history.add(new ConsentRecord(c.kind.apiName, c.granted, c.recordedAt, c.source, c.wordingVersion, c.clientAddress));
        }
        return new Consents(latest.getOrDefault(Consent.Kind.PERSONAL_DATA, false),
                latest.getOrDefault(Consent.Kind.MARKETING_EMAIL, false), latest.getOrDefault(Consent.Kind.MARKETING_SMS, false),
                latest.getOrDefault(Consent.Kind.PARTNER_OFFERS_EMAIL, false), latest.getOrDefault(Consent.Kind.PARTNER_OFFERS_SMS, false),
                history);
    }

    /** Appends a row for each consent whose asked value differs from the one in force; returns the new state. */
    public Consents changeConsents(long memberId, ConsentChange change, String source, String clientAddress, Locale locale) {
        Member m = lock(memberId);
        checkConsents(m, change, Texts.of(locale));
        appendChanges(m, change, source, clientAddress);
        return consents(memberId);
    }

    /** Language, channel and consents from the profile page, checked together and saved together. */
    public void save(long memberId, Settings s, String source, String clientAddress, Locale locale) {
        Texts texts = Texts.of(locale);
        Member m = lock(memberId);
        List<FieldError> errors = new ArrayList<>();
        if (!"ru".equals(s.language()) && !"en".equals(s.language())) {
            errors.add(new FieldError("language", texts.problem("coalition.field.choice")));
        }
        if (!"email".equals(s.preferredChannel()) && !"sms".equals(s.preferredChannel())) {
            errors.add(new FieldError("preferredChannel", texts.problem("coalition.field.choice")));
        } else if ("email".equals(s.preferredChannel()) && m.email == null) {
            errors.add(new FieldError("preferredChannel", texts.problem("coalition.field.email-for-channel-profile")));
        }
        errors.addAll(consentErrors(m, s.consents(), texts));
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, errors);
        }
        m.language = s.language();
        m.preferredChannel = s.preferredChannel();
        appendChanges(m, s.consents(), source, clientAddress);
    }

    private void checkConsents(Member m, ConsentChange change, Texts texts) {
        List<FieldError> errors = consentErrors(m, change, texts);
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, errors);
        }
    }

    private static List<FieldError> consentErrors(Member m, ConsentChange change, Texts texts) {
        List<FieldError> errors = new ArrayList<>();
        if (m.email == null && Boolean.TRUE.equals(change.marketingEmail())) {
            errors.add(new FieldError("marketingEmail", texts.problem("coalition.field.email-for-consent")));
        }
        if (m.email == null && Boolean.TRUE.equals(change.partnerOffersEmail())) {
            errors.add(new FieldError("partnerOffersEmail", texts.problem("coalition.field.email-for-consent")));
        }
        return errors;
    }

    private void appendChanges(Member m, ConsentChange change, String source, String clientAddress) {
        Consents now = consents(m.id);
        Instant at = clock.instant();
        append(m, Consent.Kind.MARKETING_EMAIL, now.marketingEmail(), change.marketingEmail(), at, source, clientAddress);
        append(m, Consent.Kind.MARKETING_SMS, now.marketingSms(), change.marketingSms(), at, source, clientAddress);
        append(m, Consent.Kind.PARTNER_OFFERS_EMAIL, now.partnerOffersEmail(), change.partnerOffersEmail(), at, source, clientAddress);
        append(m, Consent.Kind.PARTNER_OFFERS_SMS, now.partnerOffersSms(), change.partnerOffersSms(), at, source, clientAddress);
    }

    private static void append(Member m, Consent.Kind kind, boolean inForce, Boolean asked, Instant at, String source, String clientAddress) {
        if (asked == null || asked == inForce) {
            return;
        }
        record(m.id, kind, asked, at, source, clientAddress);
    }

    /** Appends one decision (also used when an account is deleted: every consent in force is withdrawn). */
    static void record(long memberId, Consent.Kind kind, boolean granted, Instant at, String source, String clientAddress) {
        Consent c = new Consent();
        c.memberId = memberId;
        c.kind = kind;
        c.granted = granted;
        c.wordingVersion = Consent.WORDING_VERSION;
        c.recordedAt = at;
        c.source = source;
        c.clientAddress = clientAddress == null || clientAddress.length() <= 64 ? clientAddress : clientAddress.substring(0, 64);
        c.persist();
    }

    private static Member lock(long memberId) {
        Member m = Member.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || !Member.ACTIVE.equals(m.status)) {
            throw new ProblemException(ErrorCode.MEMBER_NOT_FOUND);
        }
        return m;
    }
}
