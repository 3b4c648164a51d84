package io.stratus.ca.repository;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.stratus.ca.entity.OutboxEventEntity;
import jakarta.enterprise.context.ApplicationScoped;

/** The transactional outbox. */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEventEntity, Long> {

    /** The oldest unsent events, at most {@code limit}. */
    public Uni<List<OutboxEventEntity>> unsent(int limit) {
        return find("sentAt is null order by id").page(0, limit).list();
    }

    public Uni<Integer> markSent(Long id, Instant at) {
        return update("sentAt = ?1 where id = ?2 and sentAt is null", at, id);
    }
}
