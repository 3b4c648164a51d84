package io.stratus.crypto;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;

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
        try {
            return new JcaX509CRLConverter().getCRL(holder(issuer, issuerKey, crlNumber, thisUpdate, nextUpdate,
                    entries));
        } catch (CRLException e) {
            throw new CryptoException("cannot convert CRL", e);
        }
    }

    /** A signed CRL as DER, without building the JDK object (cheaper for very large CRLs). */
    public static byte[] buildDer(X509Certificate issuer, PrivateKey issuerKey, BigInteger crlNumber,
            Instant thisUpdate, Instant nextUpdate, List<RevokedEntry> entries) {
        try {
            return holder(issuer, issuerKey, crlNumber, thisUpdate, nextUpdate, entries).toASN1Structure()
                    .getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new CryptoException("cannot encode CRL", e);
        }
    }

    private static X509CRLHolder holder(X509Certificate issuer, PrivateKey issuerKey, BigInteger crlNumber,
            Instant thisUpdate, Instant nextUpdate, List<RevokedEntry> entries) {
        if (crlNumber == null || crlNumber.signum() < 0) {
            throw new IllegalArgumentException("CRL number must be a non-negative integer");
        }
        if (thisUpdate == null || nextUpdate == null || !nextUpdate.isAfter(thisUpdate)) {
            throw new IllegalArgumentException("nextUpdate must be later than thisUpdate");
        }
        X509v2CRLBuilder builder = new X509v2CRLBuilder(Certificates.subjectOf(issuer), Date.from(thisUpdate));
        builder.setNextUpdate(Date.from(nextUpdate));
        try {
            for (RevokedEntry entry : entries == null ? List.<RevokedEntry>of() : entries) {
                if (entry.reasonCode() == CRLReason.unspecified) {
                    builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), (Extensions) null);
                } else {
                    Extension reason = new Extension(Extension.reasonCode, false,
                            CRLReason.lookup(entry.reasonCode()).getEncoded(ASN1Encoding.DER));
                    builder.addCRLEntry(entry.serial(), Date.from(entry.revokedAt()), new Extensions(reason));
                }
            }
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(crlNumber));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(KeyIdentifiers.of(issuer)));
        } catch (IOException e) {
            throw new CryptoException("cannot encode CRL extensions", e);
        }
        String algorithm = KeyAlgorithm.of(issuer.getPublicKey()).signatureAlgorithm();
        return builder.build(ContentSigners.of(algorithm, issuerKey));
    }
}
