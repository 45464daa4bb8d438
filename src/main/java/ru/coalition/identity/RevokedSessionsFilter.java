package ru.coalition.identity;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

/** A page request of someone whose access was revoked ends in 401, whatever their session cookie still holds. */
public class RevokedSessionsFilter {

    @Inject
    SecurityIdentity identity;

    @Inject
    RevokedSessions revoked;

    @ServerRequestFilter
    public void refuseRevoked(ContainerRequestContext request) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return;
        }
        String path = request.getUriInfo().getPath();
        if ((path.startsWith("/cabinet") || path.startsWith("/portal") || path.startsWith("/operator") || path.startsWith("/api/v1/me"))
                && revoked.isRevoked(token.getSubject())) {
            throw new ProblemException(ErrorCode.ACCESS_REVOKED);
        }
    }
}
