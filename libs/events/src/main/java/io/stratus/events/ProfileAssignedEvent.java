package io.stratus.events;

import java.time.Instant;
import java.util.List;

/**
 * A SCEP profile applies to a device. Carries what the device needs (the SCEP URL, the trust chain,
 * the resolved subject and SANs, the key to generate, and its one-time challenge sealed to the
 * device's identity key) and what enrollment-service needs to check the request (the challenge's
 * hash, expiry and the resolved policy). The challenge itself never travels in clear.
 *
 * @param sealedChallenge   CMS EnvelopedData (base64 DER) of the challenge, to the device's identity key
 * @param challengeHash     hex SHA-256 of the challenge
 * @param keyStorageProvider where a Windows device keeps the key (Intune's KSP setting: TPM_OR_SOFTWARE,
 *                          TPM_REQUIRED, PASSPORT, SOFTWARE); null for other platforms
 * @param hashAlgorithm     the hash the device signs its request with (SHA256, SHA384, SHA512); null: SHA256
 */
public record ProfileAssignedEvent(String tenant, String deviceId, String assignmentId, String profileId,
        String authorityId, String scepUrl, List<TrustedCertificate> trustedCertificates, IssuancePolicy policy,
        int renewalThresholdPercent, String sealedChallenge, String challengeHash, Instant challengeExpiresAt,
        String keyStorageProvider, String hashAlgorithm) implements StratusEvent {

    /** An assignment with the device's default key storage and hash. */
    public ProfileAssignedEvent(String tenant, String deviceId, String assignmentId, String profileId, String authorityId,
            String scepUrl, List<TrustedCertificate> trustedCertificates, IssuancePolicy policy,
            int renewalThresholdPercent, String sealedChallenge, String challengeHash, Instant challengeExpiresAt) {
        this(tenant, deviceId, assignmentId, profileId, authorityId, scepUrl, trustedCertificates, policy,
                renewalThresholdPercent, sealedChallenge, challengeHash, challengeExpiresAt, null, null);
    }

    @Override
    public String key() {
        return deviceId;
    }
}
