package io.stratus.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code stratus report PROFILE_ID}: the deployment report of a profile (docs/profiles.md, step 9). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "The deployment report of a profile: counts per status, and one row per device (profile-service).")
final class ReportCommand extends ProfileVerb {
    @Parameters(index = "0", paramLabel = "PROFILE_ID", description = "The profile's id.")
    String profileId;
    @Mixin
    CursorOptions page;

    @Override
    public Integer call() {
        return answer(client().report(profileId, page), ProfileFormats::report);
    }
}
