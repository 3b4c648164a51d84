package io.stratus.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratus user ...}: the users of profile-service (docs/profiles.md). */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Create, list, show, edit, delete and import users (profile-service).",
        subcommands = {UserCommand.Create.class, UserCommand.ListUsers.class, UserCommand.Show.class, UserCommand.Update.class,
                UserCommand.Delete.class, UserCommand.Import.class})
final class UserCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create one user.")
    static final class Create extends ProfileVerb {
        @Option(names = "--id", paramLabel = "ID", description = "The user id (default: the service makes a UUID).")
        String id;
        @Option(names = "--upn", required = true, paramLabel = "UPN", description = "User principal name, unique in the tenant.")
        String upn;
        @Option(names = "--email", paramLabel = "ADDR", description = "E-mail address ({{EmailAddress}}).")
        String email;
        @Option(names = "--given-name", paramLabel = "NAME", description = "Given name ({{GivenName}}).")
        String givenName;
        @Option(names = "--surname", paramLabel = "NAME", description = "Surname ({{SurName}}).")
        String surname;
        @Option(names = {"--on-prem-dn", "--onprem-dn"}, paramLabel = "DN", description = "On-premises distinguished name ({{OnPrem_Distinguished_Name}}).")
        String onPremDn;
        @Option(names = "--sam", paramLabel = "SAM", description = "On-premises SAM account name ({{OnPremisesSamAccountName}}).")
        String sam;

        @Override
        public Integer call() {
            return answer(client().registerUser(body()), u -> "Created user " + Formats.text(u, "userPrincipalName") + " ("
                    + Formats.text(u, "id") + ")\n");
        }

        Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            putIf(b, "id", id);
            b.put("userPrincipalName", upn);
            putIf(b, "email", email);
            putIf(b, "givenName", givenName);
            putIf(b, "surname", surname);
            putIf(b, "onPremDistinguishedName", onPremDn);
            putIf(b, "onPremSamAccountName", sam);
            return b;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users of the tenant, in id order.")
    static final class ListUsers extends ProfileVerb {
        @Option(names = "--limit", defaultValue = "100", paramLabel = "N", description = "At most N users, 1 to 1000 (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || limit > 1000) {
                throw new IllegalArgumentException("--limit must be 1 to 1000");
            }
            return answer(client().users(limit), ProfileFormats::users);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one user.")
    static final class Show extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID", description = "The user's id.")
        String id;

        @Override
        public Integer call() {
            return answer(client().user(id), ProfileFormats::user);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Edit a user: only the options given change; an empty value (--email \"\") clears an optional field."
                    + " The user's devices get their certificates again where a changed attribute is used.")
    static final class Update extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID", description = "The user's id.")
        String id;
        @Option(names = "--upn", paramLabel = "UPN", description = "User principal name, unique in the tenant.")
        String upn;
        @Option(names = "--email", paramLabel = "ADDR", description = "E-mail address ({{EmailAddress}}); \"\" clears it.")
        String email;
        @Option(names = "--given-name", paramLabel = "NAME", description = "Given name ({{GivenName}}); \"\" clears it.")
        String givenName;
        @Option(names = "--surname", paramLabel = "NAME", description = "Surname ({{SurName}}); \"\" clears it.")
        String surname;
        @Option(names = {"--onprem-dn", "--on-prem-dn"}, paramLabel = "DN",
                description = "On-premises distinguished name ({{OnPrem_Distinguished_Name}}); \"\" clears it.")
        String onPremDn;
        @Option(names = "--sam", paramLabel = "SAM", description = "On-premises SAM account name ({{OnPremisesSamAccountName}}); \"\" clears it.")
        String sam;

        @Override
        public Integer call() {
            return answer(client().patchUser(id, changes()), u -> "Updated user " + Formats.text(u, "userPrincipalName") + " ("
                    + Formats.text(u, "id") + ")\n");
        }

        /** The merge patch: the given options only. */
        Map<String, Object> changes() {
            Map<String, Object> b = new LinkedHashMap<>();
            if (upn != null) {
                b.put("userPrincipalName", upn);
            }
            putPatch(b, "email", email);
            putPatch(b, "givenName", givenName);
            putPatch(b, "surname", surname);
            putPatch(b, "onPremDistinguishedName", onPremDn);
            putPatch(b, "onPremSamAccountName", sam);
            if (b.isEmpty()) {
                throw usage("give at least one of --upn, --email, --given-name, --surname, --onprem-dn, --sam");
            }
            return b;
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a user. Its devices stay, without a primary user: they lose what they had only through the user,"
                    + " and profiles that need the user fail.")
    static final class Delete extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID", description = "The user's id.")
        String id;

        @Override
        public Integer call() {
            return answer(client().deleteUser(id), r -> ProfileFormats.inventoryDeleted("user", r));
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import users from a CSV file (with a header row) or a JSON array, by the file's extension (.csv, .json).")
    static final class Import extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "FILE", description = "users.csv or users.json.")
        Path file;

        @Override
        public Integer call() {
            String type = DeviceCommand.importType(file);
            return answer(client().importUsers(type, read(file)), r -> ProfileFormats.imported("user", r));
        }
    }
}
