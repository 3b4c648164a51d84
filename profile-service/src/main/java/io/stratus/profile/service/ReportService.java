package io.stratus.profile.service;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.rest.KeysetCursor;
import io.stratus.platform.rest.ProblemException;
import io.stratus.platform.rest.QueryInstants;
import io.stratus.profile.entity.DeploymentStatus;
import io.stratus.profile.entity.DeviceAssignment;
import io.stratus.profile.mapping.Views;
import io.stratus.profile.repository.DeviceAssignmentRepository;
import io.stratus.profile.repository.DeviceAssignmentRepository.CertificateLifetimes;
import io.stratus.profile.repository.DeviceRepository;
import io.stratus.profile.repository.ReportSnapshots;
import io.stratus.profile.repository.ReportSnapshots.Snapshot;
import io.stratus.profile.rest.dto.DeviceProfileStatus;
import io.stratus.profile.rest.dto.DeviceReport;
import io.stratus.profile.repository.ScepProfileRepository;
import io.stratus.profile.rest.dto.ProfileReport;
import jakarta.enterprise.context.ApplicationScoped;

/** Deployment reports: the state of a profile on every device it was assigned to. */
@ApplicationScoped
public class ReportService {

    /** A held certificate that ends within this is counted expiring. */
    public static final Duration EXPIRING_WITHIN = Duration.ofDays(30);

    /** Counts over time returned at most at once: 90 days at the default interval of 15 minutes hold 8,640. */
    public static final int MAX_HISTORY_POINTS = 10_000;
    /** How far back the report over time goes unless asked otherwise. */
    public static final Duration DEFAULT_HISTORY = Duration.ofDays(7);

    private final ScepProfileRepository profiles;
    private final DeviceAssignmentRepository deviceAssignments;
    private final DeviceRepository devices;
    private final ReportSnapshots snapshots;

    public ReportService(ScepProfileRepository profiles, DeviceAssignmentRepository deviceAssignments,
            DeviceRepository devices, ReportSnapshots snapshots) {
        this.profiles = profiles;
        this.deviceAssignments = deviceAssignments;
        this.devices = devices;
        this.snapshots = snapshots;
    }

    /**
     * The profile's devices counted by status over time (ReportHistory), oldest first, from {@code since} (an ISO-8601
     * instant; default the last {@link #DEFAULT_HISTORY}); 404 for a profile the tenant does not have.
     */
    public Uni<List<Snapshot>> history(String tenant, String profileId, String since) {
        Instant from = historyStart(since);
        return Panache.withSession(() -> profiles.find(tenant, profileId))
                .onItem().ifNull().failWith(() -> ProblemException.notFound("profile '" + profileId
                        + "' not found in tenant " + tenant))
                .chain(profile -> snapshots.since(tenant, profileId, from, MAX_HISTORY_POINTS));
    }

    private static Instant historyStart(String since) {
        Instant given = QueryInstants.parse(since, "since");
        return given != null ? given : Instant.now().minus(DEFAULT_HISTORY);
    }

    /**
     * The counts over all of the profile's devices and one page of device lines: up to {@code limit} (1 to 1000,
     * default 100) after the cursor {@code after} (the {@code next} of the previous page; null for the first).
     */
    public Uni<ProfileReport> report(String tenant, String profileId, Integer limit, String after) {
        int size = Page.of(limit, null).limit();
        KeysetCursor from = after == null || after.isBlank() ? null : KeysetCursor.decode(after);
        return Panache.withSession(() -> profiles.find(tenant, profileId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("profile '" + profileId
                        + "' not found in tenant " + tenant))
                .chain(profile -> deviceAssignments.statusCounts(tenant, profileId))
                .chain(counts -> deviceAssignments.lifetimes(tenant, profileId, Instant.now(), EXPIRING_WITHIN)
                        .chain(lifetimes -> deviceAssignments.pageOfProfile(tenant, profileId,
                                from == null ? null : from.position(), from == null ? null : from.id(), size + 1)
                                .map(rows -> report(profileId, counts, lifetimes, rows, size)))));
    }

    private static ProfileReport report(String profileId, Map<DeploymentStatus, Long> counts,
            CertificateLifetimes lifetimes, List<DeviceAssignment> rows, int size) {
        List<DeviceAssignment> page = rows.size() > size ? rows.subList(0, size) : rows;
        DeviceAssignment last = page.isEmpty() ? null : page.get(page.size() - 1);
        String next = rows.size() > size ? new KeysetCursor(last.deviceId, last.assignmentId).encode() : null;
        return new ProfileReport(profileId, counts.getOrDefault(DeploymentStatus.SUCCEEDED, 0L),
                counts.getOrDefault(DeploymentStatus.PENDING, 0L), counts.getOrDefault(DeploymentStatus.FAILED, 0L),
                counts.getOrDefault(DeploymentStatus.NOT_APPLICABLE, 0L), lifetimes.expiring(), lifetimes.expired(),
                lifetimes.superseded(), page.stream().map(Views::of).toList(), next);
    }

    /**
     * The per-device report: one entry per assignment that targets the device (a profile assigned twice appears
     * twice, with its assignment id). A revoked certificate shows as FAILED with reason "certificate ... revoked".
     */
    public Uni<DeviceReport> deviceReport(String tenant, String deviceId) {
        return Panache.withSession(() -> devices.find(tenant, deviceId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("device '" + deviceId
                        + "' not found in tenant " + tenant))
                .chain(device -> deviceAssignments.ofDevice(tenant, deviceId))
                .chain(rows -> profiles.findByIds(tenant, rows.stream().map(row -> row.profileId).distinct()
                        .toList()).map(found -> {
                            Map<String, String> names = new HashMap<>();
                            found.forEach(profile -> names.put(profile.id, profile.name));
                            List<DeviceProfileStatus> entries = rows.stream()
                                    .map(row -> new DeviceProfileStatus(row.profileId, names.get(row.profileId),
                                            row.assignmentId, row.status.name(), row.reason, row.serialNumber,
                                            row.notAfter, row.updatedAt))
                                    .toList();
                            return new DeviceReport(deviceId, count(rows, DeploymentStatus.SUCCEEDED),
                                    count(rows, DeploymentStatus.PENDING), count(rows, DeploymentStatus.FAILED),
                                    count(rows, DeploymentStatus.NOT_APPLICABLE), entries);
                        })));
    }

    private static long count(List<DeviceAssignment> rows, DeploymentStatus status) {
        return rows.stream().filter(row -> row.status == status).count();
    }
}
