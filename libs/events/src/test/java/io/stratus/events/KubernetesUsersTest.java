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

    @Test
    void everyKafkaUserHasTheAclsOfItsServiceAccount() throws IOException {
        Map<String, Set<String>> deployed = deployedAcls();
        for (ServiceAccount account : ServiceAccount.values()) {
            Set<String> acls = deployed.get(account.principal());
            assertNotNull(acls, "no KafkaUser for " + account.principal() + " in " + USERS);
            assertEquals(expectedAcls(account), acls, "ACLs of KafkaUser " + account.principal());
        }
        assertEquals(ServiceAccount.values().length, deployed.size(), "KafkaUsers without a ServiceAccount: " + deployed.keySet());
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
