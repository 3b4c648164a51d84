package io.stratus.crypto.scep;

/** SCEP messageType values (RFC 8894 section 3.2.1.2). */
public enum MessageType {
    CertRep(3),
    RenewalReq(17),
    PKCSReq(19),
    CertPoll(20),
    GetCert(21),
    GetCRL(22);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type for a code; unknown → IllegalArgumentException. */
    public static MessageType of(int code) {
        for (MessageType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown SCEP messageType " + code);
    }

    /** True for the requests whose content is a PKCS#10 request. */
    public boolean carriesCsr() {
        return this == PKCSReq || this == RenewalReq;
    }
}
