package io.stratus.simulator.service;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import io.stratus.crypto.ChallengeSeal;
import io.stratus.crypto.CryptoException;
import io.stratus.crypto.Csrs;
import io.stratus.crypto.scep.ScepClientMessages;
import io.stratus.crypto.KeyAlgorithm;
import io.stratus.crypto.Pem;
import io.stratus.crypto.San;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.KeySpec;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.events.SubjectAltName;
import io.stratus.events.TrustedCertificate;
import io.stratus.simulator.config.SimulatorConfig;
import io.stratus.simulator.entity.InstalledCertificate;
import io.stratus.simulator.entity.PreparedEnrollment;
import io.stratus.simulator.entity.SimulatedDevice;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What an MDM agent does when a SCEP profile arrives, before it talks SCEP: installs the trusted
 * certificates, opens the challenge sealed to the device's identity key, generates the key the
 * policy asks for and builds the PKCS#10 request (the policy's subject and SANs, the challenge as
 * challengePassword).
 */
@ApplicationScoped
public class AssignmentPreparer {

    private final KeyPool keyPool;
    private final BenchKeys benchKeys;
    private final SimulatorConfig config;

    public AssignmentPreparer(KeyPool keyPool, BenchKeys benchKeys, SimulatorConfig config) {
        this.keyPool = keyPool;
        this.benchKeys = benchKeys;
        this.config = config;
    }

    /**
     * @throws InvalidAssignmentException when the assignment cannot be acted on (no policy, unsupported
     *         key, a challenge that does not open with the device's key, a bad SCEP URL or certificate)
     */
    public PreparedEnrollment prepare(SimulatedDevice device, ProfileAssignedEvent assignment) {
        IssuancePolicy policy = assignment.policy();
        if (policy == null || policy.keySpec() == null) {
            throw new InvalidAssignmentException("the assignment carries no issuance policy");
        }
        URI scepUrl = scepUrl(assignment);
        device.installed(assignment.assignmentId(), trustedCertificates(assignment.trustedCertificates()));
        String challenge = openChallenge(device, assignment.sealedChallenge());
        KeyAlgorithm algorithm = keyAlgorithm(policy.keySpec());
        boolean bench = device.benchId() != null;
        KeyPair keys = bench ? benchKeys.take(algorithm) : keyPool.take(algorithm);
        byte[] csr = Csrs.build(keys, policy.subject(), sans(policy.subjectAltNames()), challenge, hash(assignment));
        String transactionId = bench ? BenchKeys.transactionId(csr) : ScepClientMessages.transactionId(keys.getPublic());
        return new PreparedEnrollment(assignment.assignmentId(), scepUrl, keys, csr, policy.subject(), transactionId);
    }

    /** The hash the profile wants the request signed with (null: the key's usual one). */
    static Csrs.HashChoice hash(ProfileAssignedEvent assignment) {
        try {
            return Csrs.HashChoice.of(assignment.hashAlgorithm());
        } catch (IllegalArgumentException e) {
            throw new InvalidAssignmentException("unsupported hash algorithm " + assignment.hashAlgorithm());
        }
    }

    private static List<InstalledCertificate> trustedCertificates(List<TrustedCertificate> trusted) {
        List<InstalledCertificate> installed = new ArrayList<>();
        if (trusted == null) {
            return installed;
        }
        for (TrustedCertificate entry : trusted) {
            List<X509Certificate> certificates;
            try {
                certificates = Pem.certificates(entry.certificatePem());
            } catch (IllegalArgumentException e) {
                throw new InvalidAssignmentException("trusted certificate of authority " + entry.authorityId()
                        + " is not a PEM certificate");
            }
            for (X509Certificate certificate : certificates) {
                installed.add(new InstalledCertificate(entry.store(), certificate));
            }
        }
        return installed;
    }

    private static String openChallenge(SimulatedDevice device, String sealedChallenge) {
        if (sealedChallenge == null || sealedChallenge.isBlank()) {
            throw new InvalidAssignmentException("the assignment carries no challenge");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(sealedChallenge.trim());
            byte[] challenge = ChallengeSeal.open(sealed, device.identity().getPrivate(), device.identity().getPublic());
            return new String(challenge, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException | CryptoException e) {
            throw new InvalidAssignmentException("the challenge does not open with the device's identity key");
        }
    }

    private static KeyAlgorithm keyAlgorithm(KeySpec spec) {
        try {
            return KeyAlgorithm.of(spec.algorithm(), spec.size());
        } catch (IllegalArgumentException e) {
            throw new InvalidAssignmentException("unsupported key " + spec.algorithm() + " " + spec.size());
        }
    }

    static List<San> sans(List<SubjectAltName> names) {
        List<San> sans = new ArrayList<>();
        if (names == null) {
            return sans;
        }
        for (SubjectAltName name : names) {
            try {
                sans.add(new San(San.Type.valueOf(name.type().name()), name.value()));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidAssignmentException("unsupported subject alternative name " + name);
            }
        }
        return sans;
    }

    /**
     * Where to enroll for an assignment: the override, else the assignment's SCEP URL, on the replica of the device
     * when replicas are configured.
     */
    public URI scepUrl(ProfileAssignedEvent assignment) {
        String url = config.scepUrlOverride().filter(u -> !u.isBlank()).orElse(assignment.scepUrl());
        if (url == null || url.isBlank()) {
            throw new InvalidAssignmentException("the assignment carries no SCEP URL");
        }
        try {
            URI uri = URI.create(url.trim());
            List<String> replicas = config.scepReplicas().orElse(List.of());
            if (!replicas.isEmpty() && assignment.deviceId() != null) {
                uri = onReplica(uri, replicas.get(Math.floorMod(assignment.deviceId().hashCode(), replicas.size())));
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                throw new IllegalArgumentException("not http(s)");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new InvalidAssignmentException("the SCEP URL is not an absolute http(s) URL: " + url);
        }
    }

    /** The URL's path and query at the replica's origin. */
    static URI onReplica(URI url, String replicaOrigin) {
        String rest = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        return URI.create(replicaOrigin.trim().replaceAll("/+$", "") + rest);
    }

    /** The assignment cannot be acted on. */
    public static final class InvalidAssignmentException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidAssignmentException(String message) {
            super(message);
        }
    }
}
