package io.stratus.profile.service;

import io.stratus.events.CloudEvent;
import io.stratus.profile.entity.DeviceAssignment;

/** What an assignment does to one device: its status row and, when PENDING, the ProfileAssigned event. */
public record PlannedDeployment(DeviceAssignment status, CloudEvent event) {
}
