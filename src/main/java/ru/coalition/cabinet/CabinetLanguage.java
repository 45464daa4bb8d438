package ru.coalition.cabinet;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import ru.coalition.identity.CurrentUser;
import ru.coalition.identity.Roles;
import ru.coalition.members.MemberService;
import ru.coalition.platform.RequestLocale;

/**
 * A member's pages speak the language set in their profile (member.language) in a browser that has chosen none yet:
 * the first cabinet page after signing in on a new device reads it, and the "lang" cookie keeps it from then on. A
 * choice made in this browser (?lang=, the cookie) wins, as on every page.
 */
public class CabinetLanguage {

    @Inject
    SecurityIdentity identity;

    @Inject
    CurrentUser user;

    @Inject
    MemberService members;

    @Inject
    RequestLocale locale;

    @ServerRequestFilter
    public void useAccountLanguage(ContainerRequestContext request) {
        if (locale.chosenInBrowser() || identity.isAnonymous() || !identity.hasRole(Roles.MEMBER)
                || !request.getUriInfo().getPath().startsWith("/cabinet")) {
            return;
        }
        members.byKeycloakId(user.subject()).ifPresent(m -> locale.useAccountLanguage(m.language));
    }
}
