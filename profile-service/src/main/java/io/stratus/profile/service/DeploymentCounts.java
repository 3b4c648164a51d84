package io.stratus.profile.service;

import java.util.List;

import io.stratus.profile.entity.DeploymentStatus;

/** What a change did to devices: deployments planned by status, and unassignments sent. */
public record DeploymentCounts(int devices, int assigned, int failed, int notApplicable, int unassigned) {

    public static final DeploymentCounts NONE = new DeploymentCounts(0, 0, 0, 0, 0);

    static DeploymentCounts of(List<PlannedDeployment> plans) {
        int assigned = count(plans, DeploymentStatus.PENDING);
        int failed = count(plans, DeploymentStatus.FAILED);
        int notApplicable = count(plans, DeploymentStatus.NOT_APPLICABLE);
        return new DeploymentCounts(plans.size(), assigned, failed, notApplicable, 0);
    }

    static DeploymentCounts unassigned(int unassigned) {
        return new DeploymentCounts(0, 0, 0, 0, unassigned);
    }

    public DeploymentCounts plus(DeploymentCounts other) {
        return new DeploymentCounts(devices + other.devices, assigned + other.assigned, failed + other.failed,
                notApplicable + other.notApplicable, unassigned + other.unassigned);
    }

    private static int count(List<PlannedDeployment> plans, DeploymentStatus status) {
        return (int) plans.stream().filter(plan -> plan.status().status == status).count();
    }
}
