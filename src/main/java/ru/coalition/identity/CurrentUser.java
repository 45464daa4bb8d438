package ru.coalition.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/** Who is calling, read only from the verified token. */
@RequestScoped
public class CurrentUser {

    public static final String PARTNER_CLAIM = "partner";

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken token;

    public boolean isAuthenticated() {
        return !identity.isAnonymous();
    }

    /** The Keycloak user id (the token's subject). */
    public String subject() {
        return token.getSubject();
    }

    public String username() {
        String preferred = token.getClaim("preferred_username");
        return preferred != null ? preferred : identity.getPrincipal().getName();
    }

    public String displayName() {
        String given = token.getClaim("given_name");
        String family = token.getClaim("family_name");
        if (given == null && family == null) {
            return username();
        }
        return ((given == null ? "" : given) + " " + (family == null ? "" : family)).trim();
    }

    /** The staff member's own e-mail (Keycloak's "email" claim), where test sends of a campaign go. */
    public Optional<String> email() {
        Object claim = token.getClaim("email");
        return claim == null ? Optional.empty() : Optional.of(claim.toString().replace("\"", "")).filter(s -> s.contains("@"));
    }

    /** The partner slug the token speaks for: a till's client or a partner staff member. */
    public Optional<String> partnerSlug() {
        Object claim = token.getClaim(PARTNER_CLAIM);
        return claim == null ? Optional.empty() : Optional.of(claim.toString().replace("\"", "")).filter(s -> !s.isBlank());
    }

    /** The client the token was issued to (claim "azp"). */
    public Optional<String> authorizedParty() {
        Object claim = token.getClaim("azp");
        return claim == null ? Optional.empty() : Optional.of(claim.toString().replace("\"", ""));
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }
}
