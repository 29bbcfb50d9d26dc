package org.carbonmrv.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Development and test tokens: an RSA key pair whose public half the services verify against (through
 * {@code MP_JWT_VERIFY_PUBLICKEY_LOCATION}), and RS256 tokens signed with the private half. Production uses the
 * identity provider's JWKS instead; nothing here is used by the services themselves. Tokens are assembled here
 * (rather than with a JWT builder) so that tests can also make the malformed ones: wrong key, wrong issuer,
 * expired, {@code alg: none}.
 */
public final class DevJwt {

    public static final String ISSUER = "https://carbon-mrv.local/dev";

    private static DevJwt testKeys;

    private final KeyPair keys;
    private final Path publicKeyFile;

    private DevJwt(KeyPair keys, Path publicKeyFile) {
        this.keys = keys;
        this.publicKeyFile = publicKeyFile;
    }

    /** One key pair per test JVM, its public key in a temporary file. */
    public static synchronized DevJwt forTests() {
        if (testKeys == null) {
            try {
                Path dir = Files.createTempDirectory("dev-jwt");
                testKeys = create(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return testKeys;
    }

    /** The key pair kept in {@code dir} (created on first use): the local run's tokens survive restarts. */
    public static DevJwt persistent(Path dir) {
        Path priv = dir.resolve("privateKey.pem");
        Path pub = dir.resolve("publicKey.pem");
        try {
            if (Files.exists(priv) && Files.exists(pub)) {
                KeyFactory kf = KeyFactory.getInstance("RSA");
                PrivateKey p = kf.generatePrivate(new PKCS8EncodedKeySpec(pemBytes(priv)));
                PublicKey q = kf.generatePublic(new X509EncodedKeySpec(pemBytes(pub)));
                return new DevJwt(new KeyPair(q, p), pub);
            }
            return create(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DevJwt create(Path dir) throws IOException {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair kp = g.generateKeyPair();
            Files.createDirectories(dir);
            Path pub = dir.resolve("publicKey.pem");
            Files.writeString(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()));
            Path priv = dir.resolve("privateKey.pem");
            Files.writeString(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
            priv.toFile().setReadable(false, false);
            priv.toFile().setReadable(true, true);
            return new DevJwt(kp, pub);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh, unrelated key pair (for wrong-signature tests). */
    public static DevJwt otherKeys() {
        try {
            return create(Files.createTempDirectory("dev-jwt-other"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What a service needs to verify these tokens, as configuration properties. */
    public Map<String, String> serviceProperties() {
        Map<String, String> m = new HashMap<>();
        m.put("mp.jwt.verify.publickey.location", publicKeyFile.toAbsolutePath().toString());
        m.put("mp.jwt.verify.issuer", ISSUER);
        return m;
    }

    /** The same, as environment variables of a service process. */
    public Map<String, String> serviceEnvironment() {
        Map<String, String> m = new HashMap<>();
        m.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKeyFile.toAbsolutePath().toString());
        m.put("MP_JWT_VERIFY_ISSUER", ISSUER);
        return m;
    }

    /** A valid token for {@code subject} with {@code roles}, for 12 hours. */
    public String token(String subject, String... roles) {
        long now = Instant.now().getEpochSecond();
        return token(ISSUER, subject, now, now + 12 * 3600, roles);
    }

    public String token(String issuer, String subject, long issuedAt, long expiresAt, String... roles) {
        String payload = "{\"iss\":\"" + issuer + "\",\"sub\":\"" + subject + "\",\"upn\":\"" + subject
                + "\",\"iat\":" + issuedAt + ",\"exp\":" + expiresAt + ",\"jti\":\"" + java.util.UUID.randomUUID()
                + "\",\"groups\":[" + List.of(roles).stream().map(r -> "\"" + r + "\"")
                        .collect(Collectors.joining(",")) + "]}";
        String unsigned = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}") + "." + b64(payload);
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(keys.getPrivate());
            s.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsigned token ({@code alg: none}) with the given roles: must be refused. */
    public static String unsigned(String subject, String... roles) {
        long now = Instant.now().getEpochSecond();
        return b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + b64("{\"iss\":\"" + ISSUER + "\",\"sub\":\""
                + subject + "\",\"exp\":" + (now + 3600) + ",\"groups\":[" + List.of(roles).stream()
                        .map(r -> "\"" + r + "\"").collect(Collectors.joining(",")) + "]}") + ".";
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] pemBytes(Path p) throws IOException {
        String text = Files.readString(p).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(text);
    }
}
