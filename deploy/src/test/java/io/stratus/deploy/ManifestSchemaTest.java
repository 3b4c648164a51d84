package io.stratus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every object written in {@code deploy/kubernetes} parses against its API's schema with unknown fields refused
 * ({@link StrictSchemas}), without a cluster or kubectl; and the check does refuse what an API server (or a careful
 * reader) would.
 */
class ManifestSchemaTest {

    @Test
    void everyKustomizationListsEveryManifestOfItsDirectory() throws IOException {
        for (Path kustomization : Manifests.kustomizations()) {
            Set<String> listed = new TreeSet<>();
            for (Path file : Manifests.resourceFiles(kustomization)) {
                listed.add(file.getFileName().toString());
            }
            Set<String> present = new TreeSet<>();
            try (Stream<Path> files = Files.list(kustomization)) {
                files.map(f -> f.getFileName().toString())
                        .filter(f -> f.endsWith(".yaml") && !f.equals("kustomization.yaml") && !f.endsWith("-test.yaml"))
                        .forEach(present::add);
            }
            assertEquals(present, listed, kustomization + ": files not listed as resources, or listed and missing");
        }
    }

    @Test
    void everyObjectParsesAgainstItsSchema() throws IOException {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Path kustomization : Manifests.kustomizations()) {
            for (Path file : Manifests.resourceFiles(kustomization)) {
                for (JsonNode object : Manifests.objects(file)) {
                    StrictSchemas.problems(object).forEach(p -> problems.add(file + ": " + p));
                    checked++;
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checked >= 40, "objects checked: " + checked);
    }

    @Test
    void aMisspeltFieldAWrongTypeAndAnUnknownKindAreRefused() throws IOException {
        assertRefused("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  selector: {matchLabels: {app: x}}
                  template:
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}
                """, "readinesProbe", "spec.template.spec.containers[0].readinesProbe");
        assertRefused("""
                apiVersion: v1
                kind: Service
                metadata: {name: x}
                spec:
                  ports: [{name: 80, port: 80}]
                """, "name", "spec.ports[0].name");
        assertRefused("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: x}
                spec: {topicName: stratus.x.v1, partition: 12, replicas: 3}
                """, "partition", "spec.partition");
        assertRefused("""
                apiVersion: keda.sh/v1alpha1
                kind: ScaledObject
                metadata: {name: x}
                spec:
                  scaleTargetRef: {name: x}
                  triggers:
                    - type: kafka
                      metadata: {topic: stratus.x.v1, lagThreshold: 100}
                """, "lagThreshold", "spec.triggers[0].metadata.lagThreshold");
        assertRefused("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: x}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls: [{resource: {type: topic, name: stratus.x.v1}, operation: Read}]
                """, "operation", "acls[]");
        assertRefused("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: x}
                spec: {instance: 3, storage: {size: 1Gi}}
                """, "instance", "spec.instance");
        assertRefused("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: x}
                spec: {topicName: stratus.x.v1}
                """, "no schema", "");
    }

    private static void assertRefused(String yaml, String field, String path) throws IOException {
        List<String> problems = StrictSchemas.problems(Manifests.objects(yaml).get(0));
        assertEquals(1, problems.size(), "one problem expected for " + field + ": " + problems);
        assertTrue(problems.get(0).contains(field) && problems.get(0).contains(path), problems.get(0));
    }
}
