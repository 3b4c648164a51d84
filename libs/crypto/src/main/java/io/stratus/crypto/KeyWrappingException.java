package io.stratus.crypto;

/** A wrapped private key that cannot be opened: wrong key-encryption key, tampering or a bad format. */
public class KeyWrappingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public KeyWrappingException(String message) {
        super(message);
    }
}
