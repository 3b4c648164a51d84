package io.stratus.ca.entity;

/** State of an issued certificate. */
public enum CertificateStatus {
    ISSUED, REVOKED
}
