package org.carbonmrv.common.security;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.smallrye.jwt.runtime.auth.MpJwtValidator;
import io.smallrye.mutiny.Uni;

/**
 * Verified bearer tokens, remembered: a client sends the same token on every request, and the RS256 check
 * (smallrye-jwt) cost more than answering a cached read. Runs before smallrye-jwt's own validator and delegates to
 * it for every token it has not verified; only a successful verification is remembered, for at most 60 s and
 * never past the token's {@code exp}, so a revoked signing key or an expired token stops passing within a minute.
 * Each request gets a fresh identity (principal and roles of the verification; nothing request-specific reused).
 */
@ApplicationScoped
public class VerifiedTokenCache implements IdentityProvider<TokenAuthenticationRequest> {

    private static final int MAX_ENTRIES = 10_000;
    private static final long MAX_AGE_MILLIS = 60_000;

    private record Verified(JsonWebToken principal, Set<String> roles, long validUntilMillis) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final MpJwtValidator validator;

    public VerifiedTokenCache(MpJwtValidator validator) {
        this.validator = validator;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        return 1000; // ahead of smallrye-jwt's validator, which it calls itself
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext ctx) {
        String token = request.getToken().getToken();
        long now = System.currentTimeMillis();
        Verified v = verified.get(token);
        if (v != null) {
            if (now < v.validUntilMillis) {
                return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(v.principal)
                        .addRoles(v.roles).addCredential(request.getToken()).build());
            }
            verified.remove(token);
        }
        return validator.authenticate(request, ctx).invoke(identity -> {
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt) {
                long until = Math.min(jwt.getExpirationTime() * 1000, now + MAX_AGE_MILLIS);
                if (verified.size() >= MAX_ENTRIES) {
                    verified.clear();
                }
                verified.put(token, new Verified(jwt, Set.copyOf(identity.getRoles()), until));
            }
        });
    }
}
