package io.stratus.profile.service;

import java.time.Instant;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.events.CertificateIssuedEvent;
import io.stratus.events.CertificateRevokedEvent;
import io.stratus.events.CertificateRejectedEvent;
import io.stratus.events.RequestPurpose;
import io.stratus.profile.entity.DeploymentStatus;
import io.stratus.profile.repository.SqlDeploymentOutcomeStore;
import jakarta.enterprise.context.ApplicationScoped;

/** Records what the CA did with a device's request in the device's assignment status. Idempotent. */
@ApplicationScoped
public class DeploymentOutcomes {

    private final SqlDeploymentOutcomeStore deviceAssignments;

    public DeploymentOutcomes(SqlDeploymentOutcomeStore deviceAssignments) {
        this.deviceAssignments = deviceAssignments;
    }

    public Uni<Void> issued(CertificateIssuedEvent event, Instant at) {
        if (!concernsAssignment(event.purpose(), event.assignmentId(), event.deviceId())) {
            return Uni.createFrom().voidItem();
        }
        return record(event.tenant(), event.deviceId(), event.assignmentId(), DeploymentStatus.SUCCEEDED,
                event.serialNumber(), event.notAfter(), null, at);
    }

    public Uni<Void> rejected(CertificateRejectedEvent event, Instant at) {
        if (!concernsAssignment(event.purpose(), event.assignmentId(), event.deviceId())) {
            return Uni.createFrom().voidItem();
        }
        String reason = event.detail() == null || event.detail().isBlank() ? event.reason()
                : event.reason() + ": " + event.detail();
        return record(event.tenant(), event.deviceId(), event.assignmentId(), DeploymentStatus.FAILED, null, null,
                reason, at);
    }

    /** A revoked device certificate turns its row FAILED with reason "certificate revoked (...)". Idempotent. */
    public Uni<Void> revoked(CertificateRevokedEvent event, Instant at) {
        if (event.deviceId() == null || event.serialNumber() == null) {
            return Uni.createFrom().voidItem();
        }
        String reason = "certificate " + event.serialNumber() + " revoked"
                + (event.reason() == null || event.reason().isBlank() ? "" : " (" + event.reason() + ")");
        return deviceAssignments.recordRevocation(event.tenant(), event.deviceId(), event.serialNumber(), reason, at)
                .invoke(changed -> Log.infof("device %s of tenant %s: certificate %s revoked, %d deployment(s) marked"
                        + " failed", event.deviceId(), event.tenant(), event.serialNumber(), changed))
                .replaceWithVoid();
    }

    private Uni<Void> record(String tenant, String deviceId, String assignmentId, DeploymentStatus status,
            String serialNumber, Instant notAfter, String reason, Instant at) {
        return deviceAssignments.recordOutcome(tenant, deviceId, assignmentId, status, serialNumber, notAfter,
                reason, at)
                .invoke(changed -> {
                    if (changed > 0) {
                        Log.infof("device %s of tenant %s, assignment %s: %s", deviceId, tenant, assignmentId, status);
                    } else {
                        Log.debugf("device %s of tenant %s, assignment %s: already %s or unknown", deviceId, tenant,
                                assignmentId, status);
                    }
                })
                .replaceWithVoid();
    }

    private static boolean concernsAssignment(RequestPurpose purpose, String assignmentId, String deviceId) {
        return purpose == RequestPurpose.DEVICE && assignmentId != null && deviceId != null;
    }
}
