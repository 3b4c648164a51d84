package io.stratus.crypto.scep;

/**
 * A SCEP message that cannot be processed. {@code partial} holds what was read before the failure (at
 * least messageType, transactionID and senderNonce), so the server can answer with a FAILURE CertRep;
 * it is null when not even the signed attributes could be read, in which case the answer is HTTP 400.
 */
public class ScepException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final FailInfo failInfo;
    private final transient ScepRequest partial;

    public ScepException(FailInfo failInfo, String message, ScepRequest partial) {
        super(message);
        this.failInfo = failInfo;
        this.partial = partial;
    }

    public ScepException(FailInfo failInfo, String message, ScepRequest partial, Throwable cause) {
        super(message, cause);
        this.failInfo = failInfo;
        this.partial = partial;
    }

    public FailInfo failInfo() {
        return failInfo;
    }

    /** What was read before the failure, or null. */
    public ScepRequest partial() {
        return partial;
    }

    /** True when a FAILURE CertRep can be sent (the request's attributes are known). */
    public boolean canReply() {
        return partial != null;
    }
}
