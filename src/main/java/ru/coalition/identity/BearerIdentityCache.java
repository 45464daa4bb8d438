package ru.coalition.identity;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.IdTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified bearer tokens, kept until they expire: a till posts hundreds of receipts with one access token, and
 * verifying its signature and claims again on each costs more than the receipt. A token is the same token until its
 * exp, and a verified JWT was never checked against revocation anyway, so keeping the identity changes nothing a
 * caller can see. Only bearer access tokens are kept (never the pages' sessions, which carry an ID token).
 */
@ApplicationScoped
public class BearerIdentityCache {

    /** Far above the number of tills and apps signed in at once; when reached, the cache starts over. */
    static final int MAX_TOKENS = 20_000;

    private record Kept(SecurityIdentity identity, long expiresAtSecond) {
    }

    private final Map<String, Kept> byToken = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong hits = new java.util.concurrent.atomic.AtomicLong();

    @Inject
    Clock clock;

    /** Requests served from the cache since start. */
    public long hits() {
        return hits.get();
    }

    SecurityIdentity find(String token, RoutingContext request) {
        Kept kept = byToken.get(token);
        if (kept == null) {
            return null;
        }
        if (clock.instant().getEpochSecond() >= kept.expiresAtSecond()) {
            byToken.remove(token);
            return null;
        }
        hits.incrementAndGet();
        // the identity carries the request it was made for: give it this one
        QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder(kept.identity());
        if (request != null) {
            copy.addAttribute(RoutingContext.class.getName(), request);
        }
        return copy.build();
    }

    void keep(SecurityIdentity identity) {
        AccessTokenCredential access = identity.getCredential(AccessTokenCredential.class);
        if (access == null || access.isOpaque() || identity.getCredential(IdTokenCredential.class) != null
                || !(identity.getPrincipal() instanceof JsonWebToken jwt) || jwt.getExpirationTime() <= 0
                || byToken.containsKey(access.getToken())) {
            return;
        }
        if (byToken.size() >= MAX_TOKENS) {
            byToken.clear();
        }
        byToken.put(access.getToken(), new Kept(identity, jwt.getExpirationTime()));
    }

    /** Asked before the OIDC provider: a kept identity, or nothing (then OIDC verifies the token). */
    @ApplicationScoped
    public static class Provider implements IdentityProvider<TokenAuthenticationRequest> {

        @Inject
        BearerIdentityCache cache;

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        /** Before OIDC's provider (the default priority is 1001, and higher goes first). */
        @Override
        public int priority() {
            return 2000;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            if (!(request.getToken() instanceof AccessTokenCredential)) {
                return Uni.createFrom().nullItem();
            }
            return Uni.createFrom().item(cache.find(request.getToken().getToken(), HttpSecurityUtils.getRoutingContextAttribute(request)));
        }
    }

    /** Runs after OIDC made an identity from a bearer token, and keeps it. */
    @ApplicationScoped
    public static class Keeper implements SecurityIdentityAugmentor {

        @Inject
        BearerIdentityCache cache;

        @Override
        public int priority() {
            return Integer.MIN_VALUE;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            if (!identity.isAnonymous()) {
                cache.keep(identity);
            }
            return Uni.createFrom().item(identity);
        }
    }
}
