package ru.coalition.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.keycloak.admin.client.CreatedResponseUtil;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.resource.RealmResource;
import org.keycloak.admin.client.resource.UserResource;
import org.keycloak.representations.idm.CredentialRepresentation;
import org.keycloak.representations.idm.RoleRepresentation;
import org.keycloak.representations.idm.UserRepresentation;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

import java.security.SecureRandom;
import java.util.List;

/** Member accounts in Keycloak, through its admin API (service account coalition-app). */
@ApplicationScoped
public class KeycloakUsers {

    private static final Logger LOG = Logger.getLogger(KeycloakUsers.class);
    private static final String REALM = "coalition";
    // no look-alike characters: the password is read off a phone screen and typed by hand
    private static final char[] PASSWORD_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    public record NewUser(String username, String email, String firstName, String lastName) {
    }

    @Inject
    Keycloak keycloak;

    /** Creates an enabled member user whose password must be changed at first login; returns its id. */
    public String createMember(NewUser user, String temporaryPassword) {
        try {
            return create(user, temporaryPassword);
        } catch (WebApplicationException | ProcessingException e) {
            // Keycloak's own refusal or outage is not the caller's fault: never pass its status through
            LOG.errorf(e, "Keycloak admin API failed while creating %s", user.username());
            throw new ProblemException(ErrorCode.IDENTITY_UNAVAILABLE);
        }
    }

    private String create(NewUser user, String temporaryPassword) {
        UserRepresentation u = new UserRepresentation();
        u.setUsername(user.username());
        u.setEmail(user.email());
        u.setFirstName(user.firstName());
        u.setLastName(user.lastName());
        u.setEnabled(true);
        u.setEmailVerified(false);
        CredentialRepresentation password = new CredentialRepresentation();
        password.setType(CredentialRepresentation.PASSWORD);
        password.setValue(temporaryPassword);
        password.setTemporary(true);
        u.setCredentials(List.of(password));
        RealmResource realm = keycloak.realm(REALM);
        String id;
        try (Response r = realm.users().create(u)) {
            if (r.getStatus() == 409) {
                throw new ProblemException(ErrorCode.MEMBER_DUPLICATE);
            }
            if (r.getStatus() != 201) {
                LOG.errorf("Keycloak refused user %s: %d %s", user.username(), r.getStatus(), r.readEntity(String.class));
                throw new ProblemException(ErrorCode.IDENTITY_UNAVAILABLE);
            }
            id = CreatedResponseUtil.getCreatedId(r);
        }
        try {
            RoleRepresentation member = realm.roles().get(Roles.MEMBER).toRepresentation();
            realm.users().get(id).roles().realmLevel().add(List.of(member));
        } catch (RuntimeException e) {
            delete(id);
            throw e;
        }
        return id;
    }

    public void delete(String userId) {
        try (Response r = keycloak.realm(REALM).users().delete(userId)) {
            if (r.getStatus() >= 300 && r.getStatus() != 404) {
                LOG.errorf("Could not delete Keycloak user %s: %d", userId, r.getStatus());
            }
        }
    }

    /**
     * Gives the member's user a new login (username = phone digits) and e-mail, both confirmed by the member. The realm
     * must let admins edit usernames (editUsernameAllowed and the user profile's username permission): Keycloak
     * otherwise ignores a new username without an error, so the result is read back and a silent refusal is an error
     * too. Another user holding the username or e-mail is CONTACT_TAKEN.
     */
    public void changeLogin(String userId, String username, String email) {
        try {
            UserResource user = keycloak.realm(REALM).users().get(userId);
            UserRepresentation u = user.toRepresentation();
            boolean emailChanged = email != null && !email.equalsIgnoreCase(u.getEmail());
            u.setUsername(username);
            if (email != null) {
                u.setEmail(email);
            }
            if (emailChanged) {
                // the member just proved they read this mailbox
                u.setEmailVerified(true);
            }
            user.update(u);
            UserRepresentation after = user.toRepresentation();
            if (!username.equalsIgnoreCase(after.getUsername()) || (email != null && !email.equalsIgnoreCase(after.getEmail()))) {
                LOG.errorf("Keycloak kept user %s as %s <%s>: does the realm allow editing usernames?", userId, after.getUsername(), after.getEmail());
                throw new ProblemException(ErrorCode.IDENTITY_UNAVAILABLE);
            }
        } catch (ClientErrorException e) {
            if (e.getResponse().getStatus() == 409) {
                throw new ProblemException(ErrorCode.CONTACT_TAKEN);
            }
            LOG.errorf(e, "Keycloak admin API refused the new login of %s", userId);
            throw new ProblemException(ErrorCode.IDENTITY_UNAVAILABLE);
        } catch (WebApplicationException | ProcessingException e) {
            LOG.errorf(e, "Keycloak admin API failed while changing the login of %s", userId);
            throw new ProblemException(ErrorCode.IDENTITY_UNAVAILABLE);
        }
    }

    /** Deletes the user for good: its sessions end with it, so nobody signs in as this member again. */
    public void deleteForGood(String userId) {
        try (Response r = keycloak.realm(REALM).users().delete(userId)) {
            if (r.getStatus() >= 300 && r.getStatus() != 404) {
                LOG.errorf("Could not delete Keycloak user %s: %d", userId, r.getStatus());
                throw new ProblemException(ErrorCode.IDENTITY_UNAVAILABLE);
            }
        } catch (WebApplicationException | ProcessingException e) {
            LOG.errorf(e, "Keycloak admin API failed while deleting %s", userId);
            throw new ProblemException(ErrorCode.IDENTITY_UNAVAILABLE);
        }
    }

    public void setPassword(String userId, String password, boolean temporary) {
        CredentialRepresentation c = new CredentialRepresentation();
        c.setType(CredentialRepresentation.PASSWORD);
        c.setValue(password);
        c.setTemporary(temporary);
        keycloak.realm(REALM).users().get(userId).resetPassword(c);
    }

    public static String newTemporaryPassword() {
        StringBuilder sb = new StringBuilder(10);
        for (int i = 0; i < 10; i++) {
            sb.append(PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)]);
        }
        return sb.toString();
    }

    /** A colleague as the staff pages list them. */
    public record StaffUser(String id, String username, String email, String firstName, String lastName, String partner,
                            java.util.Set<String> roles, boolean enabled) {
    }

    /**
     * A staff user invited by e-mail: enabled, no password yet (the invitation link sets one), the realm role given and,
     * for partner staff, the partner attribute that becomes the token's "partner" claim. Returns its id.
     */
    public String createStaff(String email, String firstName, String lastName, String partnerSlug, String role) {
        UserRepresentation u = new UserRepresentation();
        u.setUsername(email);
        u.setEmail(email);
        u.setFirstName(firstName);
        u.setLastName(lastName);
        u.setEnabled(true);
        u.setEmailVerified(true);
        if (partnerSlug != null) {
            u.setAttributes(java.util.Map.of("partner", List.of(partnerSlug)));
        }
        RealmResource realm = keycloak.realm(REALM);
        String id;
        try (Response r = realm.users().create(u)) {
            if (r.getStatus() == 409) {
                throw new ProblemException(ErrorCode.STAFF_DUPLICATE, email);
            }
            if (r.getStatus() != 201) {
                LOG.errorf("Keycloak refused staff user %s: %d %s", email, r.getStatus(), r.readEntity(String.class));
                throw new ProblemException(ErrorCode.IDENTITY_UNAVAILABLE);
            }
            id = CreatedResponseUtil.getCreatedId(r);
        } catch (WebApplicationException | ProcessingException e) {
            LOG.errorf(e, "Keycloak admin API failed while creating staff user %s", email);
            throw new ProblemException(ErrorCode.IDENTITY_UNAVAILABLE);
        }
        try {
            realm.users().get(id).roles().realmLevel().add(List.of(realm.roles().get(role).toRepresentation()));
        } catch (RuntimeException e) {
            delete(id);
            throw e;
        }
        return id;
    }

    /** The staff of one partner: users whose partner attribute names it (their tills' service accounts are not staff). */
    public List<StaffUser> staffOfPartner(String partnerSlug) {
        return keycloak.realm(REALM).users().searchByAttributes(0, 500, null, false, "partner:" + partnerSlug).stream()
                .filter(u -> !u.getUsername().startsWith("service-account-"))
                .map(this::staffUser).toList();
    }

    /** Everyone holding one of the roles, once each (operator staff, or partner admins across partners). */
    public List<StaffUser> withRoles(java.util.Collection<String> roles) {
        RealmResource realm = keycloak.realm(REALM);
        java.util.Map<String, StaffUser> byId = new java.util.LinkedHashMap<>();
        for (String role : roles) {
            realm.roles().get(role).getUserMembers(0, 500).stream()
                    .filter(u -> !u.getUsername().startsWith("service-account-"))
                    .forEach(u -> byId.computeIfAbsent(u.getId(), id -> staffUser(u)));
        }
        return List.copyOf(byId.values());
    }

    public java.util.Optional<StaffUser> staffUser(String id) {
        try {
            return java.util.Optional.of(staffUser(keycloak.realm(REALM).users().get(id).toRepresentation()));
        } catch (jakarta.ws.rs.NotFoundException e) {
            return java.util.Optional.empty();
        }
    }

    private StaffUser staffUser(UserRepresentation u) {
        java.util.Set<String> roles = new java.util.TreeSet<>();
        keycloak.realm(REALM).users().get(u.getId()).roles().realmLevel().listEffective()
                .forEach(r -> roles.add(r.getName()));
        String partner = u.getAttributes() == null || u.getAttributes().get("partner") == null
                || u.getAttributes().get("partner").isEmpty() ? null : u.getAttributes().get("partner").get(0);
        return new StaffUser(u.getId(), u.getUsername(), u.getEmail(), u.getFirstName(), u.getLastName(), partner, roles,
                Boolean.TRUE.equals(u.isEnabled()));
    }

    /** Ends the user's Keycloak sessions and deletes the user; pages see it at once through RevokedSessions. */
    public void removeStaff(String id) {
        try {
            keycloak.realm(REALM).users().get(id).logout();
        } catch (jakarta.ws.rs.NotFoundException e) {
            return;
        }
        delete(id);
    }
}
