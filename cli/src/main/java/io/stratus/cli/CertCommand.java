package io.stratus.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratus cert ...}: the certificate inventory and revocation (docs/ca.md). */
@Command(name = "cert", mixinStandardHelpOptions = true, description = "List, show and revoke issued certificates (ca-service).",
        subcommands = {CertCommand.ListCerts.class, CertCommand.Show.class, CertCommand.Revoke.class})
final class CertCommand implements Callable<Integer> {
    static final int PAGE = 1000;

    enum Status { ISSUED, REVOKED }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"Search the tenant's certificates, oldest first; filters narrow each other.",
                    "--csv prints CSV (the API's columns, thumbprints included) for a spreadsheet."})
    static final class ListCerts extends AdminVerb {
        @Option(names = "--ca", paramLabel = "ID", description = "Only this CA's certificates.")
        String ca;
        @Option(names = "--device", paramLabel = "ID", description = "Only this device's certificates.")
        String device;
        @Option(names = "--profile", paramLabel = "ID", description = "Only certificates of this SCEP profile.")
        String profile;
        @Option(names = "--status", paramLabel = "S", description = "${COMPLETION-CANDIDATES}.")
        Status status;
        @Option(names = "--serial", paramLabel = "HEX", description = "The certificate with this serial (as OpenSSL prints it).")
        String serial;
        @Option(names = "--subject", paramLabel = "PREFIX", description = "Subjects that start with this, e.g. \"CN=laptop-1\".")
        String subject;
        @Option(names = "--san", paramLabel = "VALUE", description = "Certificates with this subject alternative name: a whole DNS name, email address, UPN, URI or IP address, any case (a user's certificates: their UPN or email).")
        String san;
        @Option(names = "--sha1", paramLabel = "HEX", description = "SHA-1 thumbprint (as Windows shows it; colons or spaces allowed).")
        String sha1;
        @Option(names = "--sha256", paramLabel = "HEX", description = "SHA-256 thumbprint.")
        String sha256;
        @Option(names = "--expires-after", paramLabel = "INSTANT", description = "notAfter at or after this (e.g. 2027-01-01T00:00:00Z).")
        String expiresAfter;
        @Option(names = "--expires-before", paramLabel = "INSTANT", description = "notAfter before this.")
        String expiresBefore;
        @Option(names = "--issued-after", paramLabel = "INSTANT", description = "Issued at or after this.")
        String issuedAfter;
        @Option(names = "--issued-before", paramLabel = "INSTANT", description = "Issued before this.")
        String issuedBefore;
        @Option(names = "--csv", description = "Print CSV instead of a table.")
        boolean csv;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "At most N certificates (default ${DEFAULT-VALUE}).")
        int limit;
        @Option(names = "--after", paramLabel = "CURSOR", description = "Start after this cursor (the \"next\" of a previous page).")
        String after;

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new IllegalArgumentException("--limit must be at least 1");
            }
            if (csv) {
                out().print(fetchCsv(client()));
                out().flush();
                return 0;
            }
            JsonNode page = fetch(client());
            if (json) {
                out().println(page.toString());
                out().flush();
            } else {
                print(Formats.certificates(page));
            }
            return 0;
        }

        Map<String, String> filters() {
            Map<String, String> filters = new LinkedHashMap<>();
            filters.put("authorityId", ca);
            filters.put("deviceId", device);
            filters.put("profileId", profile);
            filters.put("status", status == null ? null : status.name());
            filters.put("serial", serial);
            filters.put("subject", subject);
            filters.put("san", san);
            filters.put("sha1", sha1);
            filters.put("sha256", sha256);
            filters.put("expiresAfter", expiresAfter);
            filters.put("issuedAfter", issuedAfter);
            filters.put("issuedBefore", issuedBefore);
            filters.put("expiresBefore", expiresBefore);
            return filters;
        }

        /** Pages until {@code limit} certificates or the last page; the result has the API's shape ({@code items}, {@code next}). */
        JsonNode fetch(AdminClient api) {
            ObjectNode result = Json.MAPPER.createObjectNode();
            ArrayNode items = result.putArray("items");
            String cursor = after;
            while (true) {
                int want = Math.min(PAGE, limit - items.size());
                JsonNode page = api.certificates(filters(), cursor, want).json();
                page.path("items").forEach(items::add);
                cursor = page.hasNonNull("next") ? page.get("next").asText() : null;
                if (cursor == null || items.size() >= limit || page.path("items").isEmpty()) {
                    break;
                }
            }
            if (cursor == null) {
                result.putNull("next");
            } else {
                result.put("next", cursor);
            }
            return result;
        }

        /** The API's CSV pages until {@code limit} certificates or the last page, with one header line. */
        String fetchCsv(AdminClient api) {
            StringBuilder csv = new StringBuilder();
            String cursor = after;
            int rows = 0;
            while (true) {
                int want = Math.min(PAGE, limit - rows);
                AdminClient.Answer page = api.certificatesCsv(filters(), cursor, want);
                String text = page.text();
                int headerEnd = text.indexOf("\r\n") + 2;
                csv.append(csv.length() == 0 ? text : text.substring(headerEnd));
                rows += (int) text.substring(headerEnd).chars().filter(c -> c == '\n').count();
                cursor = page.nextCursor().orElse(null);
                if (cursor == null || rows >= limit || headerEnd >= text.length()) {
                    return csv.toString();
                }
            }
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One certificate, with its PEM.")
    static final class Show extends AdminVerb {
        @Parameters(index = "0", paramLabel = "SERIAL", description = "Serial in hex, as `openssl x509 -noout -serial` prints it.")
        String serial;
        @Option(names = "--ca", paramLabel = "ID", description = "The issuing CA, if two CAs of the tenant used this serial.")
        String ca;

        @Override
        public Integer call() {
            AdminClient.Answer a = client().certificate(Formats.Serials.normalize(serial), ca);
            if (json) {
                printJson(a);
            } else {
                print(Formats.certificate(a.json()));
            }
            return 0;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = {"Revoke a certificate by serial, or every unexpired certificate of a device, a profile or a CA",
                    "(--device, --profile, --ca without a serial; they combine); the CRLs are signed again right away."})
    static final class Revoke extends AdminVerb {
        @Parameters(index = "0", arity = "0..1", paramLabel = "SERIAL",
                description = "Serial in hex, as `openssl x509 -noout -serial` prints it.")
        String serial;
        @Option(names = "--reason", required = true, paramLabel = "R",
                description = {"RFC 5280 reason: unspecified, keyCompromise, cACompromise, affiliationChanged, superseded,",
                        "cessationOfOperation, certificateHold, privilegeWithdrawn, aACompromise."})
        String reason;
        @Option(names = "--ca", paramLabel = "ID",
                description = "With a serial: the issuing CA, if two CAs of the tenant used it; without: this CA's certificates.")
        String ca;
        @Option(names = "--device", paramLabel = "ID", description = "Without a serial: this device's certificates.")
        String device;
        @Option(names = "--profile", paramLabel = "ID", description = "Without a serial: this SCEP profile's certificates.")
        String profile;

        @Override
        public Integer call() {
            if (serial == null) {
                return revokeMatching();
            }
            if (device != null || profile != null) {
                throw new IllegalArgumentException("give a SERIAL or --device/--profile/--ca, not both");
            }
            AdminClient.Answer a = client().revokeCertificate(Formats.Serials.normalize(serial), reason, ca);
            if (json) {
                printJson(a);
            } else {
                JsonNode c = a.json();
                print("Revoked " + Formats.text(c, "serialNumber") + " (" + Formats.text(c, "subjectDn") + "): "
                        + Formats.text(c, "revocationReason") + "\n");
            }
            return 0;
        }

        private Integer revokeMatching() {
            if (device == null && profile == null && ca == null) {
                throw new IllegalArgumentException("give a SERIAL, or --device, --profile or --ca (or several)");
            }
            AdminClient.Answer a = client().revokeCertificates(device, profile, ca, reason);
            if (json) {
                printJson(a);
            } else {
                JsonNode outcome = a.json();
                print("Revoked " + outcome.path("revoked").asInt() + " certificate(s) ("
                        + Formats.text(outcome, "reason") + ")\n");
            }
            return 0;
        }
    }
}
