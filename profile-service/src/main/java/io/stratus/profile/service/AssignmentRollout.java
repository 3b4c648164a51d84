package io.stratus.profile.service;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.stratus.profile.config.ProfileConfig;
import io.stratus.profile.entity.Assignment;
import io.stratus.profile.entity.Device;
import io.stratus.profile.entity.ScepProfile;
import io.stratus.profile.messaging.OutboxRelay;
import io.stratus.profile.repository.AssignmentRepository;
import io.stratus.profile.repository.DeviceRepository;
import io.stratus.profile.repository.GroupRepository;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Brings a new assignment to the devices in its scope in slices of {@code stratus.profile.rollout.slice-size}, in
 * device id order, each slice one transaction: its status rows and ProfileAssigned events (with their sealed
 * challenges) commit together, and the assignment's {@code rollout_after} moves to the slice's last device. The
 * request that creates the assignment deploys the first slice; the others follow here, one after the other, and the
 * relay publishes each slice as soon as it is committed. A rollout left unfinished (a restart, a failed slice) is
 * continued from {@code rollout_after} every {@code resume-interval}.
 *
 * <p>Every slice takes the locks of the assignment's groups and then the assignment's own row, as membership changes
 * and the deletion of an assignment do, so a device that joins or leaves meanwhile is handled by exactly one of them,
 * and two replicas never deploy the same slice; a slice deploys only to devices that have no row for the assignment
 * yet ({@link DeploymentService#reconcile}).
 */
@ApplicationScoped
public class AssignmentRollout {

    private final AssignmentRepository assignments;
    private final GroupRepository groups;
    private final DeviceRepository devices;
    private final DeploymentService deployments;
    private final OutboxRelay relay;
    private final ProfileConfig.Rollout config;
    private final Vertx vertx;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private volatile long timerId = -1;

    public AssignmentRollout(AssignmentRepository assignments, GroupRepository groups, DeviceRepository devices,
            DeploymentService deployments, OutboxRelay relay, ProfileConfig config, Vertx vertx) {
        this.assignments = assignments;
        this.groups = groups;
        this.devices = devices;
        this.deployments = deployments;
        this.relay = relay;
        this.config = config.rollout();
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(config.resumeInterval().toMillis(), id -> resumeUnfinished());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
    }

    /**
     * Deploys the new assignment to the first slice of its devices, in the caller's transaction (which has locked the
     * groups and persisted the assignment), and records where the rollout stands.
     */
    Uni<DeploymentCounts> firstSlice(Assignment assignment, ScepProfile profile) {
        return devices.inScopeAfter(assignment.tenant, assignment.includeGroupIds, assignment.excludeGroupIds, null,
                config.sliceSize())
                .chain(slice -> deployments.deploy(assignment, profile, slice)
                        .invoke(() -> assignment.rolloutAfter = resumeAfter(slice)));
    }

    /** Continues the assignment's rollout on this replica, slice after slice, unless it runs here already. */
    public void continueInBackground(String assignmentId) {
        if (running.add(assignmentId)) {
            Infrastructure.getDefaultWorkerPool().execute(() -> rollOut(assignmentId));
        }
    }

    /** On a worker thread: one committed slice after the other until the rollout is complete or a slice fails. */
    private void rollOut(String assignmentId) {
        try {
            boolean more = true;
            while (more) {
                more = VertxContextSupport.subscribeAndAwait(() -> nextSlice(assignmentId));
                relay.wake();
            }
        } catch (Throwable failure) {
            Log.warnf("rollout of assignment %s stopped after a failed slice; it continues within %s: %s",
                    assignmentId, config.resumeInterval(), failure.toString());
        } finally {
            running.remove(assignmentId);
        }
    }

    /** One slice in its own transaction; completes with whether devices may remain after it. */
    Uni<Boolean> nextSlice(String assignmentId) {
        return Panache.withSession(() -> assignments.findById(assignmentId)).chain(found -> {
            if (found == null || found.rolledOut()) {
                return Uni.createFrom().item(false);
            }
            return Panache.withTransaction(() -> groups.lock(found.tenant, AssignmentService.allGroups(found))
                    .chain(() -> assignments.lockForRollout(assignmentId))
                    .chain(assignment -> assignment == null || assignment.rolledOut()
                            ? Uni.createFrom().item(false)
                            : deploySlice(assignment)));
        });
    }

    private Uni<Boolean> deploySlice(Assignment assignment) {
        return devices.inScopeAfter(assignment.tenant, assignment.includeGroupIds, assignment.excludeGroupIds,
                assignment.rolloutAfter, config.sliceSize())
                .chain(slice -> deployments.reconcile(assignment, slice.stream().map(device -> device.id).toList())
                        .map(counts -> {
                            assignment.rolloutAfter = resumeAfter(slice);
                            Log.debugf("assignment %s: a slice of %d devices, %d assigned", assignment.id,
                                    counts.devices(), counts.assigned());
                            if (assignment.rolledOut()) {
                                Log.infof("assignment %s of tenant %s has reached every device in scope",
                                        assignment.id, assignment.tenant);
                            }
                            return !assignment.rolledOut();
                        }));
    }

    /** The last device of a full slice (more may follow), or null when the slice was the last. */
    private String resumeAfter(List<Device> slice) {
        return slice.size() < config.sliceSize() ? null : slice.get(slice.size() - 1).id;
    }

    /** Continues every rollout that is not complete and not running here (after a restart or a failed slice). */
    void resumeUnfinished() {
        Infrastructure.getDefaultWorkerPool().execute(() -> {
            try {
                VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(assignments::rollingOut))
                        .forEach(this::continueInBackground);
            } catch (Throwable failure) {
                Log.debugf("unfinished rollouts not looked up: %s", failure.toString());
            }
        });
    }
}
