package io.stratus.crypto;

import java.io.IOException;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CRLHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSAbsentContent;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.util.CollectionStore;

/**
 * "Certs-only" PKCS#7 / CMS SignedData without signers (.p7c, SCEP GetCACert, GetCRL). Certificates
 * keep the order they are given in.
 */
public final class DegenerateSignedData {

    private DegenerateSignedData() {
    }

    /** DER-length (definite) encoding of a certs-only SignedData. */
    public static byte[] encode(List<X509Certificate> certificates, List<X509CRL> crls) {
        try {
            List<X509CertificateHolder> certHolders = new ArrayList<>();
            for (X509Certificate certificate : certificates == null ? List.<X509Certificate>of() : certificates) {
                certHolders.add(new JcaX509CertificateHolder(certificate));
            }
            List<X509CRLHolder> crlHolders = new ArrayList<>();
            for (X509CRL crl : crls == null ? List.<X509CRL>of() : crls) {
                crlHolders.add(new JcaX509CRLHolder(crl));
            }
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addCertificates(new CollectionStore<>(certHolders));
            generator.addCRLs(new CollectionStore<>(crlHolders));
            CMSSignedData data = generator.generate(new CMSAbsentContent(), false);
            return data.toASN1Structure().getEncoded(ASN1Encoding.DL);
        } catch (CertificateEncodingException | CRLException | CMSException | IOException e) {
            throw new CryptoException("cannot encode certs-only SignedData", e);
        }
    }

    public static byte[] certificates(List<X509Certificate> certificates) {
        return encode(certificates, List.of());
    }

    public static byte[] crl(X509CRL crl) {
        return encode(List.of(), List.of(crl));
    }

    /** Certificates of a (certs-only or signed) SignedData, in encoded order. */
    public static List<X509Certificate> readCertificates(byte[] signedData) {
        List<X509Certificate> out = new ArrayList<>();
        for (X509CertificateHolder holder : parse(signedData).getCertificates().getMatches(null)) {
            out.add(Certificates.toX509(holder));
        }
        return out;
    }

    /** CRLs of a SignedData, in encoded order. */
    public static List<X509CRL> readCrls(byte[] signedData) {
        List<X509CRL> out = new ArrayList<>();
        try {
            for (X509CRLHolder holder : parse(signedData).getCRLs().getMatches(null)) {
                out.add(new JcaX509CRLConverter().getCRL(holder));
            }
        } catch (CRLException e) {
            throw new IllegalArgumentException("invalid CRL in SignedData", e);
        }
        return out;
    }

    private static CMSSignedData parse(byte[] signedData) {
        try {
            return new CMSSignedData(signedData);
        } catch (CMSException | RuntimeException e) {
            throw new IllegalArgumentException("not a CMS SignedData structure", e);
        }
    }
}
