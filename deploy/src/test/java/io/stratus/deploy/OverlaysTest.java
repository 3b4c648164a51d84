package io.stratus.deploy;

import static io.stratus.deploy.Manifests.name;
import static io.stratus.deploy.Manifests.ofKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.stratus.events.Topics;
import io.stratus.testkit.tools.RequiresSystemTool;
import io.stratus.testkit.tools.SystemTool;

/**
 * The overlays as {@code kubectl kustomize} renders them: every object parses against its schema, and the policy
 * holds in each (hardened pods with probes and limits, a budget, a network policy and an autoscaler per service, no
 * key material, every topic a KafkaTopic, every Secret referenced made by secrets.sh or an operator, a public address
 * that matches the Ingress, Kafka sized for its replication) plus what makes dev small and prod highly available.
 */
@RequiresSystemTool(SystemTool.KUBECTL)
class OverlaysTest {

    /** The services with a database and Kafka. */
    private static final Set<String> SERVICES = Set.of("ca-service", "enrollment-service", "profile-service");
    private static final String CONSOLE = "console";

    @Test
    void everyRenderedObjectParsesAgainstItsSchema() throws Exception {
        for (Path kustomization : Manifests.kustomizations()) {
            List<JsonNode> objects = Manifests.render(kustomization);
            List<String> problems = new ArrayList<>();
            objects.forEach(o -> problems.addAll(StrictSchemas.problems(o)));
            assertEquals(List.of(), problems, kustomization.toString());
            assertFalse(objects.isEmpty(), kustomization + " renders nothing");
        }
    }

    @Test
    void everyServiceRunsHardenedWithProbesLimitsABudgetAPolicyAndAnAutoscaler() throws Exception {
        for (String overlay : Manifests.OVERLAYS) {
            List<JsonNode> objects = Manifests.render(Manifests.overlay(overlay));
            List<JsonNode> deployments = ofKind(objects, "Deployment");
            Set<String> expected = new TreeSet<>(SERVICES);
            expected.add(CONSOLE);
            assertEquals(expected, names(deployments), overlay);
            List<JsonNode> policies = ofKind(objects, "NetworkPolicy");
            assertTrue(policies.stream().anyMatch(p -> p.path("spec").path("podSelector").isEmpty()
                    && p.path("spec").path("policyTypes").toString().contains("Ingress")
                    && p.path("spec").path("ingress").isMissingNode()), overlay + ": a default deny of ingress");
            Set<String> budgeted = new TreeSet<>();
            ofKind(objects, "PodDisruptionBudget").forEach(b -> budgeted.add(
                    b.path("spec").path("selector").path("matchLabels").path("app").asText()));
            Map<String, JsonNode> scalers = new HashMap<>();
            ofKind(objects, "ScaledObject").forEach(s -> scalers.put(
                    s.path("spec").path("scaleTargetRef").path("name").asText(), s));
            for (JsonNode deployment : deployments) {
                String name = overlay + "/" + name(deployment);
                JsonNode pod = deployment.path("spec").path("template");
                assertEquals("stratus", pod.path("metadata").path("labels").path("app.kubernetes.io/part-of").asText(),
                        name);
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
                assertTrue(budgeted.contains(name(deployment)), name + " has no PodDisruptionBudget");
                JsonNode labels = pod.path("metadata").path("labels");
                assertTrue(policies.stream().anyMatch(p -> !p.path("spec").path("ingress").isMissingNode()
                        && selects(p.path("spec").path("podSelector"), labels)), name + " has no NetworkPolicy allowing it");
                assertTrue(scalers.containsKey(name(deployment)), name + " has no ScaledObject");
                assertTrue(deployment.path("spec").path("replicas").isMissingNode(),
                        name + ": replicas would fight the autoscaler at every apply");
            }
        }
    }

    @Test
    void noKeyMaterialAndEverySecretReferencedIsMadeBySecretsShOrAnOperator(@TempDir Path dir) throws Exception {
        Path jwt = dir.resolve("public.pem");
        Files.writeString(jwt, "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----\n");
        Path oidcClientSecret = dir.resolve("oidc-client-secret");
        Files.writeString(oidcClientSecret, "issued-by-the-provider\n");
        List<JsonNode> made = Manifests.objects(Manifests.run(List.of("bash", Manifests.SECRETS_SCRIPT.toString(),
                "--dry-run", "--jwt-public-key", jwt.toString(), "--oidc-client-secret", oidcClientSecret.toString()),
                "secrets.sh --dry-run"));
        Set<String> madeSecrets = names(ofKind(made, "Secret"));
        Set<String> madeConfigMaps = names(ofKind(made, "ConfigMap"));
        for (JsonNode secret : ofKind(made, "Secret")) {
            if ("kubernetes.io/basic-auth".equals(secret.path("type").asText())) {
                String user = new String(Base64.getDecoder().decode(secret.path("data").path("username").asText()),
                        StandardCharsets.UTF_8);
                assertEquals(name(secret), "stratus-db-" + user.replace('_', '-'), "the role a Secret is named for");
            }
        }
        for (String overlay : Manifests.OVERLAYS) {
            List<JsonNode> objects = Manifests.render(Manifests.overlay(overlay));
            for (JsonNode secret : ofKind(objects, "Secret")) {
                assertTrue(secret.path("data").isEmpty() && secret.path("stringData").isEmpty(),
                        overlay + ": a literal Secret " + name(secret));
            }
            Set<String> operatorSecrets = new TreeSet<>(names(ofKind(objects, "KafkaUser")));
            ofKind(objects, "Kafka").forEach(k -> operatorSecrets.add(name(k) + "-cluster-ca-cert"));
            Set<String> available = new TreeSet<>(madeSecrets);
            available.addAll(operatorSecrets);
            // the Ingresses' certificates: yours, or cert-manager's (deploy/README.md)
            available.addAll(Set.of("stratus-public-tls", "stratus-console-tls"));
            Set<String> referenced = new TreeSet<>(referencedSecrets(objects));
            referenced.removeAll(available);
            assertEquals(Set.of(), referenced, overlay + ": Secrets nobody makes");
            Set<String> configMaps = new TreeSet<>(referencedConfigMaps(objects));
            configMaps.removeAll(names(ofKind(objects, "ConfigMap")));
            configMaps.removeAll(madeConfigMaps);
            assertEquals(Set.of(), configMaps, overlay + ": ConfigMaps nobody makes");
        }
    }

    @Test
    void eachServiceConnectsAsItsApplicationRoleAndMigratesAsItsOwner() throws Exception {
        for (String overlay : Manifests.OVERLAYS) {
            List<JsonNode> objects = Manifests.render(Manifests.overlay(overlay));
            JsonNode cluster = ofKind(objects, "Cluster").get(0);
            Set<String> roles = new TreeSet<>();
            cluster.path("spec").path("managed").path("roles").forEach(r -> roles.add(r.path("name").asText()));
            roles.add(cluster.path("spec").path("bootstrap").path("initdb").path("owner").asText());
            for (JsonNode deployment : ofKind(objects, "Deployment")) {
                if (!SERVICES.contains(name(deployment))) {
                    continue;
                }
                Map<String, JsonNode> env = environment(deployment);
                String url = env.get("QUARKUS_DATASOURCE_REACTIVE_URL").path("value").asText();
                String database = url.substring(url.lastIndexOf('/') + 1);
                String where = overlay + "/" + name(deployment);
                assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL").path("value").asText().endsWith("/" + database), where);
                assertEquals("stratus-db-" + database + "-app", secretOf(env.get("QUARKUS_DATASOURCE_USERNAME")), where);
                assertEquals("stratus-db-" + database + "-app", secretOf(env.get("QUARKUS_DATASOURCE_PASSWORD")), where);
                assertEquals("stratus-db-" + database + "-owner", secretOf(env.get("QUARKUS_FLYWAY_USERNAME")), where);
                assertEquals("stratus-db-" + database + "-owner", secretOf(env.get("QUARKUS_FLYWAY_PASSWORD")), where);
                assertTrue(roles.containsAll(Set.of(database + "_app", database + "_owner")), where + ": roles " + roles);
            }
        }
    }

    @Test
    void everyTopicIsAKafkaTopicThatTheBrokersCanHoldAndEveryAutoscalerReadsLagItMayDescribe() throws Exception {
        for (String overlay : Manifests.OVERLAYS) {
            List<JsonNode> objects = Manifests.render(Manifests.overlay(overlay));
            int brokers = 0;
            for (JsonNode pool : ofKind(objects, "KafkaNodePool")) {
                if (pool.path("spec").path("roles").toString().contains("broker")) {
                    brokers += pool.path("spec").path("replicas").asInt();
                }
            }
            JsonNode config = ofKind(objects, "Kafka").get(0).path("spec").path("kafka").path("config");
            int minInSync = config.path("min.insync.replicas").asInt();
            assertTrue(config.path("default.replication.factor").asInt() <= brokers, overlay);
            assertTrue(config.path("offsets.topic.replication.factor").asInt() <= brokers, overlay);
            Map<String, JsonNode> topics = new HashMap<>();
            for (JsonNode topic : ofKind(objects, "KafkaTopic")) {
                JsonNode spec = topic.path("spec");
                topics.put(spec.path("topicName").asText(), spec);
                int replicas = spec.path("replicas").asInt();
                assertTrue(replicas <= brokers && minInSync <= replicas, overlay + ": " + spec.path("topicName").asText()
                        + " has " + replicas + " replicas on " + brokers + " brokers, " + minInSync + " in sync");
                assertFalse(spec.path("config").path("retention.ms").isMissingNode(), overlay + ": retention of "
                        + spec.path("topicName").asText() + " chosen");
                assertFalse(spec.path("config").path("cleanup.policy").isMissingNode(), overlay);
            }
            assertTrue(topics.keySet().containsAll(Topics.allWithDeadLetters()), overlay + ": " + topics.keySet());
            for (JsonNode user : ofKind(objects, "KafkaUser")) {
                for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                    JsonNode resource = acl.path("resource");
                    if ("topic".equals(resource.path("type").asText())
                            && "literal".equals(resource.path("patternType").asText())) {
                        assertTrue(topics.containsKey(resource.path("name").asText()), overlay + ": KafkaUser "
                                + name(user) + " has an ACL on " + resource.path("name").asText() + ", which is no KafkaTopic");
                    }
                }
            }
            JsonNode lagReader = ofKind(objects, "KafkaUser").stream().filter(u -> name(u).equals("lag-reader"))
                    .findFirst().orElseThrow();
            for (JsonNode scaler : ofKind(objects, "ScaledObject")) {
                int max = scaler.path("spec").path("maxReplicaCount").asInt();
                for (JsonNode trigger : scaler.path("spec").path("triggers")) {
                    if (!"kafka".equals(trigger.path("type").asText())) {
                        continue;
                    }
                    String topic = trigger.path("metadata").path("topic").asText();
                    String group = trigger.path("metadata").path("consumerGroup").asText();
                    assertTrue(topics.containsKey(topic), overlay + ": " + topic);
                    assertTrue(max <= topics.get(topic).path("partitions").asInt(), overlay + ": " + name(scaler)
                            + " scales beyond the partitions of " + topic);
                    assertTrue(allows(lagReader, "topic", topic) && allows(lagReader, "group", group),
                            overlay + ": lag-reader may not describe " + topic + " / " + group);
                }
            }
        }
    }

    @Test
    void devIsOneOfEachAndProdSpreadsThreeControllersThreeBrokersAndTheServices() throws Exception {
        List<JsonNode> dev = Manifests.render(Manifests.overlay("dev"));
        assertEquals(1, ofKind(dev, "KafkaNodePool").size());
        assertEquals(1, ofKind(dev, "KafkaNodePool").get(0).path("spec").path("replicas").asInt());
        assertEquals(1, ofKind(dev, "Cluster").get(0).path("spec").path("instances").asInt());
        ofKind(dev, "ScaledObject").forEach(s -> assertEquals(1, s.path("spec").path("minReplicaCount").asInt()));

        List<JsonNode> prod = Manifests.render(Manifests.overlay("prod"));
        Map<String, Integer> pools = new HashMap<>();
        ofKind(prod, "KafkaNodePool").forEach(p -> pools.put(p.path("spec").path("roles").toString(),
                p.path("spec").path("replicas").asInt()));
        assertEquals(Map.of("[\"controller\"]", 3, "[\"broker\"]", 3), pools);
        assertEquals(3, ofKind(prod, "Cluster").get(0).path("spec").path("instances").asInt());
        assertTrue(ofKind(prod, "Cluster").get(0).path("spec").path("affinity").path("enablePodAntiAffinity").asBoolean());
        ofKind(prod, "ScaledObject").forEach(s -> assertTrue(s.path("spec").path("minReplicaCount").asInt()
                >= (name(s).equals(CONSOLE) ? 2 : 3), name(s)));
        for (JsonNode deployment : ofKind(prod, "Deployment")) {
            JsonNode spread = deployment.path("spec").path("template").path("spec").path("topologySpreadConstraints");
            assertEquals("kubernetes.io/hostname", spread.path(0).path("topologyKey").asText(), name(deployment));
            assertEquals("DoNotSchedule", spread.path(0).path("whenUnsatisfiable").asText(), name(deployment));
        }
    }

    @Test
    void certificatesNameThePublicAddressTheIngressServesAndOnlyScepAndThePkiFilesArePublic() throws Exception {
        for (String overlay : Manifests.OVERLAYS) {
            List<JsonNode> objects = Manifests.render(Manifests.overlay(overlay));
            String host = URI.create(publicConfig(objects).path("STRATUS_PUBLIC_URL").asText()).getHost();
            assertEquals("https://" + host + "/scep", publicConfig(objects).path("STRATUS_SCEP_URL").asText(), overlay);
            Map<String, Set<String>> routedByHost = new HashMap<>();
            for (JsonNode ingress : ofKind(objects, "Ingress")) {
                String tlsHost = ingress.path("spec").path("tls").path(0).path("hosts").path(0).asText();
                for (JsonNode rule : ingress.path("spec").path("rules")) {
                    assertEquals(tlsHost, rule.path("host").asText(), overlay + ": " + name(ingress) + " serves TLS for");
                    rule.path("http").path("paths").forEach(p -> routedByHost
                            .computeIfAbsent(rule.path("host").asText(), h -> new TreeSet<>())
                            .add(p.path("path").asText() + " -> " + p.path("backend").path("service").path("name").asText()));
                }
            }
            assertEquals(Set.of("/pki -> ca-service", "/scep -> enrollment-service"), routedByHost.remove(host), overlay);
            assertEquals(List.of(Set.of("/ -> console")), List.copyOf(routedByHost.values()),
                    overlay + ": the console on a name of its own, and nothing else public");
        }
    }

    @Test
    void theConsoleSignsInThroughTheOpenIdProviderOverTlsAndKeepsABrowserOnOneReplica() throws Exception {
        for (String overlay : Manifests.OVERLAYS) {
            List<JsonNode> objects = Manifests.render(Manifests.overlay(overlay));
            JsonNode console = ofKind(objects, "Deployment").stream().filter(d -> name(d).equals(CONSOLE))
                    .findFirst().orElseThrow();
            Map<String, JsonNode> env = environment(console);
            assertEquals("true", env.get("QUARKUS_OIDC_TENANT_ENABLED").path("value").asText(), overlay);
            assertEquals("stratus-console-oidc", secretOf(env.get("QUARKUS_OIDC_CREDENTIALS_SECRET")), overlay);
            assertEquals("https", URI.create(fromPublicConfig(objects, env.get("QUARKUS_OIDC_AUTH_SERVER_URL")))
                    .getScheme(), overlay + ": the provider's address");
            assertFalse(fromPublicConfig(objects, env.get("QUARKUS_OIDC_CLIENT_ID")).isBlank(), overlay);
            assertEquals("true", env.get("STRATUS_CONSOLE_SECURE_COOKIE").path("value").asText(), overlay);
            assertFalse(env.containsKey("STRATUS_CONSOLE_SIGN_IN_DIR"), overlay + ": no sign-in by code in a cluster");
            Set<String> services = names(ofKind(objects, "Service"));
            for (String key : List.of("STRATUS_CONSOLE_CA_URL", "STRATUS_CONSOLE_PROFILE_URL", "STRATUS_CONSOLE_ENROLLMENT_URL")) {
                assertTrue(services.contains(URI.create(env.get(key).path("value").asText()).getHost()),
                        overlay + ": " + key + " names a Service of the namespace");
            }
            JsonNode scaler = ofKind(objects, "ScaledObject").stream().filter(s -> name(s).equals(CONSOLE))
                    .findFirst().orElseThrow();
            JsonNode ingress = ofKind(objects, "Ingress").stream().filter(i -> name(i).equals("stratus-console"))
                    .findFirst().orElseThrow();
            if (scaler.path("spec").path("maxReplicaCount").asInt() > 1) {
                assertEquals("cookie", ingress.path("metadata").path("annotations")
                        .path("nginx.ingress.kubernetes.io/affinity").asText(),
                        overlay + ": sessions live in one replica, so a browser must stay on it");
            }
        }
    }

    private static boolean allows(JsonNode user, String type, String name) {
        for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            boolean matches = "prefix".equals(resource.path("patternType").asText())
                    ? name.startsWith(resource.path("name").asText())
                    : name.equals(resource.path("name").asText());
            if (type.equals(resource.path("type").asText()) && matches
                    && acl.path("operations").toString().contains("Describe")) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode publicConfig(List<JsonNode> objects) {
        return ofKind(objects, "ConfigMap").stream().filter(c -> name(c).equals("stratus-public")).findFirst()
                .orElseThrow().path("data");
    }

    /** The value an environment variable takes from the ConfigMap stratus-public (public.env). */
    private static String fromPublicConfig(List<JsonNode> objects, JsonNode env) {
        JsonNode reference = env.path("valueFrom").path("configMapKeyRef");
        assertEquals("stratus-public", reference.path("name").asText(), env.path("name").asText());
        return publicConfig(objects).path(reference.path("key").asText()).asText();
    }

    private static Map<String, JsonNode> environment(JsonNode deployment) {
        Map<String, JsonNode> env = new HashMap<>();
        deployment.path("spec").path("template").path("spec").path("containers").path(0).path("env")
                .forEach(e -> env.put(e.path("name").asText(), e));
        return env;
    }

    private static String secretOf(JsonNode env) {
        return env.path("valueFrom").path("secretKeyRef").path("name").asText();
    }

    private static Set<String> referencedSecrets(List<JsonNode> objects) {
        Set<String> names = new TreeSet<>();
        for (JsonNode object : objects) {
            object.findValues("secretKeyRef").forEach(r -> names.add(r.path("name").asText()));
            object.findValues("secretName").forEach(n -> names.add(n.asText()));
            object.findValues("secretTargetRef").forEach(refs -> refs.forEach(r -> names.add(r.path("name").asText())));
            object.findValues("passwordSecret").forEach(r -> names.add(r.path("name").asText()));
            if ("Cluster".equals(object.path("kind").asText())) {
                JsonNode initdb = object.path("spec").path("bootstrap").path("initdb");
                if (initdb.has("secret")) {
                    names.add(initdb.path("secret").path("name").asText());
                }
            }
        }
        return names;
    }

    private static Set<String> referencedConfigMaps(List<JsonNode> objects) {
        Set<String> names = new TreeSet<>();
        for (JsonNode object : objects) {
            object.findValues("configMapKeyRef").forEach(r -> names.add(r.path("name").asText()));
            object.findValues("configMap").forEach(r -> names.add(r.path("name").asText()));
        }
        return names;
    }

    private static boolean selects(JsonNode selector, JsonNode labels) {
        JsonNode matchLabels = selector.path("matchLabels");
        for (Map.Entry<String, JsonNode> label : matchLabels.properties()) {
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

    private static Set<String> names(List<JsonNode> objects) {
        Set<String> names = new TreeSet<>();
        objects.forEach(o -> names.add(name(o)));
        return names;
    }
}
