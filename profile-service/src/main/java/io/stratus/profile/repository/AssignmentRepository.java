package io.stratus.profile.repository;

import java.util.List;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.Assignment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class AssignmentRepository implements PanacheRepositoryBase<Assignment, String> {

    public Uni<Assignment> find(String tenant, String id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    /** The tenant's assignments whose include or exclude list names {@code groupId}. */
    public Uni<List<Assignment>> naming(String tenant, String groupId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select * from assignment where tenant = :tenant"
                        + " and (include_group_ids @> array[cast(:groupId as text)]"
                        + " or exclude_group_ids @> array[cast(:groupId as text)]) order by created_at, id",
                        Assignment.class)
                .setParameter("tenant", tenant)
                .setParameter("groupId", groupId)
                .getResultList());
    }

    public Uni<List<Assignment>> ofProfile(String tenant, String profileId) {
        return list("tenant = ?1 and profileId = ?2 order by createdAt, id", tenant, profileId);
    }

    /** The tenant's assignments whose include list names {@code groupId} (a GIN-indexed array containment). */
    public Uni<List<Assignment>> includingGroup(String tenant, String groupId) {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select * from assignment where tenant = :tenant"
                        + " and include_group_ids @> array[cast(:groupId as text)] order by created_at, id",
                        Assignment.class)
                .setParameter("tenant", tenant)
                .setParameter("groupId", groupId)
                .getResultList());
    }

    /** The ids of assignments whose rollout has not reached every device yet. */
    public Uni<List<String>> rollingOut() {
        return Panache.getSession().chain(session -> session
                .createNativeQuery("select id from assignment where rollout_after is not null order by created_at, id",
                        String.class)
                .getResultList());
    }

    /** The assignment, locked until the transaction ends; take its groups' lock first (GroupRepository#lock). */
    public Uni<Assignment> lockForRollout(String id) {
        return find("id = ?1", (Object) id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    public Uni<List<Assignment>> ofTenant(String tenant) {
        return list("tenant = ?1 order by createdAt, id", (Object) tenant);
    }
}
