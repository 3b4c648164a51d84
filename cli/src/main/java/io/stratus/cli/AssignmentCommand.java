package io.stratus.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratus assignment ...}: profiles assigned to groups (docs/profiles.md). */
@Command(name = "assignment", mixinStandardHelpOptions = true,
        description = "Assign profiles to groups, list the assignments, and take them back (profile-service).",
        subcommands = {AssignmentCommand.Create.class, AssignmentCommand.ListAssignments.class, AssignmentCommand.Delete.class})
final class AssignmentCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Assign a profile to the devices of the include groups, minus those of the exclude groups.")
    static final class Create extends ProfileVerb {
        @Option(names = "--profile", required = true, paramLabel = "ID", description = "The profile's id.")
        String profile;
        @Option(names = "--include", required = true, arity = "1..*", paramLabel = "GROUP",
                description = "Group ids whose devices (directly or through their primary user) get the profile.")
        List<String> include;
        @Option(names = "--exclude", arity = "1..*", paramLabel = "GROUP", description = "Group ids whose devices do not.")
        List<String> exclude;

        @Override
        public Integer call() {
            return answer(client().createAssignment(body()), a -> "Created assignment " + Formats.text(a, "id") + ": "
                    + Formats.text(a, "devices") + " device(s) in scope, " + Formats.text(a, "assigned") + " assigned, "
                    + Formats.text(a, "failed") + " failed, " + Formats.text(a, "notApplicable") + " not applicable"
                    + ("IN_PROGRESS".equals(a.path("rollout").asText()) ? " in its first slice; the other devices"
                            + " follow in the background (`stratus report PROFILE_ID` shows the progress)" : "") + "\n");
        }

        Map<String, Object> body() {
            List<String> in = split(include);
            if (in.isEmpty()) {
                throw usage("--include needs at least one group id");
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("profileId", profile);
            b.put("includeGroupIds", in);
            b.put("excludeGroupIds", split(exclude));
            return b;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the assignments of the tenant: profile, include and exclude groups (the per-device state is in the reports).")
    static final class ListAssignments extends ProfileVerb {
        @Override
        public Integer call() {
            return answer(client().assignments(), ProfileFormats::assignments);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete an assignment: each device that had received the profile is told to remove it.")
    static final class Delete extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID", description = "The assignment's id.")
        String id;

        @Override
        public Integer call() {
            return answer(client().deleteAssignment(id), a -> "Deleted assignment " + id + ": " + Formats.text(a, "unassigned")
                    + " device(s) unassigned\n");
        }
    }
}
