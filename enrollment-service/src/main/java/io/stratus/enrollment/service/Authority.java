package io.stratus.enrollment.service;

import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;

/** A CA as enrollment-service knows it: its certificate and chain, never its key. */
public record Authority(String id, String tenant, AuthorityKind kind, AuthorityStatus status, String certificatePem,
        String chainPem) {

    /** True for an issuing CA that may issue now. */
    public boolean issuesCertificates() {
        return kind == AuthorityKind.ISSUING && status == AuthorityStatus.ACTIVE;
    }

    public Authority withStatus(AuthorityStatus newStatus) {
        return new Authority(id, tenant, kind, newStatus, certificatePem, chainPem);
    }
}
