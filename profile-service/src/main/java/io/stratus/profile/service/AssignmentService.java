package io.stratus.profile.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.stratus.platform.audit.AuditRecord;
import io.stratus.platform.rest.ProblemException;
import io.stratus.profile.entity.Assignment;
import io.stratus.profile.entity.ScepProfile;
import io.stratus.profile.mapping.Views;
import io.stratus.profile.messaging.OutboxRelay;
import io.stratus.profile.repository.AssignmentRepository;
import io.stratus.profile.repository.GroupRepository;
import io.stratus.profile.repository.ScepProfileRepository;
import io.stratus.profile.rest.dto.AssignmentCreation;
import io.stratus.profile.rest.dto.AssignmentView;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Assignments of SCEP profiles to groups; creating one deploys the profile to every device in scope: the first slice
 * of devices with the request, the rest in the background ({@link AssignmentRollout}).
 */
@ApplicationScoped
public class AssignmentService {

    private static final int MAX_GROUPS = 100;

    private final AssignmentRepository assignments;
    private final ScepProfileRepository profiles;
    private final GroupRepository groups;
    private final DeploymentService deployments;
    private final AssignmentRollout rollout;
    private final OutboxRelay relay;
    private final ChangeAudit audit;

    public AssignmentService(AssignmentRepository assignments, ScepProfileRepository profiles,
            GroupRepository groups, DeploymentService deployments, AssignmentRollout rollout, OutboxRelay relay,
            ChangeAudit audit) {
        this.audit = audit;
        this.assignments = assignments;
        this.profiles = profiles;
        this.groups = groups;
        this.deployments = deployments;
        this.rollout = rollout;
        this.relay = relay;
    }

    public Uni<AssignmentView> create(String tenant, AssignmentCreation request) {
        Assignment assignment = validated(tenant, Require.body(request));
        return Panache.withTransaction(() -> profile(tenant, assignment.profileId)
                .call(profile -> checkGroupsExist(tenant, assignment))
                .call(profile -> assignments.persist(assignment))
                .call(profile -> audit.record(tenant, "ASSIGNMENT_CREATED", target(assignment.id),
                        AuditRecord.SUCCESS + " (profile " + assignment.profileId + ")"))
                .chain(profile -> rollout.firstSlice(assignment, profile)))
                .onFailure().transform(failure -> Conflicts.asConflict(failure,
                        "the groups of this assignment changed concurrently; retry"))
                .map(counts -> withCounts(assignment, counts))
                .invoke(view -> {
                    Log.infof("assignment %s of profile %s in tenant %s: %d devices, %d assigned, %d failed, %d not"
                            + " applicable%s", view.id(), view.profileId(), tenant, view.devices(), view.assigned(),
                            view.failed(), view.notApplicable(), assignment.rolledOut() ? ""
                                    : " in its first slice; the rest follows in the background");
                    relay.wake();
                    if (!assignment.rolledOut()) {
                        rollout.continueInBackground(assignment.id);
                    }
                });
    }

    /** How the audit log names an assignment. */
    static String target(String id) {
        return "assignment:" + id;
    }

    /** The tenant's assignments, oldest first (without per-device counts: see the reports). */
    public Uni<List<AssignmentView>> list(String tenant) {
        return Panache.withSession(() -> assignments.ofTenant(tenant))
                .map(found -> found.stream().map(Views::of).toList());
    }

    public Uni<AssignmentView> get(String tenant, String id) {
        return Panache.withSession(() -> assignments.find(tenant, id)).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("assignment '" + id + "' not found in tenant " + tenant))
                .map(Views::of);
    }

    /** Deletes an assignment; every device that had received it gets a ProfileUnassigned. */
    public Uni<DeploymentCounts> delete(String tenant, String id) {
        return Panache.withTransaction(() -> assignments.find(tenant, id).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("assignment '" + id + "' not found in tenant " + tenant))
                .call(assignment -> groups.lock(tenant, allGroups(assignment)))
                .chain(assignment -> deployments.withdrawAll(assignment)
                        .call(() -> assignments.delete(assignment))
                        .call(() -> audit.record(tenant, "ASSIGNMENT_DELETED", target(id),
                                AuditRecord.SUCCESS + " (profile " + assignment.profileId + ")"))))
                .invoke(counts -> {
                    Log.infof("assignment %s of tenant %s deleted: %d devices unassigned", id, tenant,
                            counts.unassigned());
                    relay.wake();
                });
    }

    static List<String> allGroups(Assignment assignment) {
        List<String> all = new ArrayList<>(assignment.includeGroupIds);
        all.addAll(assignment.excludeGroupIds);
        return all;
    }

    private static Assignment validated(String tenant, AssignmentCreation request) {
        Assignment assignment = new Assignment();
        assignment.id = UUID.randomUUID().toString();
        assignment.tenant = tenant;
        assignment.profileId = Require.text(request.profileId(), "profileId");
        assignment.includeGroupIds = Require.nonEmptyIds(request.includeGroupIds(), "includeGroupIds", MAX_GROUPS);
        assignment.excludeGroupIds = Require.ids(request.excludeGroupIds(), "excludeGroupIds", MAX_GROUPS);
        assignment.excludeGroupIds.stream().filter(assignment.includeGroupIds::contains).findFirst()
                .ifPresent(both -> {
                    throw ProblemException.badRequest("group '" + both + "' is both included and excluded");
                });
        assignment.createdAt = Instant.now();
        return assignment;
    }

    private Uni<ScepProfile> profile(String tenant, String profileId) {
        return profiles.find(tenant, profileId).onItem().ifNull().failWith(() -> ProblemException.badRequest(
                "profileId names the unknown SCEP profile '" + profileId + "' in tenant " + tenant));
    }

    /** Checks that the groups exist and locks them (see {@link GroupRepository#lock}). */
    private Uni<Void> checkGroupsExist(String tenant, Assignment assignment) {
        List<String> named = new ArrayList<>(assignment.includeGroupIds);
        named.addAll(assignment.excludeGroupIds);
        return groups.lock(tenant, named).invoke(found -> {
            Set<String> known = new HashSet<>();
            found.forEach(group -> known.add(group.id));
            named.stream().filter(id -> !known.contains(id)).findFirst().ifPresent(unknown -> {
                throw ProblemException.badRequest("unknown group '" + unknown + "' in tenant " + tenant);
            });
        }).replaceWithVoid();
    }

    private static AssignmentView withCounts(Assignment assignment, DeploymentCounts counts) {
        return new AssignmentView(assignment.id, assignment.tenant, assignment.profileId, assignment.includeGroupIds,
                assignment.excludeGroupIds, assignment.createdAt, counts.devices(), counts.assigned(), counts.failed(),
                counts.notApplicable(), Views.rollout(assignment));
    }
}
