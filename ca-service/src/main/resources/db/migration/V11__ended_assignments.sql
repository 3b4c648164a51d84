-- When a device's assignment ended with revocation (its ProfileUnassigned said so), by the time profile-service
-- decided it. A certificate signed later for a request accepted before that time is revoked at once: the request
-- was on its way when the assignment ended. One row per device and assignment; a later end moves the time.
CREATE TABLE ended_assignment (
    tenant        VARCHAR(64)  NOT NULL,
    assignment_id VARCHAR(200) NOT NULL,
    device_id     VARCHAR(200) NOT NULL,
    ended_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (tenant, assignment_id, device_id)
);
