package io.stratus.events;

import java.util.List;

/**
 * What a certificate must contain, resolved by profile-service from the profile and the device and
 * attached to the request, so the CA never calls back. EKUs and key usages are OIDs / names from the
 * profile, never from the CSR.
 *
 * @param subject         the subject DN in RFC 4514 form (e.g. {@code CN=dev-1,O=Contoso})
 * @param subjectAltNames the SANs
 * @param keySpec         the minimum key type and size the CSR must carry
 * @param extendedKeyUsages EKU OIDs (e.g. {@code 1.3.6.1.5.5.7.3.2})
 * @param keyUsages       {@code digitalSignature}, {@code keyEncipherment}
 * @param validityDays    validity; capped by the CA's remaining life
 * @param revokeRenewedCertificate whether the CA revokes a certificate once its renewal is issued (reason superseded);
 *                        otherwise the renewed certificate stays valid until it expires, marked superseded
 * @param renewalThresholdPercent the profile's renewal threshold: once less than this share of the certificate's
 *                        validity remains, the CA announces CertificateRenewalDue; null where the requester did not
 *                        say (an RA certificate, an older request), then the CA announces nothing
 * @param validityMinutes when set, the certificate is valid this many minutes instead of {@code validityDays}; only
 *                        profiles of a deployment that allows short validities (demos and tests, never production)
 *                        carry it
 */
public record IssuancePolicy(String subject, List<SubjectAltName> subjectAltNames, KeySpec keySpec,
        List<String> extendedKeyUsages, List<String> keyUsages, int validityDays, boolean revokeRenewedCertificate,
        Integer renewalThresholdPercent, Integer validityMinutes) {

    /** A policy of {@code validityDays} without a renewal threshold. */
    public IssuancePolicy(String subject, List<SubjectAltName> subjectAltNames, KeySpec keySpec,
            List<String> extendedKeyUsages, List<String> keyUsages, int validityDays,
            boolean revokeRenewedCertificate) {
        this(subject, subjectAltNames, keySpec, extendedKeyUsages, keyUsages, validityDays, revokeRenewedCertificate,
                null, null);
    }

    /** A policy that leaves a renewed certificate valid until it expires. */
    public IssuancePolicy(String subject, List<SubjectAltName> subjectAltNames, KeySpec keySpec,
            List<String> extendedKeyUsages, List<String> keyUsages, int validityDays) {
        this(subject, subjectAltNames, keySpec, extendedKeyUsages, keyUsages, validityDays, false);
    }
}
