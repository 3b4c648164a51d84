package io.stratus.ca.support;

import java.security.KeyPair;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.stratus.crypto.KeyAlgorithm;
import io.stratus.events.CertificateRequestedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.KeySpec;
import io.stratus.events.RequestPurpose;
import io.stratus.events.StratusEvent;
import io.stratus.events.SubjectAltName;

/** Asks a CA for a device certificate over Kafka, as enrollment-service does, and returns the outcome event. */
public final class Leaves {

    private static final KeyPair DEVICE_KEY = KeyAlgorithm.EC_P256.generate();

    private Leaves() {
    }

    /**
     * CertificateIssuedEvent or CertificateRejectedEvent for a fresh transaction; device id "device-" + tx, SANs DNS
     * dev.contoso.test and UPN {@code <device id>@Contoso.test}.
     */
    public static StratusEvent request(TopicReader outcomes, String tenant, String authorityId) {
        return request(outcomes, tenant, authorityId, null, "profile-1");
    }

    /** Like {@link #request(TopicReader, String, String)} for a given device (null: "device-" + tx) and profile. */
    public static StratusEvent request(TopicReader outcomes, String tenant, String authorityId, String deviceId,
            String profileId) {
        return request(outcomes, tenant, authorityId, deviceId, profileId, null, null);
    }

    /** Like {@link #request(TopicReader, String, String, String, String)} with a renewal threshold and minutes. */
    public static StratusEvent request(TopicReader outcomes, String tenant, String authorityId, String deviceId,
            String profileId, Integer renewalThresholdPercent, Integer validityMinutes) {
        String tx = "tx-" + UUID.randomUUID();
        String device = deviceId != null ? deviceId : "device-" + tx;
        IssuancePolicy policy = new IssuancePolicy("CN=" + tx + ",O=Contoso",
                List.of(new SubjectAltName(SubjectAltName.Type.DNS, "dev.contoso.test"),
                        new SubjectAltName(SubjectAltName.Type.UPN, device + "@Contoso.test")), KeySpec.ec(256),
                List.of("1.3.6.1.5.5.7.3.2"), List.of("digitalSignature"), 30, false, renewalThresholdPercent,
                validityMinutes);
        String publicKey = Base64.getEncoder().encodeToString(DEVICE_KEY.getPublic().getEncoded());
        CertificateRequestedEvent request = new CertificateRequestedEvent(tenant, tx, authorityId,
                device, "assignment-1", profileId, RequestPurpose.DEVICE, publicKey,
                policy, null);
        Kafka.send(CloudEvent.of("/stratus/enrollment-service", request));
        return Kafka.decode(outcomes.await(r -> r.value().contains("\"transactionId\":\"" + tx + "\""))).data();
    }
}
