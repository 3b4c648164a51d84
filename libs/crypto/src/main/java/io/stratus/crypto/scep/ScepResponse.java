package io.stratus.crypto.scep;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A verified CertRep as the client sees it. {@code certificates} holds the issued certificate(s)
 * (end-entity certificates first) on SUCCESS, {@code crls} the CRL of a GetCRL.
 */
public record ScepResponse(PkiStatus status, FailInfo failInfo, String transactionId,
        List<X509Certificate> certificates, List<X509CRL> crls) {

    public ScepResponse {
        certificates = certificates == null ? List.of() : List.copyOf(certificates);
        crls = crls == null ? List.of() : List.copyOf(crls);
    }

    public ScepResponse(PkiStatus status, FailInfo failInfo, String transactionId,
            List<X509Certificate> certificates) {
        this(status, failInfo, transactionId, certificates, List.of());
    }
}
