package io.stratus.ca.service.signing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.stratus.crypto.LeafCertificateSigner.LeafSpec;
import io.stratus.crypto.San;

/** The leaf certificate being shaped by the signing options, turned into a {@link LeafSpec} at the end. */
public final class LeafDraft {

    String subjectDn;
    List<San> subjectAltNames = new ArrayList<>();
    List<String> extendedKeyUsageOids = new ArrayList<>();
    List<String> keyUsages = new ArrayList<>();
    Instant notBefore;
    Instant notAfter;
    String crlUrl;
    String caIssuersUrl;
    String ocspUrl;
    String freshestCrlUrl;

    public LeafSpec toSpec() {
        return new LeafSpec(subjectDn, subjectAltNames, extendedKeyUsageOids, keyUsages, notBefore, notAfter, crlUrl,
                caIssuersUrl, ocspUrl, null, freshestCrlUrl);
    }

    public String subjectDn() {
        return subjectDn;
    }

    public Instant notAfter() {
        return notAfter;
    }
}
