package io.stratus.enrollment.service;

import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Runs several store calls in one database transaction: they share one connection and commit (or roll back) together,
 * instead of one session each.
 */
public interface UnitOfWork {

    <T> Uni<T> inTransaction(Supplier<Uni<T>> work);
}
