package ru.coalition.members;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.jboss.logging.Logger;
import ru.coalition.identity.KeycloakUsers;
import ru.coalition.messaging.Outbox;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Hashes;
import ru.coalition.platform.Messages;
import ru.coalition.platform.Problem.FieldError;
import ru.coalition.platform.ProblemException;
import ru.coalition.platform.RateLimiter;
import ru.coalition.platform.Texts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A member changes their phone or e-mail: a 6-digit code goes to the NEW address (SMS for a phone, e-mail for an
 * e-mail) and the change happens only when the member types it back. Until then the old address stays in force.
 * A code works once, for a while (coalition.profile.code-ttl), and for a few wrong tries; only its salted hash is
 * stored. The member's Keycloak user changes in step (username = phone digits, e-mail), so they sign in with the new
 * address; a Keycloak failure leaves the member row as it was.
 */
@ApplicationScoped
public class ContactChanges {

    static final Pattern PHONE = Pattern.compile("^\\+[1-9][0-9]{9,14}$");
    // the questionnaire's @Email accepts this shape; stricter checks belong to the mailbox itself (the code)
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s.]+(\\.[^@\\s.]+)+$");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(ContactChanges.class);

    /** A change waiting for its code. */
    public record Pending(ContactChange.Channel channel, String newValue, Instant expiresAt) {
    }

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
    TransactionSynchronizationRegistry transactions;

    @Inject
    @Location("members/contact-code-email.html")
    Template codeEmail;

    /** The member's open changes whose codes still work. */
    public List<Pending> open(long memberId) {
        Instant now = clock.instant();
        return ContactChange.<ContactChange>list("memberId = ?1 and status = ?2 and expiresAt > ?3 order by channel",
                memberId, ContactChange.Status.OPEN, now).stream().map(c -> new Pending(c.channel, c.newValue, c.expiresAt)).toList();
    }

    /**
     * Sends a code to the new address. The field is "phone" or "email" in errors; a phone is normalised as typed on a
     * phone ("8 910 …"). A second request for the same channel replaces the first code.
     */
    public Pending request(long memberId, ContactChange.Channel channel, String raw, Locale locale) {
        Texts texts = Texts.of(locale);
        String field = field(channel);
        String value = normalise(channel, raw);
        if (value == null) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new FieldError(field, texts.problem("coalition.field.required"))));
        }
        if (!(channel == ContactChange.Channel.PHONE ? PHONE : EMAIL).matcher(value).matches() || value.length() > 254) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new FieldError(field,
                    texts.problem(channel == ContactChange.Channel.PHONE ? "coalition.field.phone" : "coalition.field.email"))));
        }
        RateLimiter.Hit hit = rateLimiter.hit("contact-send:" + memberId, config.profile().codesPerHour(), Duration.ofHours(1));
        if (!hit.allowed()) {
            throw new ProblemException(ErrorCode.CONTACT_THROTTLED, minutes(hit)).retryAfter(hit.retryAfterSeconds());
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Member m = activeMember(memberId);
            if (value.equalsIgnoreCase(current(m, channel))) {
                throw new ProblemException(ErrorCode.CONTACT_UNCHANGED, List.of(new FieldError(field, texts.problemTitle(ErrorCode.CONTACT_UNCHANGED))));
            }
            refuseTaken(memberId, channel, value, texts);
            Instant now = clock.instant();
            ContactChange.update("status = ?1, closedAt = ?2 where memberId = ?3 and channel = ?4 and status = ?5",
                    ContactChange.Status.CANCELLED, now, memberId, channel, ContactChange.Status.OPEN);
            ContactChange.flush();
            String code = String.format("%06d", RANDOM.nextInt(1_000_000));
            ContactChange c = new ContactChange();
            c.memberId = memberId;
            c.channel = channel;
            c.newValue = value;
            byte[] salt = new byte[16];
            RANDOM.nextBytes(salt);
            c.codeSalt = HexFormat.of().formatHex(salt);
            c.codeHash = hash(c.codeSalt, code);
            c.createdAt = now;
            c.expiresAt = now.plus(config.profile().codeTtl());
            c.persist();
            send(m, c, code, locale);
            return new Pending(channel, value, c.expiresAt);
        });
    }

    /** Withdraws an open change: the code sent stops working. */
    public void cancel(long memberId, ContactChange.Channel channel) {
        QuarkusTransaction.requiringNew().run(() -> ContactChange.update("status = ?1, closedAt = ?2 where memberId = ?3 and channel = ?4 and status = ?5",
                ContactChange.Status.CANCELLED, clock.instant(), memberId, channel, ContactChange.Status.OPEN));
    }

    /** What checking a code found; a wrong code's attempt is kept even though the request fails. */
    private enum Outcome { CONFIRMED, WRONG, EXHAUSTED, NONE }

    private record Checked(Outcome outcome, int attemptsLeft, ContactChange change, String oldUsername, String oldEmail) {
    }

    /**
     * Checks the code and, when it matches, makes the new address the member's, in our database and in Keycloak; returns it.
     * Wrong: 422 contact.code-wrong with the attempts left (the last wrong one closes the change); expired, used, or no
     * change: 422 contact.code-expired; too many tries for the member: 429; taken meanwhile by someone else: 409.
     */
    public String confirm(long memberId, ContactChange.Channel channel, String rawCode, Locale locale) {
        Texts texts = Texts.of(locale);
        String field = field(channel) + "Code";
        String code = rawCode == null ? "" : rawCode.replaceAll("[\\s-]", "");
        if (!code.matches("\\d{6}")) {
            throw new ProblemException(ErrorCode.VALIDATION, List.of(new FieldError(field, texts.problem("coalition.field.code"))));
        }
        RateLimiter.Hit hit = rateLimiter.hit("contact-code:" + memberId, 2 * config.profile().codeAttempts(), config.profile().codeWindow());
        if (!hit.allowed()) {
            throw new ProblemException(ErrorCode.CONTACT_THROTTLED, minutes(hit)).retryAfter(hit.retryAfterSeconds());
        }
        Checked checked;
        try {
            checked = QuarkusTransaction.requiringNew().call(() -> check(memberId, channel, code, texts));
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                throw taken(channel, texts);
            }
            throw e;
        }
        switch (checked.outcome()) {
            case WRONG -> throw new ProblemException(ErrorCode.CONTACT_CODE_WRONG,
                    List.of(new FieldError(field, texts.problemTitle(ErrorCode.CONTACT_CODE_WRONG))), checked.attemptsLeft());
            case EXHAUSTED, NONE -> throw new ProblemException(ErrorCode.CONTACT_CODE_EXPIRED,
                    List.of(new FieldError(field, texts.problemTitle(ErrorCode.CONTACT_CODE_EXPIRED))));
            default -> {
                return checked.change().newValue;
            }
        }
    }

    private Checked check(long memberId, ContactChange.Channel channel, String code, Texts texts) {
        Instant now = clock.instant();
        Member m = Member.findById(memberId, LockModeType.PESSIMISTIC_WRITE);
        if (m == null || !Member.ACTIVE.equals(m.status)) {
            throw new ProblemException(ErrorCode.MEMBER_NOT_FOUND);
        }
        Optional<ContactChange> open = ContactChange.find("memberId = ?1 and channel = ?2 and status = ?3",
                memberId, channel, ContactChange.Status.OPEN).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        if (open.isEmpty()) {
            return new Checked(Outcome.NONE, 0, null, null, null);
        }
        ContactChange c = open.get();
        if (!c.expiresAt.isAfter(now)) {
            close(c, ContactChange.Status.FAILED, now);
            return new Checked(Outcome.NONE, 0, c, null, null);
        }
        if (!MessageDigest.isEqual(hash(c.codeSalt, code).getBytes(StandardCharsets.US_ASCII), c.codeHash.getBytes(StandardCharsets.US_ASCII))) {
            c.attempts++;
            int left = config.profile().codeAttempts() - c.attempts;
            if (left <= 0) {
                close(c, ContactChange.Status.FAILED, now);
                return new Checked(Outcome.EXHAUSTED, 0, c, null, null);
            }
            return new Checked(Outcome.WRONG, left, c, null, null);
        }
        refuseTaken(memberId, channel, c.newValue, texts);
        String oldUsername = m.phone.substring(1);
        String oldEmail = m.email;
        if (channel == ContactChange.Channel.PHONE) {
            m.phone = c.newValue;
        } else {
            m.email = c.newValue;
        }
        close(c, ContactChange.Status.CONFIRMED, now);
        // the unique indexes speak now, before Keycloak is touched
        Member.flush();
        // a failed commit (or a failure below) puts Keycloak back, since the member row stays as it was
        undoOnRollback(m.keycloakId, oldUsername, oldEmail);
        keycloakUsers.changeLogin(m.keycloakId, m.phone.substring(1), m.email);
        return new Checked(Outcome.CONFIRMED, 0, c, oldUsername, oldEmail);
    }

    private void undoOnRollback(String keycloakId, String oldUsername, String oldEmail) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    try {
                        keycloakUsers.changeLogin(keycloakId, oldUsername, oldEmail);
                    } catch (RuntimeException e) {
                        LOG.errorf(e, "Keycloak user %s may keep a login its member row does not have", keycloakId);
                    }
                }
            }
        });
    }

    private static void close(ContactChange c, ContactChange.Status status, Instant now) {
        c.status = status;
        c.closedAt = now;
    }

    private void refuseTaken(long memberId, ContactChange.Channel channel, String value, Texts texts) {
        long others = channel == ContactChange.Channel.PHONE
                ? Member.count("phone = ?1 and id <> ?2", value, memberId)
                : Member.count("lower(email) = ?1 and id <> ?2", value.toLowerCase(Locale.ROOT), memberId);
        if (others > 0) {
            throw taken(channel, texts);
        }
    }

    private static ProblemException taken(ContactChange.Channel channel, Texts texts) {
        return new ProblemException(ErrorCode.CONTACT_TAKEN, List.of(new FieldError(field(channel),
                texts.problem(channel == ContactChange.Channel.PHONE ? "coalition.field.phone-used" : "coalition.field.email-used"))));
    }

    private void send(Member m, ContactChange c, String code, Locale locale) {
        var cabinet = Messages.cabinet(locale);
        String minutes = Long.toString(config.profile().codeTtl().toMinutes());
        if (c.channel == ContactChange.Channel.PHONE) {
            outbox.sms("member.contact-code", c.newValue, cabinet.smsContactCode(code, minutes), m.id, true);
        } else {
            String html = codeEmail.instance().setLocale(locale).data("language", locale.getLanguage()).data("name", m.firstName)
                    .data("code", code).data("minutes", minutes).render();
            outbox.email("member.contact-code", c.newValue, cabinet.mailContactCodeSubject(), html, m.id, true);
        }
    }

    private static Member activeMember(long memberId) {
        Member m = Member.findById(memberId);
        if (m == null || !Member.ACTIVE.equals(m.status)) {
            throw new ProblemException(ErrorCode.MEMBER_NOT_FOUND);
        }
        return m;
    }

    private static String current(Member m, ContactChange.Channel channel) {
        return channel == ContactChange.Channel.PHONE ? m.phone : m.email;
    }

    static String field(ContactChange.Channel channel) {
        return channel == ContactChange.Channel.PHONE ? "phone" : "email";
    }

    private static String normalise(ContactChange.Channel channel, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        return channel == ContactChange.Channel.PHONE ? MemberService.normalisePhone(raw.trim()) : raw.trim().toLowerCase(Locale.ROOT);
    }

    static String hash(String salt, String code) {
        return Hashes.sha256(salt + ":" + code);
    }

    private static long minutes(RateLimiter.Hit hit) {
        return Math.max(1, (hit.retryAfterSeconds() + 59) / 60);
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())
                    || t instanceof org.hibernate.JDBCException jdbc && "23505".equals(jdbc.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
