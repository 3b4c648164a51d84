package io.stratus.crypto.scep;

/** SCEP failInfo values. */
public enum FailInfo {
    /** Unrecognized or unsupported algorithm. */
    badAlg(0),
    /** Integrity check (signature) failed. */
    badMessageCheck(1),
    /** Transaction not permitted or supported. */
    badRequest(2),
    /** The signingTime attribute was not sufficiently close to the system time. */
    badTime(3),
    /** No certificate could be identified matching the provided criteria. */
    badCertId(4);

    private final int code;

    FailInfo(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The value for a code; unknown → IllegalArgumentException. */
    public static FailInfo of(int code) {
        for (FailInfo info : values()) {
            if (info.code == code) {
                return info;
            }
        }
        throw new IllegalArgumentException("unknown SCEP failInfo " + code);
    }
}
