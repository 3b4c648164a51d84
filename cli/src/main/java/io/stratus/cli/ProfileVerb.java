package io.stratus.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every profile-service verb ({@code device}, {@code user}, {@code group}, {@code profile}, {@code assignment},
 * {@code report}) shares: {@link ApiVerb} and the profile-service URL.
 */
abstract class ProfileVerb extends ApiVerb {
    static final String ENV_PROFILE_URL = "STRATUS_PROFILE_URL";

    @Option(names = "--profile-url", paramLabel = "URL",
            description = "profile-service base URL (default: $STRATUS_PROFILE_URL, else the local stack's, http://localhost:8083).")
    String profileUrl;

    ProfileClient client() {
        return new ProfileClient(new AdminClient(Service.PROFILE.id(), baseUrl(), resolveToken(), tenant));
    }

    String baseUrl() {
        return serviceUrl(profileUrl, ENV_PROFILE_URL, Service.PROFILE);
    }

    /** Prints the raw JSON with {@code --json}, else the text. */
    Integer answer(AdminClient.Answer a, java.util.function.Function<com.fasterxml.jackson.databind.JsonNode, String> text) {
        if (json) {
            printJson(a);
        } else {
            print(text.apply(a.json()));
        }
        return 0;
    }

    /** A usage error found after parsing: exit code 2 with the usage, like a missing required option. */
    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static void putIf(Map<String, Object> m, String k, Object v) {
        if (v instanceof String s ? !s.isBlank() : v instanceof Collection<?> c ? !c.isEmpty() : v != null) {
            m.put(k, v);
        }
    }

    /**
     * A merge-patch field: absent when the option was not given ({@code null}), JSON {@code null} when it was given
     * empty ({@code --primary-user ""} clears the field), else the value.
     */
    static void putPatch(Map<String, Object> m, String k, String v) {
        if (v != null) {
            m.put(k, v.isEmpty() ? null : v);
        }
    }

    /** Prints {@code {"deleted":ID}} with {@code --json} (the API answered 204, no body), else the text. */
    Integer deleted(String id, String text) {
        if (json) {
            out().println("{\"deleted\":" + Json.MAPPER.valueToTree(id) + "}");
            out().flush();
        } else {
            print(text);
        }
        return 0;
    }

    /** Repeated and comma-separated values, trimmed, blanks dropped. */
    static List<String> split(List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }
}
