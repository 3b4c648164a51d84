package io.stratus.profile.service;

import java.util.List;
import java.util.Objects;

import io.smallrye.mutiny.Uni;
import io.stratus.events.CloudEvent;
import io.stratus.events.TrustedCertificate;
import io.stratus.profile.entity.Assignment;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.ScepProfile;
import io.stratus.profile.messaging.OutboxWriter;
import io.stratus.profile.repository.DeviceAssignmentRepository;
import io.stratus.profile.repository.TrustedProfileRepository;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Deploys an assignment to devices inside the caller's transaction: one status row per device and, for each
 * device the profile resolves for, a ProfileAssigned event in the outbox.
 */
@ApplicationScoped
public class DeploymentService {

    private final DeploymentPlanner planner;
    private final TrustedProfileRepository trustedProfiles;
    private final DeviceAssignmentRepository deviceAssignments;
    private final OutboxWriter outbox;

    public DeploymentService(DeploymentPlanner planner, TrustedProfileRepository trustedProfiles,
            DeviceAssignmentRepository deviceAssignments, OutboxWriter outbox) {
        this.planner = planner;
        this.trustedProfiles = trustedProfiles;
        this.deviceAssignments = deviceAssignments;
        this.outbox = outbox;
    }

    public Uni<DeploymentCounts> deploy(Assignment assignment, ScepProfile profile, List<Device> devices) {
        if (devices.isEmpty()) {
            return Uni.createFrom().item(DeploymentCounts.NONE);
        }
        return trustedCertificates(profile)
                .chain(trusted -> Offload.onWorker(() -> planner.plan(profile, trusted, assignment.id, devices)))
                .call(plans -> deviceAssignments.persist(plans.stream().map(PlannedDeployment::status).toList()))
                .call(plans -> outbox.append(events(plans)))
                .map(DeploymentCounts::of);
    }

    private Uni<List<TrustedCertificate>> trustedCertificates(ScepProfile profile) {
        return trustedProfiles.findByIds(profile.tenant, profile.trustedProfileIds)
                .map(found -> profile.trustedProfileIds.stream()
                        .flatMap(id -> found.stream().filter(trusted -> trusted.id.equals(id)))
                        .map(trusted -> new TrustedCertificate(trusted.authorityId, trusted.store.name(),
                                trusted.certificatePem))
                        .toList());
    }

    private static List<CloudEvent> events(List<PlannedDeployment> plans) {
        return plans.stream().map(PlannedDeployment::event).filter(Objects::nonNull).toList();
    }
}
