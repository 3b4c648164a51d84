package io.stratus.cli;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratus audit ...}: a service's hash-chained audit log (docs/security.md, "Audit log"): ca-service's by
 * default, profile-service's or enrollment-service's with {@code --service}.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Read and verify a service's audit log (ca-service by default; --service profile|enrollment).",
        subcommands = {AuditCommand.ListRecords.class, AuditCommand.Verify.class})
final class AuditCommand implements Callable<Integer> {
    static final int PAGE = 1000;
    /** Exit code of {@code audit verify} when the chain is broken. */
    static final int BROKEN = 1;
    /** Valid in the database, but the audit topic could not confirm its end (no, unsealed or unreadable records). */
    static final int UNCONFIRMED = 4;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** What both verbs share: which service's log, and its URL. */
    abstract static class AuditVerb extends AdminVerb {
        @Option(names = "--service", paramLabel = "NAME", defaultValue = "ca",
                description = "Whose audit log: ca, profile or enrollment (default ${DEFAULT-VALUE}). The URL of profile-service and enrollment-service comes from $STRATUS_PROFILE_URL or $STRATUS_ENROLLMENT_URL, else the local stack.")
        String service;

        @Override
        AdminClient client() {
            Service logOf = switch (service) {
                case "ca" -> Service.CA;
                case "profile" -> Service.PROFILE;
                case "enrollment" -> Service.ENROLLMENT;
                default -> throw new IllegalArgumentException("--service must be ca, profile or enrollment, not " + service);
            };
            String url = logOf == Service.CA ? baseUrl()
                    : serviceUrl(null, "STRATUS_" + logOf.name() + "_URL", logOf);
            return new AdminClient(logOf.id(), url, resolveToken(), tenant);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Audit records in sequence order.")
    static final class ListRecords extends AuditVerb {
        @Option(names = "--after", paramLabel = "SEQ", defaultValue = "0", description = "Start after this sequence number (default ${DEFAULT-VALUE}).")
        long after;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N records (default ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1 || after < 0) {
                throw new IllegalArgumentException("--limit must be at least 1 and --after at least 0");
            }
            AdminClient api = client();
            ObjectNode result = Json.MAPPER.createObjectNode();
            ArrayNode items = result.putArray("items");
            Long cursor = after;
            while (true) {
                JsonNode page = api.audit(cursor, Math.min(PAGE, limit - items.size())).json();
                page.path("items").forEach(items::add);
                cursor = page.hasNonNull("next") ? page.get("next").asLong() : null;
                if (cursor == null || items.size() >= limit || page.path("items").isEmpty()) {
                    break;
                }
            }
            if (cursor == null) {
                result.putNull("next");
            } else {
                result.put("next", cursor);
            }
            if (json) {
                out().println(result.toString());
                out().flush();
            } else {
                print(Formats.audit(result));
            }
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute the tenant's hash chain and its seals, to its head, and compare its end with the audit topic. Exit code 0 if it is valid and the topic confirms it, 1 if it is broken (which sequence, and why), 4 if it is valid but the topic could not confirm it.")
    static final class Verify extends AuditVerb {
        @Override
        public Integer call() {
            AdminClient.Answer a = client().verifyAudit(null);
            JsonNode v = a.json();
            // a long chain is checked in several calls, each continuing after the last one's "next"
            while (v.path("valid").asBoolean(false) && v.hasNonNull("next")) {
                a = client().verifyAudit(v.get("next").asLong());
                v = a.json();
            }
            if (json) {
                printJson(a);
            } else {
                print(Formats.verification(tenant, v));
            }
            if (!v.path("valid").asBoolean(false)) {
                return BROKEN;
            }
            return Formats.confirmedByTheTopic(v) ? 0 : UNCONFIRMED;
        }
    }
}
