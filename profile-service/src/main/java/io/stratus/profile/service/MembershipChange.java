package io.stratus.profile.service;

/** What re-evaluating dynamic groups did: members added and removed, and the deployments that followed. */
public record MembershipChange(int added, int removed, DeploymentCounts counts) {

    public static final MembershipChange NONE = new MembershipChange(0, 0, DeploymentCounts.NONE);

    public MembershipChange plus(MembershipChange other) {
        return new MembershipChange(added + other.added, removed + other.removed, counts.plus(other.counts));
    }
}
