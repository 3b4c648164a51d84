package io.stratus.profile.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.stratus.profile.entity.OutboxEntry;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class OutboxRepository implements PanacheRepositoryBase<OutboxEntry, Long> {
}
