package io.stratus.profile.repository;

import java.util.Collection;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.profile.entity.DeviceGroup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
public class GroupRepository implements PanacheRepositoryBase<DeviceGroup, String> {

    public Uni<DeviceGroup> find(String tenant, String id) {
        return find("tenant = ?1 and id = ?2", tenant, id).firstResult();
    }

    public Uni<List<DeviceGroup>> findByIds(String tenant, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return list("tenant = ?1 and id in ?2", tenant, ids);
    }

    /**
     * The groups, locked until the transaction ends (in id order, so two lockers cannot deadlock). Changing a
     * group's members and creating an assignment that includes it take this lock, so each sees the other's
     * committed work and every new member in scope is assigned exactly once.
     */
    public Uni<List<DeviceGroup>> lock(String tenant, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return find("tenant = ?1 and id in ?2 order by id", tenant, ids).withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /**
     * The tenant's dynamic groups (those with a membership rule), locked like {@link #lock} in id order. Taken
     * before a group's rule and members are read, so an inventory change waits for a concurrent rule change and
     * then evaluates the new rule (PostgreSQL re-reads a row it waited for), never a replaced one.
     */
    public Uni<List<DeviceGroup>> lockDynamicGroups(String tenant) {
        return find("tenant = ?1 and membershipRule is not null order by id", (Object) tenant)
                .withLock(LockModeType.PESSIMISTIC_WRITE).list();
    }

    public Uni<List<DeviceGroup>> page(String tenant, int limit, int offset) {
        return find("tenant = ?1 order by name, id", (Object) tenant).range(offset, offset + limit - 1).list();
    }
}
