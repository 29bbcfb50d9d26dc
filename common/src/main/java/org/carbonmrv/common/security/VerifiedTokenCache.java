package org.carbonmrv.common.security;

import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verified bearer tokens, remembered: a client sends the same token on every request, and the RS256 check and
 * claim parsing (smallrye-jwt) cost more than answering a cached read. It stands in for smallrye-jwt's parser (the
 * one its identity provider calls for every request), the default parser's work done for every token it has not
 * verified. Only a successful verification is remembered, for at most 60 s and never past the token's
 * {@code exp}, so a revoked signing key or an expired token stops passing within a minute. The remembered token is
 * immutable; each request still gets its own identity built from it.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache extends DefaultJWTParser {

    private static final int MAX_ENTRIES = 10_000;
    private static final long MAX_AGE_MILLIS = 60_000;

    private record Verified(JsonWebToken token, long validUntilMillis) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    public VerifiedTokenCache(JWTAuthContextInfo authContextInfo) {
        super(authContextInfo);
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis();
        Verified v = verified.get(token);
        if (v != null) {
            if (now < v.validUntilMillis) {
                return v.token;
            }
            verified.remove(token);
        }
        JsonWebToken jwt = super.parse(token);
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(token, new Verified(jwt, Math.min(jwt.getExpirationTime() * 1000, now + MAX_AGE_MILLIS)));
        return jwt;
    }
}
