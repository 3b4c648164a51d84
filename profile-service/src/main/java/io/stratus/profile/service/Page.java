package io.stratus.profile.service;

import io.stratus.platform.rest.ProblemException;

/** {@code limit} (1 to 1000, default 100) and {@code offset} (0 or more) of a list request. */
record Page(int limit, int offset) {

    static final int MAX_LIMIT = 1000;

    static Page of(Integer limit, Integer offset) {
        int size = limit == null ? 100 : limit;
        int from = offset == null ? 0 : offset;
        if (size < 1 || size > MAX_LIMIT) {
            throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", not " + size);
        }
        if (from < 0) {
            throw ProblemException.badRequest("offset must be 0 or more, not " + from);
        }
        return new Page(size, from);
    }
}
