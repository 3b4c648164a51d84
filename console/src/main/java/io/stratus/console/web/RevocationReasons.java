package io.stratus.console.web;

import java.util.List;

/** The RFC 5280 reasons the revocation forms offer, as the APIs name them (docs/ca.md). */
final class RevocationReasons {
    /** A certificate's (removeFromCRL is left out: it belongs to delta CRLs only, and the API refuses it). */
    static final List<String> FOR_CERTIFICATES = List.of("unspecified", "keyCompromise", "cACompromise",
            "affiliationChanged", "superseded", "cessationOfOperation", "certificateHold", "privilegeWithdrawn",
            "aACompromise");
    /** A CA's, the usual one first: the CA is retired. */
    static final List<String> FOR_AUTHORITIES = List.of("cessationOfOperation", "keyCompromise", "cACompromise",
            "affiliationChanged", "superseded", "unspecified");

    private RevocationReasons() {
    }
}
