package io.stratus.crypto;

/** A PKCS#10 request that cannot be accepted: malformed, badly signed or with an unsupported key. */
public class CsrException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CsrException(String message) {
        super(message);
    }

    public CsrException(String message, Throwable cause) {
        super(message, cause);
    }
}
