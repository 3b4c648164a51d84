package io.stratus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class JwtIssuerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void tokenParsesAndVerifiesWithSavedPublicKey(@TempDir Path dir) throws Exception {
        JwtIssuer issuer = JwtIssuer.generate().save(dir);
        String token = issuer.token("alice", Set.of(Roles.CA_READ, Roles.PROFILE_READ), Set.of("contoso"),
                Duration.ofMinutes(5));
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);

        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("RS256", header.get("alg").asText());
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("stratus-local", claims.get("iss").asText());
        assertEquals("alice", claims.get("sub").asText());
        assertEquals("alice", claims.get("upn").asText());
        assertEquals(Set.of("ca.read", "profile.read"), strings(claims.get("groups")));
        assertEquals(Set.of("contoso"), strings(claims.get("tenants")));
        long now = Instant.now().getEpochSecond();
        assertTrue(Math.abs(claims.get("iat").asLong() - now) < 10);
        assertEquals(300, claims.get("exp").asLong() - claims.get("iat").asLong());
        assertFalse(claims.get("jti").asText().isBlank());

        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                Pem.decode(Files.readString(issuer.publicKeyFile()), "PUBLIC KEY")));
        Signature sig = Signature.getInstance("SHA256withRSA");
        sig.initVerify(pub);
        sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(sig.verify(Base64.getUrlDecoder().decode(parts[2])));
    }

    @Test
    void savedKeysReloadWithPrivateKeyMode0600(@TempDir Path dir) throws Exception {
        JwtIssuer issuer = JwtIssuer.generate().save(dir);
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve(JwtIssuer.PRIVATE_KEY_FILE))));
        assertTrue(Files.readString(dir.resolve(JwtIssuer.PRIVATE_KEY_FILE)).startsWith("-----BEGIN PRIVATE KEY-----"));
        JwtIssuer loaded = JwtIssuer.load(dir);
        assertEquals(issuer.publicKey(), loaded.publicKey());
        assertEquals(issuer.publicKey(), JwtIssuer.loadOrCreate(dir).publicKey());

        String admin = loaded.adminToken(Duration.ofHours(1));
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(admin.split("\\.")[1]));
        assertEquals(Roles.ALL, strings(claims.get("groups")));
        assertEquals(Set.of("*"), strings(claims.get("tenants")));
        // openssl agrees that the public key is a valid RSA key
        assertTrue(OpenSsl.run("pkey", "-pubin", "-in", issuer.publicKeyFile().toString(), "-noout", "-text")
                .contains("2048 bit"));
    }

    @Test
    void forTestsIsOnePerJvm() {
        assertSame(JwtIssuer.forTests(), JwtIssuer.forTests());
        assertTrue(Files.exists(JwtIssuer.forTests().publicKeyFile()));
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> s = new HashSet<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }
}
