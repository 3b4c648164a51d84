package io.stratus.ca.mapping;

import java.util.Locale;
import java.util.Map;

/** RFC 5280 CRLReason names (as stored and as in CertificateRevokedEvent) and their codes. */
public final class RevocationReasons {

    private static final Map<String, Integer> CODES = Map.ofEntries(
            Map.entry("unspecified", 0),
            Map.entry("keycompromise", 1),
            Map.entry("cacompromise", 2),
            Map.entry("affiliationchanged", 3),
            Map.entry("superseded", 4),
            Map.entry("cessationofoperation", 5),
            Map.entry("certificatehold", 6),
            Map.entry("removefromcrl", 8),
            Map.entry("privilegewithdrawn", 9),
            Map.entry("aacompromise", 10));

    private RevocationReasons() {
    }

    /** The code of a reason name (case-insensitive); null or unknown → 0 (unspecified). */
    public static int code(String name) {
        if (name == null) {
            return 0;
        }
        return CODES.getOrDefault(name.trim().replace("_", "").toLowerCase(Locale.ROOT), 0);
    }
}
