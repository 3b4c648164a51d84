package io.stratus.profile.service;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.logging.Log;
import io.stratus.crypto.Pem;
import io.stratus.events.CloudEvent;
import io.stratus.events.IssuancePolicy;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.events.TrustedCertificate;
import io.stratus.profile.config.ProfileConfig;
import io.stratus.profile.entity.AppUser;
import io.stratus.profile.entity.DeploymentStatus;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.DeviceAssignment;
import io.stratus.profile.entity.ScepProfile;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Decides, per device, what an assignment of a SCEP profile does: not applicable (other platform), failed
 * (the profile does not resolve for the device) or pending with a ProfileAssigned event that carries a fresh
 * sealed challenge. Pure computation, CPU-bound (sealing): run it on a worker thread.
 */
@ApplicationScoped
public class DeploymentPlanner {

    public static final String EVENT_SOURCE = "/stratus/profile-service";

    private final PolicyResolver policies;
    private final ChallengeIssuer challenges;
    private final ProfileConfig config;

    public DeploymentPlanner(PolicyResolver policies, ChallengeIssuer challenges, ProfileConfig config) {
        this.policies = policies;
        this.challenges = challenges;
        this.config = config;
    }

    public List<PlannedDeployment> plan(ScepProfile profile, List<TrustedCertificate> trusted, String assignmentId,
            List<Device> devices, Map<String, AppUser> users) {
        Instant now = Instant.now();
        String domain = config.deviceDomain().orElse(null);
        List<PlannedDeployment> plans = new ArrayList<>(devices.size());
        for (Device device : devices) {
            AppUser user = device.primaryUserId == null ? null : users.get(device.primaryUserId);
            plans.add(planOne(profile, trusted, assignmentId, new VariableSource(device, user, domain), now));
        }
        return plans;
    }

    private PlannedDeployment planOne(ScepProfile profile, List<TrustedCertificate> trusted, String assignmentId,
            VariableSource source, Instant now) {
        Device device = source.device();
        DeviceAssignment status = status(profile, assignmentId, device, now);
        if (device.platform != profile.platform) {
            status.status = DeploymentStatus.NOT_APPLICABLE;
            status.reason = "the device runs " + device.platform + ", the profile targets " + profile.platform;
            return new PlannedDeployment(status, null);
        }
        IssuancePolicy policy;
        try {
            policy = policies.resolve(profile, source);
        } catch (ProfileResolutionException e) {
            Log.infof("profile %s cannot be resolved for device %s of tenant %s: %s", profile.id, device.id,
                    device.tenant, e.getMessage());
            status.status = DeploymentStatus.FAILED;
            status.reason = e.getMessage();
            return new PlannedDeployment(status, null);
        }
        if (device.identityPublicKey == null) {
            status.status = DeploymentStatus.FAILED;
            status.reason = "device has no registered identity key to seal its challenge to";
            return new PlannedDeployment(status, null);
        }
        PublicKey identityKey = Pem.publicKey(device.identityPublicKey);
        ChallengeIssuer.SealedChallenge challenge = challenges.issue(identityKey);
        ProfileAssignedEvent assigned = new ProfileAssignedEvent(device.tenant, device.id, assignmentId, profile.id,
                profile.authorityId, profile.scepUrl, trusted, policy, profile.renewalThresholdPercent,
                challenge.sealed(), challenge.hash(), now.plus(config.challengeTtl()),
                profile.keyStorageProvider == null ? null : profile.keyStorageProvider.name(),
                profile.hashAlgorithm.name());
        status.status = DeploymentStatus.PENDING;
        status.delivered = true;
        return new PlannedDeployment(status, CloudEvent.of(EVENT_SOURCE, assigned));
    }

    private static DeviceAssignment status(ScepProfile profile, String assignmentId, Device device, Instant now) {
        DeviceAssignment status = new DeviceAssignment();
        status.tenant = device.tenant;
        status.deviceId = device.id;
        status.assignmentId = assignmentId;
        status.profileId = profile.id;
        status.updatedAt = now;
        return status;
    }
}
