package io.stratus.crypto;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;


/** X.509 v2 CRLs with CRL number and authority key identifier, signed by the issuing CA. */
public final class Crls {

    /** One revoked certificate; reasonCode as RFC 5280 CRLReason (0 unspecified ... 10 aACompromise, not 7). */
    public record RevokedEntry(BigInteger serial, Instant revokedAt, int reasonCode) {

        public RevokedEntry {
            if (serial == null || serial.signum() <= 0) {
                throw new IllegalArgumentException("serial must be a positive integer");
            }
            if (revokedAt == null) {
                throw new IllegalArgumentException("revocation time is required");
            }
            if (reasonCode < 0 || reasonCode > 10 || reasonCode == 7) {
                throw new IllegalArgumentException("invalid CRL reason code " + reasonCode);
            }
        }
    }

    private Crls() {
    }

    /** A signed CRL, as a JDK object. */
    public static X509CRL build(X509Certificate issuer, PrivateKey issuerKey, BigInteger crlNumber,
            Instant thisUpdate, Instant nextUpdate, List<RevokedEntry> entries) {
        return Pem.crl(buildDer(issuer, issuerKey, crlNumber, thisUpdate, nextUpdate, entries));
    }

    /** A signed CRL as DER ({@link CrlWriter}; for entries that come one by one, use the writer itself). */
    public static byte[] buildDer(X509Certificate issuer, PrivateKey issuerKey, BigInteger crlNumber,
            Instant thisUpdate, Instant nextUpdate, List<RevokedEntry> entries) {
        CrlWriter writer = new CrlWriter(issuer, crlNumber, thisUpdate, nextUpdate);
        (entries == null ? List.<RevokedEntry>of() : entries).forEach(writer::add);
        return writer.sign(issuerKey);
    }
}
