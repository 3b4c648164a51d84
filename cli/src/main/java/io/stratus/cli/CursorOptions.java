package io.stratus.cli;

import picocli.CommandLine.Option;

/** {@code --limit} and {@code --after} of a verb whose API pages with a cursor ({@code ?limit=&after=}, {@code next}). */
final class CursorOptions {

    @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
            description = "At most N rows (of each list), 1 to 1000 (default ${DEFAULT-VALUE}); counts cover everything.")
    int limit;
    @Option(names = "--after", paramLabel = "CURSOR", description = "Start after this cursor (the \"next\" of a previous page).")
    String after;

    /** The limit, checked before any call (exit 1, as for a wrong value). */
    int limit() {
        if (limit < 1 || limit > PageOptions.MAX_LIMIT) {
            throw new IllegalArgumentException("--limit must be 1 to " + PageOptions.MAX_LIMIT);
        }
        return limit;
    }

    /** The query string of this page. */
    String query() {
        return "?limit=" + limit() + (after == null ? "" : "&after=" + AdminClient.enc(after));
    }
}
