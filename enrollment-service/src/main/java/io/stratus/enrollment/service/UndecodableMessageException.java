package io.stratus.enrollment.service;

/** A PKIOperation message that is not a readable SCEP pkiMessage (no reply can be signed for it). */
public class UndecodableMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UndecodableMessageException(String reason) {
        super(reason, null, false, false);
    }
}
