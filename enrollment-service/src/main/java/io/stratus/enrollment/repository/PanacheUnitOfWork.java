package io.stratus.enrollment.repository;

import java.util.function.Supplier;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.service.UnitOfWork;
import jakarta.enterprise.context.ApplicationScoped;

/** The stores' {@code @WithSession}/{@code @WithTransaction} methods join the transaction opened here. */
@ApplicationScoped
public class PanacheUnitOfWork implements UnitOfWork {

    @Override
    public <T> Uni<T> inTransaction(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work);
    }
}
