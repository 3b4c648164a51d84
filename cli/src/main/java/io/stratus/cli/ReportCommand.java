package io.stratus.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code stratus report PROFILE_ID}: the deployment report of a profile (docs/profiles.md, step 9). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "The deployment report of a profile: counts per status, and one row per device (profile-service).")
final class ReportCommand extends ProfileVerb {
    @Parameters(index = "0", paramLabel = "PROFILE_ID", description = "The profile's id.")
    String profileId;
    @Option(names = "--limit", defaultValue = "100", paramLabel = "N",
            description = "At most N device rows, 1 to 1000 (default ${DEFAULT-VALUE}); the counts cover every device.")
    int limit;
    @Option(names = "--after", paramLabel = "CURSOR", description = "Start after this cursor (the \"next\" of a previous page).")
    String after;

    @Override
    public Integer call() {
        if (limit < 1 || limit > PageOptions.MAX_LIMIT) {
            throw new IllegalArgumentException("--limit must be 1 to " + PageOptions.MAX_LIMIT);
        }
        return answer(client().report(profileId, limit, after), ProfileFormats::report);
    }
}
