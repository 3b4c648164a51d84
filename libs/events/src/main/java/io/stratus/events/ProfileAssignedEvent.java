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
 */
public record ProfileAssignedEvent(String tenant, String deviceId, String assignmentId, String profileId,
        String authorityId, String scepUrl, List<TrustedCertificate> trustedCertificates, IssuancePolicy policy,
        int renewalThresholdPercent, String sealedChallenge, String challengeHash, Instant challengeExpiresAt)
        implements StratusEvent {
    @Override
    public String key() {
        return deviceId;
    }
}
