package io.stratus.ca.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.stratus.ca.entity.OutboxEventEntity;
import jakarta.enterprise.context.ApplicationScoped;

/** The transactional outbox, written by Hibernate transactions ({@code EventOutbox}). */
@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEventEntity, Long> {
}
