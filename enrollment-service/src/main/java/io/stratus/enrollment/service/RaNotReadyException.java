package io.stratus.enrollment.service;

/** The CA is known but its RA certificate has not been issued yet; SCEP is unavailable for now. */
public class RaNotReadyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public RaNotReadyException(String authorityId) {
        super("the RA certificate of CA " + authorityId + " is not issued yet; retry later", null, false, false);
    }
}
