package io.stratus.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Mints RS256 bearer tokens that the services' SmallRye JWT accepts
 * ({@code mp.jwt.verify.publickey.location} = {@link #publicKeyFile()}, {@code mp.jwt.verify.issuer} = {@link #issuer()}).
 */
public final class JwtIssuer {
    public static final String ISSUER = "stratus-local";
    /** The audience every Stratus API checks ({@code mp.jwt.verify.audiences}). */
    public static final String AUDIENCE = "stratus";
    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static JwtIssuer forTests;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private Path publicKeyFile;

    private JwtIssuer(PrivateKey privateKey, PublicKey publicKey, Path publicKeyFile) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** A new RSA-2048 key pair, not yet saved. */
    public static JwtIssuer generate() {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(2048);
            KeyPair kp = gen.generateKeyPair();
            return new JwtIssuer(kp.getPrivate(), kp.getPublic(), null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an RSA key", e);
        }
    }

    /** Loads the key pair saved by {@link #save(Path)} in {@code dir}. */
    public static JwtIssuer load(Path dir) {
        try {
            byte[] der = Pem.decode(Files.readString(dir.resolve(PRIVATE_KEY_FILE)), "PRIVATE KEY");
            KeyFactory kf = KeyFactory.getInstance("RSA");
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(der));
            Path pubFile = dir.resolve(PUBLIC_KEY_FILE);
            PublicKey pub = Files.exists(pubFile)
                    ? kf.generatePublic(new X509EncodedKeySpec(Pem.decode(Files.readString(pubFile), "PUBLIC KEY")))
                    : derivePublic(kf, priv);
            return new JwtIssuer(priv, pub, pubFile.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the JWT keys in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("invalid JWT key in " + dir, e);
        }
    }

    /** Loads the key pair in {@code dir}, or generates and saves one if there is none. */
    public static JwtIssuer loadOrCreate(Path dir) {
        if (Files.exists(dir.resolve(PRIVATE_KEY_FILE))) {
            return load(dir);
        }
        return generate().save(dir);
    }

    /** One key pair per JVM, its public key in a temporary file. */
    public static synchronized JwtIssuer forTests() {
        if (forTests == null) {
            try {
                Path dir = Files.createTempDirectory("stratus-jwt-");
                JwtIssuer issuer = generate().save(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Files2.deleteRecursively(dir)));
                forTests = issuer;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return forTests;
    }

    private static PublicKey derivePublic(KeyFactory kf, PrivateKey priv) throws GeneralSecurityException {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) priv;
        return kf.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
    }

    /** Writes {@code jwt-private.pem} (PKCS#8, mode 0600) and {@code jwt-public.pem} into {@code dir}. */
    public JwtIssuer save(Path dir) {
        try {
            Files.createDirectories(dir);
            Path priv = dir.resolve(PRIVATE_KEY_FILE);
            Path tmp = Files.createTempFile(dir, ".jwt-private", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, Pem.encode("PRIVATE KEY", privateKey.getEncoded()));
            Files.move(tmp, priv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Path pub = dir.resolve(PUBLIC_KEY_FILE);
            Files.writeString(pub, Pem.encode("PUBLIC KEY", publicKey.getEncoded()));
            publicKeyFile = pub.toAbsolutePath();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the JWT keys in " + dir, e);
        }
    }

    /** The saved public key (PEM), for {@code mp.jwt.verify.publickey.location}. */
    public Path publicKeyFile() {
        if (publicKeyFile == null) {
            throw new IllegalStateException("the key pair is not saved; call save(dir) first");
        }
        return publicKeyFile;
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String issuer() {
        return ISSUER;
    }

    /**
     * A signed token.
     *
     * @param roles the {@code groups} claim (see {@link Roles})
     * @param tenants the {@code tenants} claim; {@code "*"} means every tenant
     */
    public String token(String subject, Set<String> roles, Set<String> tenants, Duration ttl) {
        return token(subject, roles, tenants, ttl, AUDIENCE);
    }

    /** A signed token for {@code audience} (the services accept {@value #AUDIENCE} only). */
    public String token(String subject, Set<String> roles, Set<String> tenants, Duration ttl, String audience) {
        long now = Instant.now().getEpochSecond();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("aud", audience);
        claims.put("sub", subject);
        claims.put("upn", subject);
        claims.put("groups", new TreeSet<>(roles));
        claims.put("tenants", new TreeSet<>(tenants));
        claims.put("iat", now);
        claims.put("exp", now + ttl.toSeconds());
        claims.put("jti", UUID.randomUUID().toString());
        return sign(claims);
    }

    /** A token with every role in {@link Roles#ALL} for every tenant. */
    public String adminToken(Duration ttl) {
        return token("admin", Roles.ALL, Set.of("*"), ttl);
    }

    private String sign(Map<String, Object> claims) {
        try {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "RS256");
            header.put("typ", "JWT");
            String signingInput = B64URL.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + B64URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature sig = Signature.getInstance("SHA256withRSA");
            sig.initSign(privateKey);
            sig.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64URL.encodeToString(sig.sign());
        } catch (JsonProcessingException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a JWT", e);
        }
    }
}
