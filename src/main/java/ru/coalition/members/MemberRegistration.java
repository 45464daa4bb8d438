package ru.coalition.members;

import ru.coalition.platform.Messages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import ru.coalition.identity.KeycloakUsers;
import ru.coalition.messaging.Outbox;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Problem.FieldError;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RateLimiter;
import ru.coalition.platform.Texts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Registration from the questionnaire: checks, the Keycloak user with a temporary password, the member row with
 * consents, and the password message in the outbox. Either all of it happens or none: a failure after the
 * Keycloak user exists deletes that user again.
 */
@ApplicationScoped
public class MemberRegistration {

    static final int MIN_AGE = 14;
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    CoalitionConfig config;

    @Inject
    KeycloakUsers keycloakUsers;

    @Inject
    Outbox outbox;

    @Inject
    RateLimiter rateLimiter;

    @Inject
    Clock clock;

    @Inject
    @Location("members/password-email.html")
    Template passwordEmail;




    public Member register(RegistrationRequest r, String clientAddress, Locale locale, String source) {
        RateLimiter.Hit hit = rateLimiter.hit("register:" + clientAddress, config.registration().limit(), config.registration().window());
        if (!hit.allowed()) {
            throw new ProblemException(ErrorCode.REGISTRATION_THROTTLED).retryAfter(hit.retryAfterSeconds());
        }
        String phone = r.phone().trim();
        String email = r.email() == null || r.email().isBlank() ? null : r.email().trim().toLowerCase(Locale.ROOT);
        Texts texts = Texts.of(locale);
        Long referrerId = checkQuestionnaire(r, email, texts);
        checkNotRegistered(phone, email, texts);

        String password = KeycloakUsers.newTemporaryPassword();
        String username = phone.substring(1);
        String keycloakId = keycloakUsers.createMember(new KeycloakUsers.NewUser(username, email, r.firstName().trim(), r.lastName().trim()), password);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                Member m = newMember(r, phone, email, keycloakId, referrerId, locale);
                m.persist();
                recordConsents(m, r.consents(), email != null, clientAddress, source);
                sendPassword(m, username, password, texts);
                return m;
            });
        } catch (RuntimeException e) {
            keycloakUsers.delete(keycloakId);
            if (e instanceof PersistenceException || e.getCause() instanceof PersistenceException) {
                throw new ProblemException(ErrorCode.MEMBER_DUPLICATE);
            }
            throw e;
        }
    }

    /** Cross-field rules the annotations cannot express; returns the referrer's id when a code was given. */
    private Long checkQuestionnaire(RegistrationRequest r, String email, Texts texts) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneId.of(config.operatorZone()));
        if (r.birthDate().isAfter(today)) {
            errors.add(new FieldError("birthDate", texts.problem("coalition.field.birth-future")));
        } else if (Period.between(r.birthDate(), today).getYears() < MIN_AGE) {
            errors.add(new FieldError("birthDate", texts.problem("coalition.field.too-young", MIN_AGE)));
        } else if (Period.between(r.birthDate(), today).getYears() > 120) {
            errors.add(new FieldError("birthDate", texts.problem("coalition.field.birth-past")));
        }
        if ("email".equals(r.preferredChannel()) && email == null) {
            errors.add(new FieldError("email", texts.problem("coalition.field.email-for-channel")));
        }
        if (Boolean.TRUE.equals(r.consents().marketingEmail()) && email == null) {
            errors.add(new FieldError("consents.marketingEmail", texts.problem("coalition.field.email-for-consent")));
        }
        Long referrerId = null;
        if (r.referralCode() != null && !r.referralCode().isBlank()) {
            Member referrer = Member.find("referralCode", r.referralCode().trim().toUpperCase(Locale.ROOT)).firstResult();
            if (referrer == null) {
                errors.add(new FieldError("referralCode", texts.problem("coalition.field.referral-unknown")));
            } else {
                referrerId = referrer.id;
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ErrorCode.VALIDATION, errors);
        }
        return referrerId;
    }

    private void checkNotRegistered(String phone, String email, Texts texts) {
        List<FieldError> taken = new ArrayList<>();
        if (Member.count("phone", phone) > 0) {
            taken.add(new FieldError("phone", texts.problem("coalition.field.phone-taken")));
        }
        if (email != null && Member.count("lower(email) = ?1", email) > 0) {
            taken.add(new FieldError("email", texts.problem("coalition.field.email-taken")));
        }
        if (!taken.isEmpty()) {
            throw new ProblemException(ErrorCode.MEMBER_DUPLICATE, taken);
        }
    }

    private Member newMember(RegistrationRequest r, String phone, String email, String keycloakId, Long referrerId, Locale locale) {
        Member m = new Member();
        m.publicId = UUID.randomUUID();
        m.cardNumber = unusedCardNumber();
        m.keycloakId = keycloakId;
        m.lastName = r.lastName().trim();
        m.firstName = r.firstName().trim();
        m.middleName = r.middleName() == null || r.middleName().isBlank() ? null : r.middleName().trim();
        m.phone = phone;
        m.email = email;
        m.birthDate = r.birthDate();
        m.gender = r.gender();
        m.city = r.city().trim();
        m.socialStatus = r.socialStatus();
        m.incomeBracket = r.incomeBracket();
        m.preferredChannel = r.preferredChannel();
        m.referralCode = unusedReferralCode();
        m.referredBy = referrerId;
        m.language = "en".equals(locale.getLanguage()) ? "en" : "ru";
        m.registeredAt = clock.instant();
        return m;
    }

    private void recordConsents(Member m, RegistrationRequest.Consents c, boolean hasEmail, String clientAddress, String source) {
        record(m, Consent.Kind.PERSONAL_DATA, true, clientAddress, source);
        record(m, Consent.Kind.MARKETING_EMAIL, hasEmail && Boolean.TRUE.equals(c.marketingEmail()), clientAddress, source);
        record(m, Consent.Kind.MARKETING_SMS, Boolean.TRUE.equals(c.marketingSms()), clientAddress, source);
    }

    private void record(Member m, Consent.Kind kind, boolean granted, String clientAddress, String source) {
        MemberSettings.record(m.id, kind, granted, m.registeredAt, source, clientAddress);
    }

    private void sendPassword(Member m, String username, String password, Texts texts) {
        if ("sms".equals(m.preferredChannel)) {
            outbox.sms("member.password", m.phone, Messages.of(texts.locale()).smsPassword(username, password), m.id, true);
        } else {
            String html = passwordEmail.instance().setLocale(texts.locale()).data("language", texts.lang()).data("member", m).data("username", username)
                    .data("password", password).data("loginUrl", config.publicUrl() + "/cabinet").render();
            outbox.email("member.password", m.email, Messages.of(texts.locale()).mailPasswordSubject(), html, m.id, true);
        }
    }

    private static String unusedCardNumber() {
        String n;
        do {
            n = CardNumbers.next();
        } while (Member.count("cardNumber", n) > 0);
        return n;
    }

    private static String unusedReferralCode() {
        String code;
        do {
            StringBuilder sb = new StringBuilder(8);
            for (int i = 0; i < 8; i++) {
                sb.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
            }
            code = sb.toString();
        } while (Member.count("referralCode", code) > 0);
        return code;
    }
}
