package io.stratus.ca.service;

/**
 * A certificate request the CA refuses; becomes a CertificateRejectedEvent with a stable reason code and a detail
 * free of secrets.
 */
public class IssuanceRejection extends RuntimeException {

    public static final String UNKNOWN_AUTHORITY = "UNKNOWN_AUTHORITY";
    public static final String AUTHORITY_NOT_ACTIVE = "AUTHORITY_NOT_ACTIVE";
    public static final String BAD_KEY = "BAD_KEY";
    public static final String POLICY_VIOLATION = "POLICY_VIOLATION";
    /** Every reason code. */
    public static final java.util.List<String> REASONS = java.util.List.of(UNKNOWN_AUTHORITY, AUTHORITY_NOT_ACTIVE,
            BAD_KEY, POLICY_VIOLATION);

    private final String reason;

    public IssuanceRejection(String reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    public static IssuanceRejection policy(String detail) {
        return new IssuanceRejection(POLICY_VIOLATION, detail);
    }

    public String reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}
