package io.stratus.enrollment.service;

import java.util.List;

/** GetCACaps: what this SCEP server supports (RFC 8894 section 3.5.2). */
public final class ScepCapabilities {

    public static final List<String> ALL = List.of("POSTPKIOperation", "SHA-256", "SHA-512", "AES",
            "SCEPStandard", "Renewal");

    private ScepCapabilities() {
    }

    /** One capability per line. */
    public static String text() {
        return String.join("\n", ALL) + "\n";
    }
}
