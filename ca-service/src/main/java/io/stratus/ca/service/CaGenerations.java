package io.stratus.ca.service;

import java.security.cert.X509Certificate;
import java.time.Instant;

import io.stratus.ca.entity.AuthorityEntity;
import io.stratus.ca.entity.CaCertificateEntity;
import io.stratus.ca.entity.CaCertificateState;
import io.stratus.crypto.Pem;
import io.stratus.crypto.Serials;

/** Builds the rows of the ca_certificate table: one per certificate generation of a CA. */
final class CaGenerations {

    private CaGenerations() {
    }

    /** The first (CURRENT) generation of a CA whose row already holds its certificate and key reference. */
    static CaCertificateEntity first(AuthorityEntity ca, Integer issuerKeyGeneration) {
        return row(ca.id, 1, CaCertificateState.CURRENT, Pem.certificate(ca.certificatePem), 1, ca.keyReference,
                ca.keyProtection, issuerKeyGeneration, true);
    }

    /**
     * An unsaved copy of {@code ca} that shows the certificate of generation {@code row} (for chains and downloads of
     * an older or announced certificate). Never persisted: it carries no key reference.
     */
    static AuthorityEntity asAuthority(AuthorityEntity ca, CaCertificateEntity row) {
        AuthorityEntity copy = new AuthorityEntity();
        copy.id = ca.id;
        copy.tenant = ca.tenant;
        copy.displayName = ca.displayName;
        copy.kind = ca.kind;
        copy.parentId = ca.parentId;
        copy.status = ca.status;
        copy.subjectDn = ca.subjectDn;
        copy.keyAlgorithm = ca.keyAlgorithm;
        copy.ekus = ca.ekus;
        copy.external = ca.external;
        copy.externalChainPem = row.externalChainPem != null ? row.externalChainPem : ca.externalChainPem;
        copy.createdAt = ca.createdAt;
        copy.generation = row.generation;
        copy.keyGeneration = row.keyGeneration;
        copy.serialHex = row.serialHex;
        copy.notBefore = row.notBefore;
        copy.notAfter = row.notAfter;
        copy.certificatePem = Pem.encode(Pem.certificate(row.certificateDer));
        return copy;
    }

    static CaCertificateEntity row(String authorityId, int generation, CaCertificateState state,
            X509Certificate certificate, int keyGeneration, byte[] keyReference, String keyProtection,
            Integer issuerKeyGeneration, boolean newKey) {
        CaCertificateEntity row = new CaCertificateEntity();
        row.authorityId = authorityId;
        row.generation = generation;
        row.state = state;
        row.serialHex = Serials.hex(certificate.getSerialNumber());
        row.certificateDer = Pem.der(certificate);
        row.keyGeneration = keyGeneration;
        row.keyReference = keyReference;
        row.keyProtection = keyProtection;
        row.issuerKeyGeneration = issuerKeyGeneration;
        row.newKey = newKey;
        row.notBefore = certificate.getNotBefore().toInstant();
        row.notAfter = certificate.getNotAfter().toInstant();
        row.createdAt = Instant.now();
        return row;
    }
}
