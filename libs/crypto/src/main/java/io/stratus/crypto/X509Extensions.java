package io.stratus.crypto;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;

/** Builders for the extensions shared by CA and leaf certificates. */
final class X509Extensions {

    static final ASN1ObjectIdentifier UPN = new ASN1ObjectIdentifier("1.3.6.1.4.1.311.20.2.3");

    private X509Extensions() {
    }

    static void addKeyIdentifiers(X509v3CertificateBuilder builder, PublicKey subjectKey, byte[] authorityKeyId)
            throws CertIOException {
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                new SubjectKeyIdentifier(KeyIdentifiers.of(subjectKey)));
        builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(authorityKeyId));
    }

    static void addExtendedKeyUsages(X509v3CertificateBuilder builder, List<String> oids) throws CertIOException {
        if (oids == null || oids.isEmpty()) {
            return;
        }
        KeyPurposeId[] purposes = new KeyPurposeId[oids.size()];
        for (int i = 0; i < purposes.length; i++) {
            purposes[i] = KeyPurposeId.getInstance(oid(oids.get(i)));
        }
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
    }

    /** Where relying parties find revocation and the issuer: CDP, Freshest CRL and AIA, each only when given. */
    static void addRevocationAndIssuerAccess(X509v3CertificateBuilder builder, String crlUrl, String freshestCrlUrl,
            String caIssuersUrl, String ocspUrl) throws CertIOException {
        if (present(crlUrl)) {
            builder.addExtension(Extension.cRLDistributionPoints, false, distributionPoint(crlUrl));
        }
        if (present(freshestCrlUrl)) {
            builder.addExtension(Extension.freshestCRL, false, distributionPoint(freshestCrlUrl));
        }
        List<AccessDescription> access = new ArrayList<>();
        if (present(caIssuersUrl)) {
            access.add(new AccessDescription(AccessDescription.id_ad_caIssuers, uri(caIssuersUrl)));
        }
        if (present(ocspUrl)) {
            access.add(new AccessDescription(AccessDescription.id_ad_ocsp, uri(ocspUrl)));
        }
        if (!access.isEmpty()) {
            builder.addExtension(Extension.authorityInfoAccess, false,
                    new AuthorityInformationAccess(access.toArray(new AccessDescription[0])));
        }
    }

    /**
     * One distribution point with one URI and no reasons or issuer: the value of a CRL Distribution Points or a
     * Freshest CRL extension (RFC 5280 4.2.1.13, 4.2.1.15, 5.2.6).
     */
    static CRLDistPoint distributionPoint(String url) {
        DistributionPoint point = new DistributionPoint(new DistributionPointName(new GeneralNames(uri(url))), null,
                null);
        return new CRLDistPoint(new DistributionPoint[] {point});
    }

    static GeneralNames generalNames(List<San> sans) {
        GeneralName[] names = new GeneralName[sans.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = generalName(sans.get(i));
        }
        return new GeneralNames(names);
    }

    static GeneralName generalName(San san) {
        switch (san.type()) {
            case DNS:
                return new GeneralName(GeneralName.dNSName, san.value());
            case EMAIL:
                return new GeneralName(GeneralName.rfc822Name, san.value());
            case URI:
                return new GeneralName(GeneralName.uniformResourceIdentifier, san.value());
            case IP:
                return new GeneralName(GeneralName.iPAddress, san.value());
            case UPN:
                ASN1EncodableVector otherName = new ASN1EncodableVector();
                otherName.add(UPN);
                otherName.add(new DERTaggedObject(true, 0, new DERUTF8String(san.value())));
                return new GeneralName(GeneralName.otherName, new DERSequence(otherName));
            default:
                throw new IllegalArgumentException("unsupported subject alternative name type " + san.type());
        }
    }

    static byte[] authorityKeyId(X509Certificate issuer) {
        return KeyIdentifiers.of(issuer);
    }

    static ASN1ObjectIdentifier oid(String dotted) {
        try {
            return new ASN1ObjectIdentifier(dotted.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not an object identifier: " + dotted);
        }
    }

    static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static GeneralName uri(String url) {
        return new GeneralName(GeneralName.uniformResourceIdentifier, url.trim());
    }
}
