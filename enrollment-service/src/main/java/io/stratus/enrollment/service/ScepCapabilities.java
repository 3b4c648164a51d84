package io.stratus.enrollment.service;

import java.util.ArrayList;
import java.util.List;

/** GetCACaps: what this SCEP server supports (RFC 8894 section 3.5.2). */
public final class ScepCapabilities {

    public static final List<String> ALL = List.of("POSTPKIOperation", "SHA-256", "SHA-512", "AES",
            "SCEPStandard", "Renewal");

    /** Listed only while a CA has an announced next certificate. */
    public static final String GET_NEXT_CA_CERT = "GetNextCACert";

    private ScepCapabilities() {
    }

    /**
     * One capability per line, with {@code extra} (the older algorithms the CA accepts); GetNextCACert when
     * {@code authority} has an announced next certificate.
     */
    public static String text(Authority authority, List<String> extra) {
        List<String> capabilities = new ArrayList<>(ALL);
        capabilities.addAll(extra);
        if (authority.next() != null) {
            capabilities.add(GET_NEXT_CA_CERT);
        }
        return String.join("\n", capabilities) + "\n";
    }
}
