package io.stratus.ca.mapping;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** RFC 5280 CRLReason names (as stored and as in CertificateRevokedEvent) and their codes. */
public final class RevocationReasons {

    public static final String REMOVE_FROM_CRL = "removeFromCRL";
    public static final String CESSATION_OF_OPERATION = "cessationOfOperation";
    public static final String SUPERSEDED = "superseded";
    public static final String UNSPECIFIED = "unspecified";

    /** Canonical names in code order; 7 is unused in RFC 5280. */
    private static final Map<String, Integer> CODES = new LinkedHashMap<>();

    static {
        CODES.put(UNSPECIFIED, 0);
        CODES.put("keyCompromise", 1);
        CODES.put("cACompromise", 2);
        CODES.put("affiliationChanged", 3);
        CODES.put(SUPERSEDED, 4);
        CODES.put(CESSATION_OF_OPERATION, 5);
        CODES.put("certificateHold", 6);
        CODES.put(REMOVE_FROM_CRL, 8);
        CODES.put("privilegeWithdrawn", 9);
        CODES.put("aACompromise", 10);
    }

    private RevocationReasons() {
    }

    /** The code of a reason name (case-insensitive); null or unknown → 0 (unspecified). */
    public static int code(String name) {
        String canonical = find(name);
        return canonical == null ? 0 : CODES.get(canonical);
    }

    /**
     * The canonical name of a reason a revocation may use (case-insensitive, '_' ignored); null or blank means
     * unspecified.
     *
     * @throws IllegalArgumentException for an unknown reason and for removeFromCRL, with a message fit for an API
     *                                  answer
     */
    public static String forRevocation(String name) {
        if (name == null || name.isBlank()) {
            return UNSPECIFIED;
        }
        String canonical = find(name);
        if (canonical == null) {
            throw new IllegalArgumentException("unknown revocation reason; use one of " + String.join(", ",
                    CODES.keySet().stream().filter(r -> !r.equals(REMOVE_FROM_CRL)).toList()));
        }
        if (canonical.equals(REMOVE_FROM_CRL)) {
            throw new IllegalArgumentException("removeFromCRL only belongs in delta CRLs; it cannot revoke anything");
        }
        return canonical;
    }

    private static String find(String name) {
        if (name == null) {
            return null;
        }
        String wanted = name.trim().replace("_", "").toLowerCase(Locale.ROOT);
        for (String canonical : CODES.keySet()) {
            if (canonical.toLowerCase(Locale.ROOT).equals(wanted)) {
                return canonical;
            }
        }
        return null;
    }
}
