package io.stratus.cli;

import picocli.CommandLine.Option;

/** {@code --limit} and {@code --offset} of a list verb whose API pages with {@code ?limit=&offset=} (limit 1 to 1000). */
final class PageOptions {
    static final int MAX_LIMIT = 1000;

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "At most N rows, 1 to 1000 (default ${DEFAULT-VALUE}).")
    int limit;
    @Option(names = "--offset", defaultValue = "0", paramLabel = "N", description = "Skip the first N rows (default ${DEFAULT-VALUE}).")
    int offset;

    /** The limit, checked before any call (exit 1, as for a wrong value). */
    int limit() {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("--limit must be 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    int offset() {
        if (offset < 0) {
            throw new IllegalArgumentException("--offset must be 0 or more");
        }
        return offset;
    }

    /** The hint printed under a full page: there may be more. */
    String more(int rows) {
        return rows == limit ? "More: --offset " + ((long) offset + limit) + "\n" : "";
    }
}
