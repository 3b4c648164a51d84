package io.stratus.enrollment.service;

import java.util.Map;

import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.stratus.crypto.Csrs.ParsedCsr;
import io.stratus.crypto.scep.FailInfo;
import io.stratus.enrollment.config.EnrollmentConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Static challenge mode (off by default; INSECURE for fleets): a PKCSReq whose challengePassword is the
 * CA's static challenge is accepted for any subject, under {@link StaticPolicy}. The challenge set through
 * the admin API (stored salted and hashed) wins over {@code stratus.enrollment.static-challenge.<caId>}.
 */
@ApplicationScoped
@Startup
public class StaticEnrollment {

    static final int MAX_DEVICE_ID = 120;

    private final StaticChallengeStore store;
    private final IssuanceRelay relay;
    private final Map<String, byte[]> configured = new java.util.HashMap<>();
    private final byte[] configSalt = StaticChallengeHash.newSalt();
    private final int renewalThresholdPercent;

    public StaticEnrollment(StaticChallengeStore store, IssuanceRelay relay, EnrollmentConfig config) {
        this.store = store;
        this.relay = relay;
        configured.putAll(hashConfigured(config.staticChallenge(), configSalt));
        this.renewalThresholdPercent = config.staticRenewalThresholdPercent();
    }

    /**
     * The configured static challenges, kept hashed in memory too so the comparison is the same constant-time one.
     * They follow the API's rules (at least {@value StaticChallenges#MIN_LENGTH} printable characters): a weaker one
     * stops the service from starting, naming the key, never the value.
     */
    static Map<String, byte[]> hashConfigured(Map<String, String> challenges, byte[] salt) {
        Map<String, byte[]> hashed = new java.util.HashMap<>();
        challenges.forEach((caId, challenge) -> {
            if (challenge == null || challenge.isEmpty()) {
                return;
            }
            String problem = StaticChallenges.problem(challenge);
            if (problem != null) {
                throw new IllegalStateException("stratus.enrollment.static-challenge." + caId + ": " + problem);
            }
            hashed.put(caId, StaticChallengeHash.hash(salt, challenge));
        });
        return hashed;
    }

    /** True when static mode is on for this CA (a static challenge is set for it, through the API or configuration). */
    public Uni<Boolean> isOn(ScepAuthority ca) {
        String caId = ca.authority().id();
        return store.find(caId).map(stored -> stored != null
                ? stored.tenant().equals(ca.authority().tenant())
                : configured.containsKey(caId));
    }

    /** True when static mode is on for this CA and {@code challenge} is its static challenge. */
    public Uni<Boolean> matches(ScepAuthority ca, String challenge) {
        if (challenge == null || challenge.isEmpty()) {
            return Uni.createFrom().item(false);
        }
        String caId = ca.authority().id();
        return store.find(caId).map(stored -> {
            if (stored != null) {
                return stored.tenant().equals(ca.authority().tenant())
                        && StaticChallengeHash.matches(stored.salt(), stored.hash(), challenge);
            }
            byte[] expected = configured.get(caId);
            return expected != null && StaticChallengeHash.matches(configSalt, expected, challenge);
        });
    }

    /** Relays a PKCSReq authorised by the static challenge (the CSR still needs a CN and an RSA key ≥ 2048). */
    public Uni<ScepAnswer> enroll(ScepAuthority ca, DecodedRequest decoded) {
        String transactionId = decoded.request().transactionId();
        ParsedCsr csr = decoded.csr();
        StaticPolicy.Outcome outcome = StaticPolicy.of(csr, renewalThresholdPercent);
        if (outcome.policy() == null) {
            return IssuanceRelay.refuse(transactionId, FailInfo.badRequest, "static challenge: " + outcome.violation());
        }
        Enrollment pending = Enrollment.staticChallenge(transactionId, ca.authority().tenant(), ca.authority().id(),
                deviceId(outcome.commonName()), outcome.policy());
        return relay.openAndRelay(ca, pending, csr, decoded.requesterKey());
    }

    /** The device id a static enrollment is recorded (and keyed on Kafka) under: {@code static:<CN>}. */
    static String deviceId(String commonName) {
        String id = "static:" + commonName;
        return id.length() <= MAX_DEVICE_ID ? id : "static:sha256:" + ChallengeHashes.sha256Hex(commonName);
    }
}
