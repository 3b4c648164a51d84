package io.stratus.crypto.scep;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** The RA (or CA) that decrypts SCEP requests and signs replies, with the CA chain it serves. */
public record RaCredentials(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> caChain) {

    public RaCredentials {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        caChain = caChain == null ? List.of() : List.copyOf(caChain);
    }

    @Override
    public String toString() {
        return "RaCredentials[certificate=" + certificate.getSubjectX500Principal().getName() + ", chain="
                + caChain.size() + " certificate(s)]";
    }
}
