package io.stratus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.stratus.testkit.tools.SystemTool;
import io.stratus.testkit.tools.SystemTools;

/** The manifests of {@code deploy/kubernetes}: their files, their objects, and the overlays rendered by kubectl. */
final class Manifests {

    static final Path KUBERNETES = Path.of("kubernetes");
    static final Path BASE = KUBERNETES.resolve("base");
    static final Path MONITORING = KUBERNETES.resolve("monitoring");
    static final List<String> OVERLAYS = List.of("dev", "prod");
    static final Path SECRETS_SCRIPT = KUBERNETES.resolve("secrets.sh");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Manifests() {
    }

    static Path overlay(String name) {
        return KUBERNETES.resolve("overlays").resolve(name);
    }

    /** Every kustomization: the base, each overlay, and the monitoring objects. */
    static List<Path> kustomizations() {
        List<Path> all = new ArrayList<>(List.of(BASE, MONITORING));
        OVERLAYS.forEach(name -> all.add(overlay(name)));
        return all;
    }

    /** The files a kustomization lists as resources (not other kustomizations). */
    static List<Path> resourceFiles(Path kustomization) throws IOException {
        List<Path> files = new ArrayList<>();
        for (JsonNode resource : kustomization(kustomization).path("resources")) {
            Path file = kustomization.resolve(resource.asText()).normalize();
            if (Files.isRegularFile(file)) {
                files.add(file);
            }
        }
        return files;
    }

    static JsonNode kustomization(Path directory) throws IOException {
        return YAML.readTree(directory.resolve("kustomization.yaml").toFile());
    }

    /** The objects of a YAML file (empty documents left out). */
    static List<JsonNode> objects(Path file) throws IOException {
        return objects(Files.readString(file));
    }

    static List<JsonNode> objects(String yaml) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isEmpty()) {
                    found.add(document);
                }
            }
        }
        return found;
    }

    static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    /** {@code kubectl kustomize} of a kustomization; the test is skipped (or failed in CI) where kubectl is missing. */
    static List<JsonNode> render(Path kustomization) throws IOException, InterruptedException {
        return objects(run(kustomization + " renders", "kustomize", kustomization.toString()));
    }

    /** Runs kubectl with these arguments and returns its output; a failure fails the test with kubectl's error. */
    static String run(String what, String... arguments) throws IOException, InterruptedException {
        Path kubectl = SystemTools.require(SystemTool.KUBECTL, what).get(0);
        List<String> command = new ArrayList<>(List.of(kubectl.toString()));
        command.addAll(List.of(arguments));
        return run(command, what);
    }

    static String run(List<String> command, String what) throws IOException, InterruptedException {
        Path errors = Files.createTempFile("stratus-deploy", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            assertEquals(0, process.exitValue(), what + ": " + String.join(" ", command) + " failed: "
                    + Files.readString(errors));
            return output;
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
