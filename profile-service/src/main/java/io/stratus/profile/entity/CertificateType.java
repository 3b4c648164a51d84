package io.stratus.profile.entity;

/** Whom a SCEP profile's certificate identifies. */
public enum CertificateType {
    DEVICE, USER
}
