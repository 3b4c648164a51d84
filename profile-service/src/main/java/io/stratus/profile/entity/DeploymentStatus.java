package io.stratus.profile.entity;

/** Deployment state of one assignment on one device. */
public enum DeploymentStatus {
    /** The assignment was sent; no certificate yet. */
    PENDING,
    /** The CA issued the certificate. */
    SUCCEEDED,
    /** The profile could not be resolved for the device, or the CA refused the request. */
    FAILED,
    /** The device is in scope but runs another platform than the profile's. */
    NOT_APPLICABLE
}
