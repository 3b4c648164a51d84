package io.stratus.enrollment.service;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import io.stratus.crypto.ContentSigners;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.scep.ScepServer;

/**
 * The GetNextCACert answer (RFC 8894 section 4.7): a SignedData signed by the RA whose encapsulated content
 * is a degenerate certificates-only SignedData with the next CA certificate and its RA certificate. The same
 * certificates are also in the outer SignedData's certificate set, where jscep 2.5 reads them.
 */
public final class NextCaCertificateResponse {

    private NextCaCertificateResponse() {
    }

    public static byte[] build(List<X509Certificate> nextCertificates, X509Certificate raCertificate,
            PrivateKey raKey) {
        byte[] degenerate = ScepServer.degenerateCertificates(nextCertificates);
        try {
            String algorithm = KeyAlgorithm.of(raCertificate.getPublicKey()).signatureAlgorithm();
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().build())
                    .build(ContentSigners.of(algorithm, raKey), raCertificate));
            generator.addCertificates(new JcaCertStore(nextCertificates));
            return generator.generate(new CMSProcessableByteArray(degenerate), true).toASN1Structure()
                    .getEncoded(ASN1Encoding.DER);
        } catch (OperatorCreationException | CertificateEncodingException | CMSException | IOException e) {
            throw new IllegalStateException("cannot sign the GetNextCACert answer", e);
        }
    }
}
