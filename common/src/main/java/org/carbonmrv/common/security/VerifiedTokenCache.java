package org.carbonmrv.common.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verified bearer tokens, remembered: a client sends the same token on every request, and the RS256 check and
 * claim parsing (smallrye-jwt) cost more than answering a cached read. It stands in for smallrye-jwt's parser (the
 * one its identity provider calls for every request) and delegates to the default parser for every token it has
 * not verified. Only a successful verification is remembered, for at most 60 s and never past the token's
 * {@code exp}, so a revoked signing key or an expired token stops passing within a minute. The remembered token is
 * immutable; each request still gets its own identity built from it.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache implements JWTParser {

    private static final int MAX_ENTRIES = 10_000;
    private static final long MAX_AGE_MILLIS = 60_000;

    private record Verified(JsonWebToken token, long validUntilMillis) {
    }

    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();
    private final JWTParser parser;

    public VerifiedTokenCache(JWTAuthContextInfo authContextInfo) {
        this.parser = new DefaultJWTParser(authContextInfo);
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
        JsonWebToken jwt = parser.parse(token);
        if (verified.size() >= MAX_ENTRIES) {
            verified.clear();
        }
        verified.put(token, new Verified(jwt, Math.min(jwt.getExpirationTime() * 1000, now + MAX_AGE_MILLIS)));
        return jwt;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
