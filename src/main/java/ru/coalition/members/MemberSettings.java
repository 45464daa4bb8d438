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
                           boolean partnerOffersSms, boolean serviceEmail, boolean serviceSms, List<ConsentRecord> history) {

        /** The consent in force of this kind. */
        public boolean of(Consent.Kind kind) {
            return switch (kind) {
                case PERSONAL_DATA -> personalData;
                case MARKETING_EMAIL -> marketingEmail;
                case MARKETING_SMS -> marketingSms;
                case PARTNER_OFFERS_EMAIL -> partnerOffersEmail;
                case PARTNER_OFFERS_SMS -> partnerOffersSms;
                case SERVICE_EMAIL -> serviceEmail;
                case SERVICE_SMS -> serviceSms;
            };
        }
    }

    /** A change asked for: null leaves that consent as it is. Personal-data consent is not changed here. */
    public record ConsentChange(Boolean marketingEmail, Boolean marketingSms, Boolean partnerOffersEmail, Boolean partnerOffersSms,
                                Boolean serviceEmail, Boolean serviceSms) {

        /** The asked value of this kind, null when it is not asked for. */
        public Boolean of(Consent.Kind kind) {
            return switch (kind) {
                case PERSONAL_DATA -> null;
                case MARKETING_EMAIL -> marketingEmail;
                case MARKETING_SMS -> marketingSms;
                case PARTNER_OFFERS_EMAIL -> partnerOffersEmail;
                case PARTNER_OFFERS_SMS -> partnerOffersSms;
                case SERVICE_EMAIL -> serviceEmail;
                case SERVICE_SMS -> serviceSms;
            };
        }
    }

    /** The settings of the profile page in one go. */
    public record Settings(String language, String preferredChannel, ConsentChange consents) {
    }

    @Inject
    Clock clock;

    /** The state in force (consent_state, as the mailings read it) and the whole history, oldest first. */
    public Consents consents(long memberId) {
        Map<Consent.Kind, Boolean> state = state(memberId);
        List<ConsentRecord> history = new ArrayList<>();
        for (Consent c : Consent.<Consent>list("memberId = ?1 order by recordedAt, id", memberId)) {
            history.add(new ConsentRecord(c.kind.apiName, c.granted, c.recordedAt, c.source, c.wordingVersion, c.clientAddress));
        }
        return new Consents(state.get(Consent.Kind.PERSONAL_DATA), state.get(Consent.Kind.MARKETING_EMAIL),
                state.get(Consent.Kind.MARKETING_SMS), state.get(Consent.Kind.PARTNER_OFFERS_EMAIL),
                state.get(Consent.Kind.PARTNER_OFFERS_SMS), state.get(Consent.Kind.SERVICE_EMAIL),
                state.get(Consent.Kind.SERVICE_SMS), history);
    }

    /** Every kind's consent in force: the member's latest decision, or the kind's default while there is none. */
    public static Map<Consent.Kind, Boolean> state(long memberId) {
        Map<Consent.Kind, Boolean> out = new EnumMap<>(Consent.Kind.class);
        for (Consent.Kind k : Consent.Kind.values()) {
            out.put(k, k.grantedByDefault);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Consent.getEntityManager()
                .createNativeQuery("select kind, granted from consent_state where member_id = :m")
                .setParameter("m", memberId).getResultList();
        for (Object[] r : rows) {
            out.put(Consent.Kind.valueOf((String) r[0]), (Boolean) r[1]);
        }
        return out;
    }

    /**
     * Withdraws these consents where they are in force (an unsubscribe, an SMS STOP): one history row each, with its
     * source and address; returns the kinds withdrawn just now. A deleted or unknown member changes nothing.
     */
    public List<Consent.Kind> withdraw(long memberId, java.util.Collection<Consent.Kind> kinds, String source, String clientAddress) {
        Member m = Member.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        List<Consent.Kind> out = new ArrayList<>();
        if (m == null || !Member.ACTIVE.equals(m.status)) {
            return out;
        }
        Map<Consent.Kind, Boolean> now = state(memberId);
        Instant at = clock.instant();
        for (Consent.Kind k : kinds) {
            if (k != Consent.Kind.PERSONAL_DATA && now.get(k)) {
                record(memberId, k, false, at, source, clientAddress);
                out.add(k);
            }
        }
        return out;
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
        // serviceEmail is given by default, so a member without an e-mail keeps it given: nothing can be sent anyway
        return errors;
    }

    private void appendChanges(Member m, ConsentChange change, String source, String clientAddress) {
        Map<Consent.Kind, Boolean> now = state(m.id);
        Instant at = clock.instant();
        for (Consent.Kind k : Consent.Kind.values()) {
            append(m, k, now.get(k), change.of(k), at, source, clientAddress);
        }
    }

    private static void append(Member m, Consent.Kind kind, boolean inForce, Boolean asked, Instant at, String source, String clientAddress) {
        if (asked == null || asked == inForce) {
            return;
        }
        record(m.id, kind, asked, at, source, clientAddress);
    }

    /**
     * Appends one decision (registration, profile, API, account deletion, unsubscribe, SMS STOP). The insert's trigger
     * (V27) moves consent_state in the same transaction, so the next read, a mailing's included, sees the decision.
     */
    static void record(long memberId, Consent.Kind kind, boolean granted, Instant at, String source, String clientAddress) {
        Consent c = new Consent();
        c.memberId = memberId;
        c.kind = kind;
        c.granted = granted;
        c.wordingVersion = Consent.WORDING_VERSION;
        c.recordedAt = at;
        c.source = source;
        c.clientAddress = clientAddress == null || clientAddress.length() <= 64 ? clientAddress : clientAddress.substring(0, 64);
        c.source = source == null || source.length() <= 60 ? source : source.substring(0, 60);
        c.persist();
        // an IDENTITY id inserts at once; the flush makes it explicit for whoever reads consent_state next
        Consent.flush();
        if (!granted) {
            io.quarkus.arc.Arc.container().beanManager().getEvent().select(ConsentWithdrawn.class)
                    .fire(new ConsentWithdrawn(memberId, kind.apiName, at, c.source));
        }
    }

    private static Member lock(long memberId) {
        Member m = Member.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || !Member.ACTIVE.equals(m.status)) {
            throw new ProblemException(ErrorCode.MEMBER_NOT_FOUND);
        }
        return m;
    }
}
