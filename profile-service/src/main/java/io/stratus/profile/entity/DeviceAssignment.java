package io.stratus.profile.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

/** Deployment status of one assignment on one device. */
@Entity
@Table(name = "device_assignment")
@IdClass(DeviceAssignmentKey.class)
public class DeviceAssignment {
    @Id
    @Column(name = "device_id")
    public String deviceId;
    @Id
    @Column(name = "assignment_id")
    public String assignmentId;
    public String tenant;
    @Column(name = "profile_id")
    public String profileId;
    @Enumerated(EnumType.STRING)
    public DeploymentStatus status;
    public String reason;
    @Column(name = "serial_number")
    public String serialNumber;
    /** Expiry of the certificate issued for this row, when it succeeded. */
    @Column(name = "not_after")
    public Instant notAfter;
    /** Certificates of this row replaced by a newer one while it was SUCCEEDED (renewals). */
    @Column(insertable = false, updatable = false)
    public int superseded;
    /** A ProfileAssigned was sent for this row, so removing it sends a ProfileUnassigned. */
    public boolean delivered;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
