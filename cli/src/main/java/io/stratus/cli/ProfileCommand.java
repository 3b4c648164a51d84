package io.stratus.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratus profile ...}: trusted-certificate and SCEP certificate profiles (docs/profiles.md). */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Create, list, show, edit and delete trusted-certificate and SCEP profiles (profile-service).",
        subcommands = {ProfileCommand.CreateTrusted.class, ProfileCommand.CreateScep.class, ProfileCommand.ListProfiles.class,
                ProfileCommand.Show.class, ProfileCommand.Update.class, ProfileCommand.UpdateTrusted.class, ProfileCommand.Delete.class})
final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    enum Store { COMPUTER_ROOT, COMPUTER_INTERMEDIATE, USER_INTERMEDIATE }

    enum CertificateType { DEVICE, USER }

    enum ProfileType { SCEP, TRUSTED }

    static final List<String> SAN_TYPES = List.of("DNS", "EMAIL", "UPN", "URI");

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "create-trusted", mixinStandardHelpOptions = true,
            description = "Create a trusted-certificate profile: one CA certificate for a device store.")
    static final class CreateTrusted extends ProfileVerb {
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Profile name.")
        String name;
        @Option(names = "--platform", required = true, paramLabel = "P", description = "${COMPLETION-CANDIDATES}.")
        DeviceCommand.Platform platform;
        @Option(names = "--cert", required = true, paramLabel = "FILE", description = "The CA certificate (PEM or DER).")
        Path cert;
        @Option(names = "--store", required = true, paramLabel = "STORE",
                description = "${COMPLETION-CANDIDATES}; COMPUTER_ROOT takes only a self-signed root.")
        Store store;
        @Option(names = "--ca", paramLabel = "ID", description = "The ca-service id of the CA the certificate belongs to.")
        String ca;

        @Override
        public Integer call() {
            return answer(client().createTrusted(body()), p -> "Created trusted profile " + Formats.text(p, "name") + " ("
                    + Formats.text(p, "id") + "), " + Formats.text(p, "store") + ": " + Formats.text(p, "subjectDn") + "\n");
        }

        Map<String, Object> body() {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", name);
            b.put("platform", platform.name());
            b.put("certificatePem", pem(cert));
            b.put("store", store.name());
            putIf(b, "authorityId", ca);
            return b;
        }
    }

    @Command(name = "update-trusted", mixinStandardHelpOptions = true,
            description = "Edit a trusted-certificate profile: the options given replace those fields (--ca \"\" removes the CA id)."
                    + " The devices of the SCEP profiles that use it get them again.")
    static final class UpdateTrusted extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID", description = "The trusted profile's id.")
        String id;
        @Option(names = "--name", paramLabel = "NAME", description = "Profile name.")
        String name;
        @Option(names = "--platform", paramLabel = "P", description = "${COMPLETION-CANDIDATES}.")
        DeviceCommand.Platform platform;
        @Option(names = "--cert", paramLabel = "FILE", description = "The CA certificate (PEM or DER).")
        Path cert;
        @Option(names = "--store", paramLabel = "STORE",
                description = "${COMPLETION-CANDIDATES}; COMPUTER_ROOT takes only a self-signed root.")
        Store store;
        @Option(names = "--ca", paramLabel = "ID", description = "The ca-service id of the CA the certificate belongs to; \"\" removes it.")
        String ca;

        @Override
        public Integer call() {
            if (name == null && platform == null && cert == null && store == null && ca == null) {
                throw usage("give at least one of --name, --platform, --cert, --store, --ca");
            }
            String pem = cert == null ? null : pem(cert);
            ProfileClient c = client();
            Map<String, Object> body = body(c.trusted(id).json(), pem);
            return answer(c.updateTrusted(id, body), p -> "Updated trusted profile " + Formats.text(p, "name") + " ("
                    + Formats.text(p, "id") + "), " + Formats.text(p, "store") + ": " + Formats.text(p, "subjectDn") + "\n");
        }

        /** The PUT body (as for create): the current profile's fields, with the given options (and {@code pem}) over them. */
        Map<String, Object> body(JsonNode current, String pem) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("name", name != null ? name : Formats.text(current, "name"));
            b.put("platform", platform != null ? platform.name() : Formats.text(current, "platform"));
            b.put("certificatePem", pem != null ? pem : Formats.text(current, "certificatePem"));
            b.put("store", store != null ? store.name() : Formats.text(current, "store"));
            putIf(b, "authorityId", ca != null ? ca : Formats.text(current, "authorityId"));
            return b;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the SCEP and trusted-certificate profiles of the tenant in one table (--type for one kind)."
                    + " --json prints {\"scep\":[...],\"trusted\":[...]}, or the API's list with --type.")
    static final class ListProfiles extends ProfileVerb {
        @Option(names = "--type", paramLabel = "TYPE", description = "Only this kind: scep or trusted (default: both).")
        ProfileType type;

        @Override
        public Integer call() {
            ProfileClient c = client();
            AdminClient.Answer scep = type == ProfileType.TRUSTED ? null : c.scepProfiles();
            AdminClient.Answer trusted = type == ProfileType.SCEP ? null : c.trustedProfiles();
            if (json && type != null) {
                printJson(scep != null ? scep : trusted);
            } else if (json) {
                Map<String, Object> both = new LinkedHashMap<>();
                both.put("scep", scep.json());
                both.put("trusted", trusted.json());
                out().println(Json.MAPPER.valueToTree(both).toString());
                out().flush();
            } else {
                print(ProfileFormats.profiles(scep == null ? null : scep.json(), trusted == null ? null : trusted.json()));
            }
            return 0;
        }
    }

    /** The options of a SCEP profile: all optional here, so that {@code update} changes only what is given. */
    abstract static class ScepOptions extends ProfileVerb {
        @Option(names = "--name", paramLabel = "NAME", description = "Profile name.")
        String name;
        @Option(names = "--platform", paramLabel = "P", description = "${COMPLETION-CANDIDATES}.")
        DeviceCommand.Platform platform;
        @Option(names = "--type", paramLabel = "TYPE", description = "Certificate type: ${COMPLETION-CANDIDATES}.")
        CertificateType type;
        @Option(names = "--ca", paramLabel = "ID", description = "The issuing CA (ACTIVE, known to profile-service).")
        String ca;
        @Option(names = "--scep-url", paramLabel = "URL", description = "The SCEP server URL devices enroll at.")
        String scepUrl;
        @Option(names = "--subject", paramLabel = "FORMAT", description = "Subject name format, e.g. 'CN={{DeviceName}},O=Contoso'.")
        String subject;
        @Option(names = "--san", paramLabel = "TYPE=VALUE",
                description = "Subject alternative name: DNS, EMAIL, UPN or URI = value with variables (repeat).")
        List<String> sans;
        @Option(names = "--validity-days", paramLabel = "N", description = "Certificate validity in days (create: 365).")
        Integer validityDays;
        @Option(names = "--validity-minutes", paramLabel = "N",
                description = "Certificate validity in minutes (1 to 1439), instead of days: to watch renewal in a demo or"
                        + " a test; only where profile-service allows it (stratus.profile.short-validity-allowed).")
        Integer validityMinutes;
        @Option(names = "--key", paramLabel = "ALG:SIZE", description = "RSA:2048, RSA:4096, EC:256 or EC:384 (create: RSA:2048).")
        String key;
        @Option(names = "--key-usage", paramLabel = "KU", split = ",",
                description = "digitalSignature, keyEncipherment, nonRepudiation, dataEncipherment, keyAgreement"
                        + " (create: digitalSignature,keyEncipherment for RSA, digitalSignature for EC).")
        List<String> keyUsages;
        @Option(names = "--eku", paramLabel = "EKU", split = ",",
                description = "Extended key usages: dotted OIDs or names (CLIENT_AUTH, EMAIL_PROTECTION, ...) (create: CLIENT_AUTH).")
        List<String> ekus;
        @Option(names = "--renewal-threshold", paramLabel = "PCT", description = "Renew when this %% of the validity is left (create: 20).")
        Integer renewalThreshold;
        @Option(names = "--trusted", paramLabel = "ID", split = ",", description = "Trusted profile ids (repeat, or separate with commas).")
        List<String> trusted;
        @Option(names = "--key-storage", paramLabel = "KSP",
                description = "Windows key storage provider: TPM_OR_SOFTWARE (default), TPM_REQUIRED, PASSPORT or SOFTWARE.")
        String keyStorage;
        @Option(names = "--hash", paramLabel = "HASH", description = "Hash the device signs its request with: SHA256 (default), SHA384, SHA512.")
        String hash;
        @Option(names = "--revoke-on-unassignment", paramLabel = "true|false", arity = "1",
                description = "Revoke a device's certificates of this profile when the profile stops applying to it (create: false).")
        Boolean revokeOnUnassignment;
        @Option(names = "--revoke-on-renewal", paramLabel = "true|false", arity = "1",
                description = "Revoke a certificate (reason superseded) once its renewal is issued (create: false: it stays valid until it expires).")
        Boolean revokeOnRenewal;

        /** The given options over {@code base} (a profile as the API shows it, or empty). */
        Map<String, Object> overlay(Map<String, Object> base) {
            Map<String, Object> b = new LinkedHashMap<>(base);
            putIf(b, "name", name);
            putIf(b, "platform", platform == null ? null : platform.name());
            putIf(b, "certificateType", type == null ? null : type.name());
            putIf(b, "authorityId", ca);
            putIf(b, "scepUrl", scepUrl);
            putIf(b, "subjectNameFormat", subject);
            if (sans != null) {
                b.put("subjectAlternativeNames", sans(sans));
            }
            putIf(b, "validityDays", validityDays);
            putIf(b, "validityMinutes", validityMinutes);
            if (key != null) {
                String[] k = key(key);
                b.put("keyAlgorithm", k[0]);
                b.put("keySize", Integer.parseInt(k[1]));
            }
            if (keyUsages != null) {
                b.put("keyUsages", split(keyUsages));
            }
            if (ekus != null) {
                b.put("extendedKeyUsages", split(ekus).stream().map(Formats.Ekus::oid).toList());
            }
            putIf(b, "renewalThresholdPercent", renewalThreshold);
            putIf(b, "keyStorageProvider", keyStorage == null ? null : keyStorage.toUpperCase(Locale.ROOT));
            putIf(b, "hashAlgorithm", hash == null ? null : hash.replace("-", "").toUpperCase(Locale.ROOT));
            putIf(b, "revokeOnUnassignment", revokeOnUnassignment);
            putIf(b, "revokeOnRenewal", revokeOnRenewal);
            if (trusted != null) {
                b.put("trustedProfileIds", split(trusted));
            }
            return b;
        }
    }

    @Command(name = "create-scep", mixinStandardHelpOptions = true,
            description = "Create a SCEP certificate profile: what certificate a device (or its primary user) gets, from which CA."
                    + " Required: --name, --platform, --type, --ca, --scep-url, --subject.")
    static final class CreateScep extends ScepOptions {
        @Override
        public Integer call() {
            return answer(client().createScep(body()), p -> "Created SCEP profile " + Formats.text(p, "name") + " ("
                    + Formats.text(p, "id") + "), " + Formats.text(p, "certificateType") + " certificates from CA "
                    + Formats.text(p, "authorityId") + "\n");
        }

        Map<String, Object> body() {
            List<String> missing = new ArrayList<>();
            if (name == null) {
                missing.add("--name");
            }
            if (platform == null) {
                missing.add("--platform");
            }
            if (type == null) {
                missing.add("--type");
            }
            if (ca == null) {
                missing.add("--ca");
            }
            if (scepUrl == null) {
                missing.add("--scep-url");
            }
            if (subject == null) {
                missing.add("--subject");
            }
            if (!missing.isEmpty()) {
                throw usage("Missing required option(s): " + String.join(", ", missing));
            }
            String[] k = key(key == null ? "RSA:2048" : key);
            Map<String, Object> defaults = new LinkedHashMap<>();
            defaults.put("name", null);
            defaults.put("platform", null);
            defaults.put("certificateType", null);
            defaults.put("authorityId", null);
            defaults.put("scepUrl", null);
            defaults.put("subjectNameFormat", null);
            defaults.put("subjectAlternativeNames", List.of());
            defaults.put("validityDays", 365);
            defaults.put("keyAlgorithm", k[0]);
            defaults.put("keySize", Integer.parseInt(k[1]));
            defaults.put("keyUsages", k[0].equals("EC") ? List.of("digitalSignature") : List.of("digitalSignature", "keyEncipherment"));
            defaults.put("extendedKeyUsages", List.of(Formats.Ekus.oid("CLIENT_AUTH")));
            defaults.put("renewalThresholdPercent", 20);
            defaults.put("trustedProfileIds", List.of());
            return overlay(defaults);
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Edit a SCEP profile: the options given replace those fields (a list option replaces the whole list)."
                    + " Every device in scope gets the profile again with a new challenge.")
    static final class Update extends ScepOptions {
        @Parameters(index = "0", paramLabel = "ID", description = "The SCEP profile's id.")
        String id;

        @Override
        public Integer call() {
            ProfileClient c = client();
            Map<String, Object> body = body(c.scep(id).json());
            return answer(c.updateScep(id, body), p -> "Updated SCEP profile " + Formats.text(p, "name") + " (" + Formats.text(p, "id") + ")\n");
        }

        /** The current profile as a creation body (without id, tenant, createdAt), with the given options over it. */
        Map<String, Object> body(JsonNode current) {
            @SuppressWarnings("unchecked")
            Map<String, Object> base = Json.MAPPER.convertValue(current, LinkedHashMap.class);
            base.remove("id");
            base.remove("tenant");
            base.remove("createdAt");
            return overlay(base);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show a SCEP or trusted-certificate profile.")
    static final class Show extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID", description = "The profile's id.")
        String id;

        @Override
        public Integer call() {
            ProfileClient c = client();
            return answer(scepElseTrusted(id, tenant, () -> c.scep(id), () -> c.trusted(id)).answer(), ProfileFormats::profile);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true,
            description = "Delete a SCEP or trusted-certificate profile. A SCEP profile that is still assigned, or a trusted profile"
                    + " that a SCEP profile uses, is refused (409).")
    static final class Delete extends ProfileVerb {
        @Parameters(index = "0", paramLabel = "ID", description = "The profile's id.")
        String id;

        @Override
        public Integer call() {
            ProfileClient c = client();
            Found found = scepElseTrusted(id, tenant, () -> c.deleteScep(id), () -> c.deleteTrusted(id));
            return deleted(id, "Deleted " + found.kind() + " profile " + id + "\n");
        }
    }

    /** The answer of a call on a profile id, and which kind of profile ({@code SCEP} or {@code trusted}) answered. */
    record Found(String kind, AdminClient.Answer answer) {
    }

    /**
     * The SCEP call, else (on 404, as profile ids are not typed) the trusted-profile call. When neither profile exists
     * the 404 names both kinds; any other refusal (409, 403) of the SCEP call is the answer.
     */
    static Found scepElseTrusted(String id, String tenant, java.util.function.Supplier<AdminClient.Answer> scep,
            java.util.function.Supplier<AdminClient.Answer> trusted) {
        try {
            return new Found("SCEP", scep.get());
        } catch (AdminClient.ProblemException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        try {
            return new Found("trusted", trusted.get());
        } catch (AdminClient.ProblemException e) {
            if (e.status() != 404) {
                throw e;
            }
            throw new AdminClient.ProblemException(404, e.title(), "no SCEP or trusted profile '" + id + "' in tenant " + tenant);
        }
    }

    /** {@code DNS={{FullyQualifiedDomainName}}} → {@code {"type":"DNS","value":"{{FullyQualifiedDomainName}}"}}. */
    static List<Map<String, String>> sans(List<String> values) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String v : values) {
            int eq = v.indexOf('=');
            String type = eq < 0 ? "" : v.substring(0, eq).trim().toUpperCase(Locale.ROOT);
            if (!SAN_TYPES.contains(type) || v.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException("--san: '" + v + "' is not TYPE=VALUE with TYPE one of " + String.join(", ", SAN_TYPES));
            }
            Map<String, String> san = new LinkedHashMap<>();
            san.put("type", type);
            san.put("value", v.substring(eq + 1).trim());
            out.add(san);
        }
        return out;
    }

    /** {@code RSA:2048}, {@code rsa}, {@code EC:P-256}, {@code ec:384} → algorithm and size. */
    static String[] key(String value) {
        String v = value.trim().toUpperCase(Locale.ROOT);
        String[] parts = v.split(":", 2);
        String alg = parts[0];
        String size = parts.length > 1 ? parts[1].replace("P-", "").replace("P", "") : alg.equals("EC") ? "256" : "2048";
        boolean ok = (alg.equals("RSA") && (size.equals("2048") || size.equals("4096")))
                || (alg.equals("EC") && (size.equals("256") || size.equals("384")));
        if (!ok) {
            throw new IllegalArgumentException("--key: '" + value + "' is not RSA:2048, RSA:4096, EC:256 or EC:384");
        }
        return new String[] {alg, size};
    }

    /** A certificate file as {@code certificatePem} takes it: PEM as it is, DER wrapped in PEM. */
    static String pem(Path file) {
        byte[] bytes = ProfileVerb.read(file);
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN ")) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return "-----BEGIN CERTIFICATE-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(bytes)
                + "\n-----END CERTIFICATE-----\n";
    }
}
