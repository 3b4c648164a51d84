package io.stratus.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratus group ...}: static and dynamic groups of devices and users (docs/profiles.md). */
@Command(name = "group", mixinStandardHelpOptions = true,
        description = "Create, list, edit and delete groups, and change their members (profile-service).",
        subcommands = {GroupCommand.Create.class, GroupCommand.ListGroups.class, GroupCommand.Show.class, GroupCommand.Members.class,
                GroupCommand.Update.class, GroupCommand.Delete.class, GroupCommand.Add.class, GroupCommand.Remove.class})
final class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a group: static (members added by hand), or dynamic with --rule (members are what the rule selects).")
    static final class Create extends ProfileVerb {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Group name.")
        String name;
        @Option(names = "--rule", paramLabel = "RULE",
                description = "Membership rule, e.g. 'device.platform -eq \"WINDOWS\"' (docs/profiles.md, Dynamic groups).")
        String rule;

        @Override
        public Integer call() {
            return answer(client().createGroup(body()), ProfileFormats::groupCreated);
        }

        Map<String, Object> body() {
            if (rule != null && rule.isBlank()) {
                throw usage("--rule is empty; leave it out for a static group");
            }
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", name);
            putIf(b, "membershipRule", rule);
            return b;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the groups of the tenant, by name.")
    static final class ListGroups extends ProfileVerb {
        @Mixin
        PageOptions page;

        @Override
        public Integer call() {
            int limit = page.limit();
            return answer(client().groups(limit, page.offset()), list -> ProfileFormats.groups(list) + page.more(list.size()));
        }
    }

    @Command(name = "members", mixinStandardHelpOptions = true,
            description = "The members of a group, and the devices in its scope (device members and the primary devices of user members).")
    static final class Members extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id.")
        String group;
        @Mixin
        CursorOptions page;

        @Override
        public Integer call() {
            return answer(client().groupMembers(group, page), ProfileFormats::groupMembers);
        }
    }

    /** {@code --rule RULE} or {@code --static}, not both. */
    static final class Membership {
        @Option(names = "--rule", paramLabel = "RULE", description = "A new membership rule: the group becomes (or stays) dynamic.")
        String rule;
        @Option(names = "--static", description = "Remove the rule: the group becomes static and keeps its current members.")
        boolean makeStatic;
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Rename a group, or set, change or remove its membership rule. What is not given stays as it is."
                    + " Devices that join or leave get or lose the group's profiles.")
    static final class Update extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id.")
        String group;
        @Option(names = "--name", paramLabel = "NAME", description = "The new name.")
        String name;
        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Membership membership;

        @Override
        public Integer call() {
            if (name == null && membership == null) {
                throw usage("give --name, --rule or --static");
            }
            if (membership != null && !membership.makeStatic && membership.rule.isBlank()) {
                throw usage("--rule is empty; use --static to remove the rule");
            }
            ProfileClient c = client();
            JsonNode current = name != null && membership != null ? null : c.group(group).json();
            return answer(c.updateGroup(group, body(current)), ProfileFormats::groupChanged);
        }

        /** The PUT body: the given name and rule, the current ones ({@code current}, the group) for what is not given. */
        Map<String, Object> body(JsonNode current) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", name != null ? name : Formats.text(current, "name"));
            String rule;
            if (membership == null) {
                rule = Formats.text(current, "membershipRule");
            } else {
                rule = membership.makeStatic ? null : membership.rule;
            }
            putIf(b, "membershipRule", rule);
            return b;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a group. A group that an assignment includes or excludes is refused (409): change or delete the assignment first.")
    static final class Delete extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "GROUP", description = "The group's id.")
        String group;

        @Override
        public Integer call() {
            client().deleteGroup(group);
            return deleted(group, "Deleted group " + group + "\n");
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
