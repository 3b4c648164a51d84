package io.stratus.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The Strimzi KafkaUsers of {@code deploy/kubernetes/base/users.yaml} grant exactly what {@link ServiceAccount} says,
 * the rule set the local broker and the tests apply: no ACL more, none less, for every user.
 */
class KubernetesUsersTest {

    private static final Path USERS = Path.of("../../deploy/kubernetes/base/users.yaml");
    /** The one KafkaUser that is no service: what KEDA reads consumer lag as (autoscaling.yaml). */
    private static final String LAG_READER = "lag-reader";

    @Test
    void everyKafkaUserHasTheAclsOfItsServiceAccount() throws IOException {
        Map<String, Set<String>> deployed = deployedAcls();
        for (ServiceAccount account : ServiceAccount.values()) {
            Set<String> acls = deployed.get(account.principal());
            assertNotNull(acls, "no KafkaUser for " + account.principal() + " in " + USERS);
            assertEquals(expectedAcls(account), acls, "ACLs of KafkaUser " + account.principal());
        }
        Set<String> others = new TreeSet<>(deployed.keySet());
        for (ServiceAccount account : ServiceAccount.values()) {
            others.remove(account.principal());
        }
        assertEquals(Set.of(LAG_READER), others, "KafkaUsers without a ServiceAccount");
    }

    /** KEDA's lag reader may describe topics and groups, nothing more: no Read, no Write, no other resource. */
    @Test
    void theLagReaderOnlyDescribes() throws IOException {
        Set<String> acls = deployedAcls().get(LAG_READER);
        assertNotNull(acls, "no KafkaUser " + LAG_READER);
        for (String acl : acls) {
            assertTrue(acl.matches("(topic|group) \\S+ \\S+ \\[Describe\\]"), LAG_READER + " may only describe: " + acl);
        }
        Set<String> groups = new TreeSet<>();
        for (ServiceAccount account : ServiceAccount.values()) {
            if (!account.groupPerInstance()) {
                groups.add(acl("group", account.principal(), "literal", List.of("Describe")));
            }
        }
        assertTrue(acls.containsAll(groups), "the lag reader describes every service's consumer group: " + acls);
        assertTrue(acls.contains(acl("topic", "stratus.", "prefix", List.of("Describe"))), acls.toString());
    }

    /** One line per ACL: {@code topic literal stratus.x.v1 [Describe, Read]}. */
    private static Set<String> expectedAcls(ServiceAccount account) {
        Set<String> acls = new TreeSet<>();
        for (String topic : account.writes()) {
            acls.add(acl("topic", topic, "literal", List.of("Write", "Describe")));
        }
        for (String topic : account.reads()) {
            acls.add(acl("topic", topic, "literal", List.of("Read", "Describe")));
        }
        acls.add(account.groupPerInstance() ? acl("group", account.principal() + "-", "prefix", List.of("Read"))
                : acl("group", account.principal(), "literal", List.of("Read")));
        return acls;
    }

    private static Map<String, Set<String>> deployedAcls() throws IOException {
        assertTrue(Files.exists(USERS), USERS.toAbsolutePath() + " is missing");
        Map<String, Set<String>> users = new LinkedHashMap<>();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(USERS.toFile())) {
            while (documents.hasNext()) {
                JsonNode user = documents.next();
                if (user == null || !"KafkaUser".equals(user.path("kind").asText())) {
                    continue;
                }
                Set<String> acls = new TreeSet<>();
                for (JsonNode entry : user.path("spec").path("authorization").path("acls")) {
                    JsonNode resource = entry.path("resource");
                    List<String> operations = new ArrayList<>();
                    entry.path("operations").forEach(op -> operations.add(op.asText()));
                    acls.add(acl(resource.path("type").asText(), resource.path("name").asText(),
                            resource.path("patternType").asText("literal"), operations));
                }
                users.put(user.path("metadata").path("name").asText(), acls);
            }
        }
        return users;
    }

    private static String acl(String type, String name, String pattern, List<String> operations) {
        return type + " " + pattern + " " + name + " " + new TreeSet<>(operations);
    }
}
