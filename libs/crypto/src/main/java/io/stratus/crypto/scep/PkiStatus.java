package io.stratus.crypto.scep;

/** SCEP pkiStatus values. */
public enum PkiStatus {
    SUCCESS(0),
    FAILURE(2),
    PENDING(3);

    private final int code;

    PkiStatus(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The status for a code; unknown → IllegalArgumentException. */
    public static PkiStatus of(int code) {
        for (PkiStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown SCEP pkiStatus " + code);
    }
}
