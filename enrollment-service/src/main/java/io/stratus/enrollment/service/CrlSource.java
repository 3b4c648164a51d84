package io.stratus.enrollment.service;

import io.smallrye.mutiny.Uni;

/** Downloads a published CRL (DER). */
public interface CrlSource {

    /** The bytes at {@code url}; fails on a non-200 answer, a timeout or a body above the size limit. */
    Uni<byte[]> fetch(String url);
}
