package io.stratus.enrollment.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Configuration of enrollment-service ({@code stratus.enrollment.*}). */
@ConfigMapping(prefix = "stratus.enrollment")
public interface EnrollmentConfig {

    /** Base64 of 32 bytes: the AES-256-GCM key-encryption key of the RA private keys. Required. */
    String kek();

    /**
     * Base64 of the 32-byte key that seals this service's audit log (HMAC-SHA256). Required; it must stay the same
     * for the seals written under it to verify. Read by the audit log itself ({@code AuditTrails} in libs/platform).
     */
    Optional<String> auditKey();


    /** How long a PKCSReq waits for the CA's answer before replying PENDING. */
    @WithDefault("5s")
    Duration replyTimeout();

    /**
     * How long an unknown challenge is looked up again before it is refused: the device and this service
     * read the same assignment event independently, and the device may be first.
     */
    @WithDefault("3s")
    Duration challengeArrivalGrace();

    /**
     * How many PKCSReqs per CA may wait out the arrival grace at once; past that an unknown challenge is refused at
     * once (badRequest), so that made-up challenges cost a bounded number of lookups.
     */
    @WithDefault("64")
    int challengeArrivalGraceSlots();

    /**
     * How long a PENDING transaction (or a pending RA certificate) waits since its last CertificateRequested
     * before a CertPoll, a repeated request or GetCACert publishes it again (the first may have been lost
     * between the database commit and Kafka). ca-service answers a repeated transaction id idempotently.
     */
    @WithDefault("30s")
    Duration reRelayAfter();

    /**
     * How long a SCEP request reuses the CA, its RA credential and its GetCACert answer as loaded by an earlier
     * request instead of reading them again. Changes this service learns of from authority and certificate events
     * apply at once; the time bounds what another replica changed. Zero reads them for every request.
     */
    @WithDefault("2s")
    Duration authorityCacheTtl();

    /** Largest PKIOperation message accepted; larger bodies get HTTP 413. */
    @WithDefault("65536")
    int maxBodyBytes();

    /**
     * Static SCEP challenges by issuing-CA id ({@code stratus.enrollment.static-challenge.<caId>}); off
     * unless set. INSECURE for fleets: anyone who knows it gets a certificate for any CN.
     */
    @WithName("static-challenge")
    Map<String, String> staticChallenge();

    /**
     * Issuing-CA ids (or {@code *}) whose SCEP requests may use 3DES content encryption and SHA-1 digests (GetCACaps
     * then lists {@code DES3} and {@code SHA-1}). Empty by default: only AES and SHA-2 are accepted (else badAlg).
     */
    Optional<List<String>> legacyAlgorithmsFor();

    /**
     * Issuing-CA ids (or {@code *}) whose SCEP requests may use single-DES content encryption (and 3DES and SHA-1, as
     * {@link #legacyAlgorithmsFor}), which micromdm's scepclient 2.1 sends whatever GetCACaps says. Empty by default:
     * DES is refused (badAlg).
     */
    Optional<List<String>> desAllowedFor();

    /**
     * How far ahead of this service's clock a device's clock may be: a renewal is accepted that much before its
     * certificate's renewal window opens.
     */
    @WithDefault("5m")
    Duration renewalClockSkew();

    /**
     * The renewal threshold of certificates enrolled with a static challenge (which have no profile): they renew
     * once less than this share of their validity remains, while the CA's static challenge is still set.
     */
    @WithDefault("20")
    int staticRenewalThresholdPercent();

    /**
     * How many refused PKIOperations (a FAILURE CertRep or a 4xx answer) one client address may cause at one CA within
     * {@link #clientRefusalWindow}; past that its PKIOperations to that CA get HTTP 429 until the window ends. 0 turns
     * the limit off. Behind a proxy or ingress, let Quarkus take the client's address from the forwarding headers
     * ({@code quarkus.http.proxy.proxy-address-forwarding}), or every device counts as the proxy.
     */
    @WithDefault("30")
    int clientRefusalLimit();

    /** The window of {@link #clientRefusalLimit}, counted from a client's first refusal. */
    @WithDefault("1m")
    Duration clientRefusalWindow();

    /** Client addresses never limited (the local stack's loopback, where every simulated device shares one address). */
    Optional<List<String>> clientRefusalExempt();

    /**
     * ca-service's base URL, where published CRLs are downloaded from (a CrlPublished only names which of its CA's
     * CRLs; {@link io.stratus.enrollment.service.CrlLocation}).
     */
    @WithDefault("http://localhost:8081")
    String crlBaseUrl();

    /** How long fetching a published CRL from ca-service may take. */
    @WithDefault("10s")
    Duration crlFetchTimeout();
}
