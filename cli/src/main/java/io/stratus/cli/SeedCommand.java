package io.stratus.cli;

import java.io.PrintWriter;
import java.io.StringReader;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.Callable;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code stratus seed}: fills the local stack's ca-service database with synthetic device certificates of one CA, by
 * PostgreSQL COPY, to measure the inventory, CRLs and issuance at scale (docs/performance.md). The rows are real rows
 * of {@code issued_certificate} (unique serials, subjects, profiles, expiry dates spread over a year, thumbprints); their
 * DER is one throwaway self-signed certificate, since signing millions with the CA would measure signing instead.
 * A seeded revocation marks the CA's CRL stale, so the next CRL lists it.
 */
@Command(name = "seed", mixinStandardHelpOptions = true,
        description = {"Fill the local stack's ca-service database with synthetic certificates of one CA (PostgreSQL COPY),",
                "to measure search, CRLs and issuance at scale. Not for a production database."})
final class SeedCommand implements Callable<Integer> {

    static final int PROFILES = 10;
    private static final int BATCH = 50_000;
    private static final String COLUMNS = "id, tenant, authority_id, serial_hex, key_generation, transaction_id,"
            + " device_id, profile_id, purpose, subject_dn, not_before, not_after, certificate_der, status, revoked_at,"
            + " revocation_reason, created_at, sha1, sha256, sans_stored";

    @ParentCommand
    Main main;

    @Option(names = "--ca", paramLabel = "ID", required = true, description = "The CA whose certificates they are.")
    String ca;
    @Option(names = "--certificates", paramLabel = "N", required = true, description = "How many certificates to add.")
    long certificates;
    @Option(names = "--revoked", paramLabel = "N", defaultValue = "0",
            description = "How many of them are revoked (keyCompromise), default ${DEFAULT-VALUE}.")
    long revoked;

    @Override
    public Integer call() throws Exception {
        if (certificates < 1 || revoked < 0 || revoked > certificates) {
            throw new IllegalArgumentException("--certificates must be at least 1 and --revoked between 0 and it");
        }
        LocalStack stack = main.stack(main.out());
        if (!stack.fullyRunning()) {
            throw new StackException("the local stack is not running: ./stratus up first");
        }
        DbUrl db = stack.config().orElseThrow().database();
        PrintWriter out = main.out();
        Instant started = Instant.now();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(Service.CA.database()), db.user(),
                db.password())) {
            Authority authority = authority(connection, ca);
            byte[] der = templateDer();
            long written = 0;
            while (written < certificates) {
                long rows = Math.min(BATCH, certificates - written);
                copy(connection, authority, der, written, rows);
                written += rows;
                out.printf("%,d of %,d certificates (%.0f s)%n", written, certificates,
                        Duration.between(started, Instant.now()).toMillis() / 1000.0);
                out.flush();
            }
            try (PreparedStatement analyze = connection.prepareStatement("analyze issued_certificate");
                    PreparedStatement stale = connection.prepareStatement(
                            "update authority set crl_stale = true where id = ?")) {
                analyze.execute();
                if (revoked > 0) {
                    stale.setString(1, ca);
                    stale.executeUpdate();
                }
            }
        }
        out.printf("Seeded %,d certificates (%,d revoked) of CA %s in %.1f s%n", certificates, revoked, ca,
                Duration.between(started, Instant.now()).toMillis() / 1000.0);
        out.flush();
        return 0;
    }

    private record Authority(String tenant, int keyGeneration) {
    }

    private static Authority authority(Connection connection, String id) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select tenant, key_generation from authority where id = ? and deleted_at is null")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalArgumentException("no CA " + id + " in the local stack");
                }
                return new Authority(row.getString(1), row.getInt(2));
            }
        }
    }

    /** Row {@code first + i} for i in [0, rows): revoked while its index is below {@code --revoked}. */
    private void copy(Connection connection, Authority authority, byte[] der, long first, long rows)
            throws SQLException, java.io.IOException {
        SecureRandom random = new SecureRandom();
        String derHex = "\\x" + HexFormat.of().formatHex(der);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StringBuilder csv = new StringBuilder();
        StringBuilder sans = new StringBuilder();
        for (long i = first; i < first + rows; i++) {
            byte[] serial = new byte[16];
            random.nextBytes(serial);
            serial[0] &= 0x7f;
            String serialHex = HexFormat.of().withUpperCase().formatHex(serial);
            byte[] sha256 = digest("SHA-256", serial);
            boolean isRevoked = i < revoked;
            Instant notAfter = now.plus(Duration.ofDays(1 + i % 365));
            String id = UUID.randomUUID().toString();
            csv.append(id).append(',').append(authority.tenant()).append(',').append(ca).append(',')
                    .append(serialHex).append(',').append(authority.keyGeneration()).append(",seed-")
                    .append(UUID.randomUUID()).append(",seed-device-").append(i).append(",seed-profile-")
                    .append(i % PROFILES).append(",DEVICE,\"CN=seed-device-").append(i).append(",O=Seed\",")
                    .append(now.minus(Duration.ofDays(1))).append(',').append(notAfter).append(',')
                    .append(derHex).append(',').append(isRevoked ? "REVOKED" : "ISSUED").append(',')
                    .append(isRevoked ? now.toString() : "").append(',').append(isRevoked ? "keyCompromise" : "")
                    .append(',').append(now.minusMillis(first + rows - i)).append(",\\x")
                    .append(HexFormat.of().formatHex(digest("SHA-1", serial))).append(",\\x")
                    .append(HexFormat.of().formatHex(sha256)).append(",true\n");
            sans.append(id).append(",seed-device-").append(i).append(".seed.example.test\n");
        }
        CopyManager copy = ((PGConnection) connection.unwrap(PGConnection.class)).getCopyAPI();
        copy.copyIn("COPY issued_certificate (" + COLUMNS + ") FROM STDIN (FORMAT csv)", new StringReader(csv.toString()));
        // the DNS name each seeded certificate is found by (ca-service's SanSearch stores them lowercased)
        copy.copyIn("COPY certificate_san (certificate_id, value) FROM STDIN (FORMAT csv)", new StringReader(sans.toString()));
    }

    /** A throwaway self-signed certificate: the DER every seeded row carries. */
    private static byte[] templateDer() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair key = generator.generateKeyPair();
        X500Name name = new X500Name("CN=Stratus seed template");
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(name, BigInteger.ONE, Date.from(now), Date.from(now.plus(
                Duration.ofDays(1))), name, key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())).getEncoded();
    }

    private static byte[] digest(String algorithm, byte[] data) {
        try {
            return MessageDigest.getInstance(algorithm).digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
