package io.stratus.profile.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A trusted-certificate profile: one CA certificate and the store a device installs it in. */
@Entity
@Table(name = "trusted_profile")
public class TrustedProfile {
    @Id
    public String id;
    public String tenant;
    public String name;
    @Enumerated(EnumType.STRING)
    public Platform platform;
    @Column(name = "certificate_pem")
    public String certificatePem;
    @Enumerated(EnumType.STRING)
    public TrustStore store;
    /** The Stratus CA this certificate belongs to, when known. */
    @Column(name = "authority_id")
    public String authorityId;
    @Column(name = "subject_dn")
    public String subjectDn;
    @Column(name = "created_at")
    public Instant createdAt;
}
