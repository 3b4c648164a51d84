package io.stratus.enrollment.service;

import java.security.cert.X509Certificate;
import java.util.List;

import io.stratus.crypto.Pem;
import io.stratus.crypto.scep.RaCredentials;
import io.stratus.crypto.scep.ScepServer;

/**
 * An issuing CA that serves SCEP, with the RA credential that decrypts requests and signs replies, and its
 * GetCACert answer: the CA certificate and the RA certificate in a certs-only PKCS#7.
 */
public record ScepAuthority(Authority authority, RaCredentials ra, byte[] caCertificates) {

    public static ScepAuthority of(Authority authority, RaCredentials ra) {
        X509Certificate caCertificate = Pem.certificate(authority.certificatePem());
        return new ScepAuthority(authority, ra,
                ScepServer.degenerateCertificates(List.of(caCertificate, ra.certificate())));
    }
}
