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

/** {@code stratus group ...}: groups of devices and users (docs/profiles.md). */
@Command(name = "group", mixinStandardHelpOptions = true, description = "Create groups and change their members (profile-service).",
        subcommands = {GroupCommand.Create.class, GroupCommand.Show.class, GroupCommand.Add.class, GroupCommand.Remove.class})
final class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a group.")
    static final class Create extends ProfileVerb {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Group name.")
        String name;

        @Override
        public Integer call() {
            return answer(client().createGroup(name), g -> "Created group " + Formats.text(g, "name") + " (" + Formats.text(g, "id") + ")\n");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a group and its members.")
    static final class Show extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id.")
        String group;

        @Override
        public Integer call() {
            return answer(client().group(group), ProfileFormats::group);
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add devices and users to a group. Devices newly in scope of an assignment get its profile.")
    static final class Add extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id.")
        String group;
        @Option(names = "--device", arity = "1..*", paramLabel = "ID", description = "Device ids (repeat, or separate with commas).")
        List<String> devices;
        @Option(names = "--user", arity = "1..*", paramLabel = "ID", description = "User ids (repeat, or separate with commas).")
        List<String> users;

        @Override
        public Integer call() {
            Map<String, Object> body = body();
            return answer(client().addMembers(group, body), r -> "Added " + Formats.text(r, "added") + " member(s) to group " + group
                    + ": " + Formats.text(r, "assigned") + " assigned, " + Formats.text(r, "unassigned") + " unassigned\n");
        }

        Map<String, Object> body() {
            List<String> d = split(devices);
            List<String> u = split(users);
            if (d.isEmpty() && u.isEmpty()) {
                throw usage("give at least one --device or --user");
            }
            Map<String, Object> b = new LinkedHashMap<>();
            putIf(b, "deviceIds", d);
            putIf(b, "userIds", u);
            return b;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a device or user from a group. Devices that leave a scope lose its profile.")
    static final class Remove extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id.")
        String group;
        @Parameters(index = "1", paramLabel = "MEMBER", description = "The device or user id.")
        String member;

        @Override
        public Integer call() {
            return answer(client().removeMember(group, member), r -> "Removed " + Formats.text(r, "memberId") + " from group " + group
                    + ": " + Formats.text(r, "assigned") + " assigned, " + Formats.text(r, "unassigned") + " unassigned\n");
        }
    }
}
