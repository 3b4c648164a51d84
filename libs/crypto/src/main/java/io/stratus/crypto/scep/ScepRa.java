package io.stratus.crypto.scep;

import io.stratus.crypto.ExtendedKeyUsages;
import io.stratus.crypto.SubjectNames;

/**
 * What an RA certificate of a CA is, for the service that requests it and for the CA that signs it: one subject per
 * CA, an RSA key of at least 2048 bits (SCEP clients encrypt to it), and the Certificate Request Agent usage.
 */
public final class ScepRa {
    /** The RA's extended key usage, as NDES gives its RA. */
    public static final String EXTENDED_KEY_USAGE = ExtendedKeyUsages.CERTIFICATE_REQUEST_AGENT;
    public static final String KEY_FAMILY = "RSA";
    public static final int MIN_KEY_SIZE = 2048;

    private ScepRa() {
    }

    /** The subject of the RA certificate of the CA {@code authorityId}. */
    public static String subject(String authorityId) {
        return SubjectNames.dn("Stratus SCEP RA " + authorityId, null, null, null, null, null);
    }
}
