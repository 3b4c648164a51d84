package io.stratus.profile.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.Assignment;
import io.stratus.profile.repository.AssignmentRepository;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * After a group's membership changed: reconciles every assignment that includes or excludes the group, for the
 * affected devices only (in chunks, so that a rule that moves 100,000 devices stays within the database's
 * parameter limits). Runs inside the caller's transaction.
 */
@ApplicationScoped
public class MembershipReconciler {

    static final int CHUNK = 2000;

    private final AssignmentRepository assignments;
    private final DeploymentService deployments;

    public MembershipReconciler(AssignmentRepository assignments, DeploymentService deployments) {
        this.assignments = assignments;
        this.deployments = deployments;
    }

    public Uni<DeploymentCounts> reconcile(String tenant, String groupId, Collection<String> affected) {
        if (affected.isEmpty()) {
            return Uni.createFrom().item(DeploymentCounts.NONE);
        }
        return assignments.naming(tenant, groupId).chain(naming -> {
            List<String> all = new ArrayList<>(affected);
            Uni<DeploymentCounts> total = Uni.createFrom().item(DeploymentCounts.NONE);
            for (Assignment assignment : naming) {
                for (int from = 0; from < all.size(); from += CHUNK) {
                    List<String> chunk = all.subList(from, Math.min(all.size(), from + CHUNK));
                    total = total.chain(sum -> deployments.reconcile(assignment, chunk).map(sum::plus));
                }
            }
            return total;
        });
    }
}
