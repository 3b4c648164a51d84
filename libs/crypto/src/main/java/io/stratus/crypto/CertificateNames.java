package io.stratus.crypto;

import java.util.ArrayList;
import java.util.List;

import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** What an issued certificate is named by besides its subject. */
public final class CertificateNames {

    private CertificateNames() {
    }

    /**
     * The subject alternative names of a DER certificate that Stratus reads in CSRs too (DNS, email, UPN, URI, IP), in
     * their order; other name types (a directory name, another otherName) are left out, not refused: the certificate
     * exists already.
     *
     * @throws IllegalArgumentException when the bytes are not a certificate
     */
    public static List<San> subjectAltNames(byte[] certificateDer) {
        Extensions extensions = Certificate.getInstance(certificateDer).getTBSCertificate().getExtensions();
        GeneralNames names = extensions == null ? null
                : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        if (names == null) {
            return List.of();
        }
        List<San> sans = new ArrayList<>();
        for (GeneralName name : names.getNames()) {
            try {
                San san = Csrs.toSan(name);
                if (san != null) {
                    sans.add(san);
                }
            } catch (CsrException | IllegalArgumentException e) {
                // a name type the inventory does not search by
            }
        }
        return List.copyOf(sans);
    }
}
