package io.stratus.enrollment.service;

/** No issuing CA with this id in this tenant. */
public class UnknownAuthorityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownAuthorityException(String tenant, String authorityId) {
        super("no issuing CA " + authorityId + " in tenant " + tenant, null, false, false);
    }
}
