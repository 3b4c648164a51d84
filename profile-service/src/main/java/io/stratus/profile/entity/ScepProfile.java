package io.stratus.profile.entity;

import java.time.Instant;
import java.util.List;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A SCEP certificate profile: what a device's certificate must look like and where it enrolls. */
@Entity
@Table(name = "scep_profile")
public class ScepProfile {
    @Id
    public String id;
    public String tenant;
    public String name;
    @Enumerated(EnumType.STRING)
    public Platform platform;
    @Enumerated(EnumType.STRING)
    @Column(name = "certificate_type")
    public CertificateType certificateType;
    @Column(name = "authority_id")
    public String authorityId;
    @Column(name = "scep_url")
    public String scepUrl;
    @Column(name = "subject_name_format")
    public String subjectNameFormat;
    /** Stored as a JSON object ({@code {"items":[...]}}). */
    @JdbcTypeCode(SqlTypes.JSON)
    public SanTemplates sans;
    @Column(name = "validity_days")
    public int validityDays;
    /** {@code RSA} or {@code EC}. */
    @Column(name = "key_algorithm")
    public String keyAlgorithm;
    @Column(name = "key_size")
    public int keySize;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "key_usages")
    public List<String> keyUsages;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public List<String> ekus;
    /** Replaces validityDays when set (minutes; only where short validities are allowed). */
    @Column(name = "validity_minutes")
    public Integer validityMinutes;

    @Column(name = "renewal_threshold_percent")
    public int renewalThresholdPercent;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "trusted_profile_ids")
    public List<String> trustedProfileIds;
    /** Windows only; null for other platforms. */
    @Enumerated(EnumType.STRING)
    @Column(name = "key_storage_provider")
    public KeyStorageProvider keyStorageProvider;
    @Enumerated(EnumType.STRING)
    @Column(name = "hash_algorithm")
    public HashAlgorithm hashAlgorithm;
    /** When the profile stops applying to a device, ca-service revokes the device's certificates of it. */
    @Column(name = "revoke_on_unassignment")
    public boolean revokeOnUnassignment;
    /** Once a certificate's renewal is issued, ca-service revokes the renewed certificate (reason superseded). */
    @Column(name = "revoke_on_renewal")
    public boolean revokeOnRenewal;
    @Column(name = "created_at")
    public Instant createdAt;
}
