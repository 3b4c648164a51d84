package io.stratus.profile.service;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.DeploymentStatus;
import io.stratus.profile.entity.DeviceAssignment;
import io.stratus.profile.mapping.Views;
import io.stratus.profile.repository.DeviceAssignmentRepository;
import io.stratus.profile.repository.ScepProfileRepository;
import io.stratus.profile.rest.dto.ProfileReport;
import jakarta.enterprise.context.ApplicationScoped;

/** Deployment reports: the state of a profile on every device it was assigned to. */
@ApplicationScoped
public class ReportService {

    private final ScepProfileRepository profiles;
    private final DeviceAssignmentRepository deviceAssignments;

    public ReportService(ScepProfileRepository profiles, DeviceAssignmentRepository deviceAssignments) {
        this.profiles = profiles;
        this.deviceAssignments = deviceAssignments;
    }

    public Uni<ProfileReport> report(String tenant, String profileId) {
        return Panache.withSession(() -> profiles.find(tenant, profileId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("profile '" + profileId
                        + "' not found in tenant " + tenant))
                .chain(profile -> deviceAssignments.ofProfile(tenant, profileId)))
                .map(rows -> new ProfileReport(profileId, count(rows, DeploymentStatus.SUCCEEDED),
                        count(rows, DeploymentStatus.PENDING), count(rows, DeploymentStatus.FAILED),
                        count(rows, DeploymentStatus.NOT_APPLICABLE), rows.stream().map(Views::of).toList()));
    }

    private static long count(List<DeviceAssignment> rows, DeploymentStatus status) {
        return rows.stream().filter(row -> row.status == status).count();
    }
}
