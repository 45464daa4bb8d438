package ru.coalition.mailings;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import ru.coalition.platform.ErrorCode;
import ru.coalition.platform.ProblemException;

import java.util.Optional;

/**
 * The bounce webhook's door ({@link BounceWebhookResource}): the shared secret is checked before anything reads the body;
 * while none is configured every call is refused.
 */
public class BounceWebhookSecret {

    /** Looked up per request: filters are made while the app starts, before runtime configuration is read. */
    @Inject
    Instance<BounceConfig> config;

    @ServerRequestFilter
    public void check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.equals(BounceWebhookResource.PATH) && !path.equals(BounceWebhookResource.PATH + "/")) {
            return;
        }
        Optional<String> secret = config.get().webhookSecret().filter(s -> !s.isBlank());
        String given = request.getHeaderString(BounceWebhookResource.SECRET_HEADER);
        if (secret.isEmpty() || given == null || !BounceWebhookResource.sameSecret(secret.get(), given)) {
            throw new ProblemException(ErrorCode.BOUNCE_WEBHOOK_SECRET);
        }
    }
}
