package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.stratus.events.Topics;

/**
 * The policy the Kubernetes manifests of {@code deploy/kubernetes/base} hold, read without a cluster: hardened pods,
 * a disruption budget and a network policy per service, no literal key material, a KafkaTopic per topic, and only the
 * public paths behind the Ingress.
 */
class KubernetesManifestsTest {

    static final Path BASE = Path.of("../deploy/kubernetes/base");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        Set<String> listed = new TreeSet<>();
        YAML.readTree(BASE.resolve("kustomization.yaml").toFile()).path("resources").forEach(r -> listed.add(r.asText()));
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.list(BASE)) {
            files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .filter(f -> !f.equals("kustomization.yaml")).forEach(present::add);
        }
        assertEquals(present, listed);
    }

    @Test
    void everyServiceRunsHardenedWithProbesAndLimits() throws IOException {
        List<JsonNode> deployments = objects("Deployment");
        assertEquals(Set.of("ca-service", "enrollment-service", "profile-service"), names(deployments));
        for (JsonNode deployment : deployments) {
            String name = deployment.path("metadata").path("name").asText();
            JsonNode pod = deployment.path("spec").path("template");
            assertEquals("stratus", pod.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText(), name);
            JsonNode podSecurity = pod.path("spec").path("securityContext");
            assertTrue(podSecurity.path("runAsNonRoot").asBoolean(), name + ": runAsNonRoot");
            assertEquals("RuntimeDefault", podSecurity.path("seccompProfile").path("type").asText(), name);
            for (JsonNode container : pod.path("spec").path("containers")) {
                for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                    assertTrue(container.path(probe).path("httpGet").path("path").asText().startsWith("/q/health/"),
                            name + ": " + probe);
                }
                for (String kind : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        assertFalse(container.path("resources").path(kind).path(resource).asText().isEmpty(),
                                name + ": " + kind + "." + resource);
                    }
                }
                JsonNode security = container.path("securityContext");
                assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true), name);
                assertTrue(security.path("readOnlyRootFilesystem").asBoolean(), name);
                assertEquals("ALL", security.path("capabilities").path("drop").path(0).asText(), name);
                for (JsonNode env : container.path("env")) {
                    String variable = env.path("name").asText();
                    if (variable.matches(".*(KEK|_KEY|PASSWORD|SECRET|TOKEN)")) {
                        assertTrue(env.has("valueFrom") && !env.has("value"), name + ": " + variable
                                + " must come from a Secret, not a literal");
                    }
                }
            }
        }
    }

    @Test
    void everyServiceHasADisruptionBudgetAndANetworkPolicyBehindADefaultDeny() throws IOException {
        List<JsonNode> policies = objects("NetworkPolicy");
        assertTrue(policies.stream().anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                && p.path("spec").path("policyTypes").toString().contains("Ingress")
                && p.path("spec").path("ingress").isMissingNode()), "a default deny of ingress");
        Set<String> budgeted = new TreeSet<>();
        objects("PodDisruptionBudget").forEach(b -> budgeted.add(
                b.path("spec").path("selector").path("matchLabels").path("app").asText()));
        for (JsonNode deployment : objects("Deployment")) {
            String name = deployment.path("metadata").path("name").asText();
            assertTrue(budgeted.contains(name), name + " has no PodDisruptionBudget");
            JsonNode labels = deployment.path("spec").path("template").path("metadata").path("labels");
            assertTrue(policies.stream().anyMatch(p -> !p.path("spec").path("ingress").isMissingNode()
                    && selects(p.path("spec").path("podSelector"), labels)), name + " has no NetworkPolicy allowing it");
        }
    }

    @Test
    void noKeyMaterialIsWrittenInTheManifests() throws IOException {
        for (String line : Files.readAllLines(BASE.resolve("keys.env"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertTrue(line.substring(line.indexOf('=') + 1).startsWith("REPLACE_WITH_"), "keys.env: " + line);
            }
        }
        for (JsonNode secret : objects("Secret")) {
            assertTrue(secret.path("data").isEmpty() && secret.path("stringData").isEmpty(),
                    "a literal Secret: " + secret.path("metadata").path("name").asText());
        }
    }

    @Test
    void everyTopicExistsAsAKafkaTopic() throws IOException {
        Set<String> declared = new TreeSet<>();
        objects("KafkaTopic").forEach(t -> declared.add(t.path("spec").path("topicName").asText()));
        assertTrue(declared.containsAll(Topics.allWithDeadLetters()), "KafkaTopics: " + declared);
    }

    @Test
    void theIngressRoutesOnlyScepAndThePkiFiles() throws IOException {
        Set<String> routed = new TreeSet<>();
        for (JsonNode ingress : objects("Ingress")) {
            for (JsonNode rule : ingress.path("spec").path("rules")) {
                rule.path("http").path("paths").forEach(p -> routed.add(p.path("path").asText() + " -> "
                        + p.path("backend").path("service").path("name").asText()));
            }
        }
        assertEquals(Set.of("/pki -> ca-service", "/scep -> enrollment-service"), routed);
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode matchLabels = selector.path("matchLabels");
        for (Map.Entry<String, JsonNode> label : iterable(matchLabels)) {
            if (!label.getValue().asText().equals(labels.path(label.getKey()).asText())) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            Set<String> values = new TreeSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            if (!"In".equals(expression.path("operator").asText())
                    || !values.contains(labels.path(expression.path("key").asText()).asText())) {
                return false;
            }
        }
        return !matchLabels.isEmpty() || !selector.path("matchExpressions").isEmpty();
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode node) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }

    private static Set<String> names(List<JsonNode> objects) {
        Set<String> names = new TreeSet<>();
        objects.forEach(o -> names.add(o.path("metadata").path("name").asText()));
        return names;
    }

    /** Every object of this kind in the base's manifests. */
    static List<JsonNode> objects(String kind) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(BASE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (documents.hasNext()) {
                        JsonNode document = documents.next();
                        if (document != null && kind.equals(document.path("kind").asText())) {
                            found.add(document);
                        }
                    }
                }
            }
        }
        return found;
    }
}
