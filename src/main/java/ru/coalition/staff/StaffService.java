package ru.coalition.staff;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import ru.coalition.audit.AuditLog;
import ru.coalition.identity.KeycloakUsers;
import ru.coalition.identity.RevokedSessions;
import ru.coalition.identity.Roles;
import ru.coalition.messaging.Outbox;
import ru.coalition.partners.Partner;
import ru.coalition.platform.CoalitionConfig;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.Hashes;
import ru.coalition.platform.Messages;
import ru.coalition.platform.ProblemException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Colleagues invited by e-mail and removed again. A partner admin manages the cashiers and admins of their own partner;
 * an operator admin manages operator staff and partner admins. An invitation creates the Keycloak user (the role, and
 * for partner staff the partner attribute that becomes the token's claim) with no password; the e-mailed link lets the
 * person choose one. Removing someone deletes the user, ends their Keycloak sessions and revokes their page sessions.
 */
@ApplicationScoped
@Transactional
public class StaffService {

    /** The roles a partner admin may give, and those an operator admin may give. */
    public static final List<String> PARTNER_ROLES = List.of(Roles.PARTNER_CASHIER, Roles.PARTNER_ADMIN);
    public static final List<String> OPERATOR_ROLES = List.of(Roles.SUPPORT_AGENT, Roles.SUPPORT_SUPERVISOR,
            Roles.MAILING_MANAGER, Roles.OPERATOR_ADMIN, Roles.PARTNER_ADMIN);
    static final Duration VALID = Duration.ofDays(7);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A colleague as listed: invited (no password yet) or active. */
    public record Colleague(String id, String name, String email, String role, String partner, boolean invited,
                            Instant invitedAt) {
    }

    public record Invite(String email, String firstName, String lastName, String role) {
    }

    @Inject
    KeycloakUsers users;

    @Inject
    RevokedSessions revoked;

    @Inject
    Outbox outbox;

    @Inject
    AuditLog audit;

    @Inject
    CoalitionConfig config;

    @Inject
    Clock clock;

    @Inject
    @Location("staff/invite-email.html")
    Template inviteEmail;

    /** Invites a colleague to a partner (partner != null) or to the operator; returns the new user's id. */
    public String invite(Partner partner, Invite invite, String invitedBy, Locale language) {
        String email = invite.email().trim().toLowerCase(Locale.ROOT);
        String id = users.createStaff(email, invite.firstName().trim(), invite.lastName().trim(),
                partner == null ? null : partner.slug, invite.role());
        String token = newToken();
        StaffInvitation i = new StaffInvitation();
        i.tokenHash = Hashes.sha256(token);
        i.keycloakId = id;
        i.partnerId = partner == null ? null : partner.id;
        i.role = invite.role();
        i.email = email;
        i.invitedBy = invitedBy;
        i.createdAt = clock.instant();
        i.expiresAt = i.createdAt.plus(VALID);
        i.persist();
        var msg = Messages.of(language);
        String link = config.publicUrl() + "/invite/" + token;
        outbox.email("staff-invite", email, msg.mailInviteSubject(partner == null ? msg.appName() : partner.name),
                inviteEmail.instance().setLocale(language).data("language", language.getLanguage())
                        .data("firstName", invite.firstName().trim()).data("place", partner == null ? msg.appName() : partner.name)
                        .data("roleName", msg.roleLabel(invite.role())).data("link", link).data("invitedBy", invitedBy)
                        .data("until", i.expiresAt.atZone(ru.coalition.platform.Formats.DEFAULT_ZONE).toLocalDate()).render(),
                null, true);
        audit.record("staff.invite", partner == null ? null : partner.id, "user", email, Map.of("role", invite.role()));
        return id;
    }

    /** The invitation a link names, while it still works. */
    public Optional<StaffInvitation> openInvitation(String token) {
        if (token == null || token.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return StaffInvitation.<StaffInvitation>find("tokenHash", Hashes.sha256(token)).firstResultOptional()
                .filter(i -> i.usedAt == null && i.expiresAt.isAfter(now));
    }

    /** Sets the password the invited person chose and spends the invitation; returns it for the role's landing. */
    public StaffInvitation accept(String token, String password) {
        StaffInvitation i = openInvitation(token).orElseThrow(() -> new ProblemException(ErrorCode.INVITATION_INVALID));
        users.setPassword(i.keycloakId, password, false);
        i.usedAt = clock.instant();
        return i;
    }

    /** The partner's colleagues, people with a pending invitation marked, by name. */
    public List<Colleague> ofPartner(Partner partner) {
        Set<String> pending = pendingIds(partner.id);
        return users.staffOfPartner(partner.slug).stream()
                .map(u -> colleague(u, PARTNER_ROLES, pending)).sorted(Comparator.comparing(Colleague::name)).toList();
    }

    /** The operator's staff and every partner admin. */
    public List<Colleague> ofOperator() {
        Set<String> pending = pendingIds(null);
        return users.withRoles(OPERATOR_ROLES).stream()
                .map(u -> colleague(u, OPERATOR_ROLES, pending)).sorted(Comparator.comparing(Colleague::role)
                        .thenComparing(Colleague::name)).toList();
    }

    /**
     * Removes a colleague: only one of the partner's own (partner != null) or, for the operator, one holding an
     * operator role or partner admin; never oneself.
     */
    public void remove(Partner partner, String userId, String actorSubject) {
        KeycloakUsers.StaffUser u = users.staffUser(userId).orElseThrow(() -> new ProblemException(ErrorCode.STAFF_NOT_FOUND));
        boolean mine = partner != null ? partner.slug.equals(u.partner()) && !u.username().startsWith("service-account-")
                : u.roles().stream().anyMatch(OPERATOR_ROLES::contains);
        if (!mine) {
            throw new ProblemException(ErrorCode.STAFF_NOT_FOUND);
        }
        if (userId.equals(actorSubject)) {
            throw new ProblemException(ErrorCode.STAFF_SELF);
        }
        revoked.revoke(userId, "staff-removed");
        StaffInvitation.update("expiresAt = ?1 where keycloakId = ?2 and usedAt is null", clock.instant(), userId);
        audit.record("staff.remove", partner == null ? null : partner.id, "user", u.email() != null ? u.email() : u.username(),
                Map.of("role", mainRole(u.roles(), partner == null ? OPERATOR_ROLES : PARTNER_ROLES)));
        users.removeStaff(userId);
    }

    private Set<String> pendingIds(Long partnerId) {
        Instant now = clock.instant();
        List<StaffInvitation> open = partnerId == null
                ? StaffInvitation.list("partnerId is null and usedAt is null and expiresAt > ?1", now)
                : StaffInvitation.list("partnerId = ?1 and usedAt is null and expiresAt > ?2", partnerId, now);
        return open.stream().map(i -> i.keycloakId).collect(java.util.stream.Collectors.toSet());
    }

    private static Colleague colleague(KeycloakUsers.StaffUser u, List<String> roles, Set<String> pending) {
        String name = ((u.firstName() == null ? "" : u.firstName()) + " " + (u.lastName() == null ? "" : u.lastName())).trim();
        return new Colleague(u.id(), name.isEmpty() ? u.username() : name, u.email(), mainRole(u.roles(), roles), u.partner(),
                pending.contains(u.id()), null);
    }

    /** The weightiest of the roles shown on this list (an admin who also tills is an admin). */
    static String mainRole(Set<String> held, List<String> shown) {
        for (int i = shown.size() - 1; i >= 0; i--) {
            if (held.contains(shown.get(i))) {
                return shown.get(i);
            }
        }
        return held.stream().findFirst().orElse("");
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
