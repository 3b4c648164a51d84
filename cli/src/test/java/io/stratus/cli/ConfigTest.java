package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigTest {

    @Test
    void dbUrlParses() {
        DbUrl d = DbUrl.parse("postgresql://app:s%40cret@db.example:6543");
        assertEquals(new DbUrl("app", "s@cret", "db.example", 6543), d);
        assertEquals("postgresql://db.example:6543/ca", d.reactiveUrl("ca"));
        assertEquals("jdbc:postgresql://db.example:6543/ca", d.jdbcUrl("ca"));
        assertEquals(5432, DbUrl.parse("postgresql://u:p@h").port());
        assertEquals("postgres", DbUrl.parse("postgres://h:1").user());
        assertThrows(IllegalArgumentException.class, () -> DbUrl.parse("mysql://u:p@h:1"));
        assertThrows(IllegalArgumentException.class, () -> DbUrl.parse("not a url"));
    }

    @Test
    void resolvePrefersExplicitThenSavedThenDefaults() {
        StackConfig saved = StackConfig.defaults().withServicePort(Service.PROFILE, 9083);
        UpRequest req = new UpRequest(Map.of(Service.CA, 9081), null, null, 25432, false, null, null);
        StackConfig c = req.resolve(Optional.of(saved), false, Map.of(), Path.of("/x"));
        assertEquals(9081, c.port(Service.CA));
        assertEquals(9083, c.port(Service.PROFILE));
        assertEquals(8082, c.port(Service.ENROLLMENT));
        assertEquals(25432, c.pgPort());
        assertEquals("127.0.0.1:19092", c.kafkaBootstrap());
        assertTrue(c.needsInfra());
    }

    @Test
    void runningStackKeepsItsPortsAndRefusesOthers() {
        StackConfig running = StackConfig.defaults();
        assertEquals(running, UpRequest.reuse().resolve(Optional.of(running), true, Map.of(), Path.of("/x")));
        UpRequest other = new UpRequest(Map.of(Service.CA, 9999), null, null, null, false, null, null);
        StackException e = assertThrows(StackException.class, () -> other.resolve(Optional.of(running), true, Map.of(), Path.of("/x")));
        assertTrue(e.getMessage().contains("ca-service on port 8081"), e.getMessage());
    }

    @Test
    void replicasOfTheIssuancePathGetTheirOwnNamesAndPorts(@TempDir Path dir) {
        StackConfig c = new UpRequest(Map.of(), null, null, null, false, null, 2)
                .resolve(Optional.empty(), false, Map.of(), dir);
        assertEquals(List.of("ca-service", "ca-service-2", "enrollment-service", "enrollment-service-2",
                "profile-service", "device-simulator", "console"), c.instances().stream().map(ServiceInstance::name).toList());
        assertEquals(8182, new ServiceInstance(Service.ENROLLMENT, 2).port(c));
        assertThrows(IllegalArgumentException.class, () -> new ServiceInstance(Service.PROFILE, 2));
        c.save(dir.resolve("stack.json"));
        assertEquals(2, StackConfig.load(dir.resolve("stack.json"), Map.of()).orElseThrow().replicas());
        StackException running = assertThrows(StackException.class, () -> new UpRequest(Map.of(), null, null, null,
                false, null, 1).resolve(Optional.of(c), true, Map.of(), dir));
        assertTrue(running.getMessage().contains("2 replica(s)"), running.getMessage());
        assertThrows(StackException.class, () -> StackConfig.defaults().withReplicas(Service.MAX_REPLICAS + 1));
    }

    @Test
    void freePortsReplaceTakenPortsOnly() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            int busy = taken.getLocalPort();
            StackConfig saved = StackConfig.defaults().withServicePort(Service.CA, busy);
            UpRequest req = new UpRequest(Map.of(), null, null, null, true, null, null);
            StackConfig c = req.resolve(Optional.of(saved), false, Map.of(), Path.of("/x"));
            assertNotEquals(busy, c.port(Service.CA));
            assertTrue(io.stratus.testkit.Ports.bindable(c.port(Service.CA)));
        }
    }

    @Test
    void environmentSelectsExistingKafkaAndPostgres() {
        Map<String, String> env = Map.of(Main.ENV_KAFKA, "kafka:9092", Main.ENV_DB_URL, "postgresql://u:p@db:5432");
        StackConfig c = UpRequest.reuse().resolve(Optional.empty(), false, env, Path.of("/x"));
        assertEquals("kafka:9092", c.kafkaBootstrap());
        assertEquals(new DbUrl("u", "p", "db", 5432), c.database());
        assertFalse(c.needsInfra());
        StackConfig onlyKafka = UpRequest.reuse().resolve(Optional.empty(), false, Map.of(Main.ENV_KAFKA, "k:1"), Path.of("/x"));
        assertTrue(onlyKafka.needsInfra());
    }

    @Test
    void stackFileRoundTripsWithoutThePassword(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("stack.json");
        StackConfig c = StackConfig.defaults().withServicePort(Service.SIMULATOR, 1234).withInfraPorts(1, 2, 3)
                .withExternal("k:9", new DbUrl("u", "secret", "db", 5432));
        c.save(file);
        assertFalse(java.nio.file.Files.readString(file).contains("secret"));
        StackConfig loaded = StackConfig.load(file, Map.of(Main.ENV_DB_URL, "postgresql://u:secret@db:5432")).orElseThrow();
        assertEquals(c, loaded);
        assertEquals("", StackConfig.load(file, Map.of()).orElseThrow().database().password());
        assertNull(StackConfig.load(dir.resolve("none.json"), Map.of()).orElse(null));
    }

    @Test
    void servicesGetTheirSettingsFromTheEnvironmentAndNeverTheClisOwnVariables() {
        assertTrue(ServiceEnv.isServiceSetting("STRATUS_CA_DEADLINE_CHECK_INTERVAL"));
        assertTrue(ServiceEnv.isServiceSetting("STRATUS_SIMULATOR_RENEWAL_CHECK_INTERVAL"));
        assertTrue(ServiceEnv.isServiceSetting("STRATUS_PROFILE_SHORT_VALIDITY_ALLOWED"));
        for (String cliOnly : List.of("STRATUS_TOKEN", "STRATUS_KAFKA_ADMIN_PASSWORD", "STRATUS_DB_URL",
                "STRATUS_KAFKA_BOOTSTRAP", "STRATUS_CA_URL", "STRATUS_PROFILE_URL", "STRATUS_ENROLLMENT_URL",
                "STRATUS_JAVA_OPTS")) {
            assertFalse(ServiceEnv.isServiceSetting(cliOnly), cliOnly);
        }
        assertTrue(ServiceEnv.CLI_VARIABLES.containsAll(List.of("STRATUS_TOKEN", "STRATUS_KAFKA_ADMIN_PASSWORD",
                "STRATUS_DB_URL")), "the launcher removes the secrets from what a service inherits");
    }

    @Test
    void serviceEnvironmentFollowsTheArchitectureDoc(@TempDir Path dir) {
        StackDir stack = new StackDir(dir);
        Secrets secrets = new Secrets(stack);
        StackConfig c = StackConfig.defaults();
        Map<String, String> ca = ServiceEnv.of(ServiceInstance.of(Service.CA), c, secrets);
        assertEquals("8081", ca.get("QUARKUS_HTTP_PORT"));
        assertEquals("127.0.0.1:19092", ca.get("KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("postgresql://127.0.0.1:15432/ca", ca.get("QUARKUS_DATASOURCE_REACTIVE_URL"));
        assertEquals("jdbc:postgresql://127.0.0.1:15432/ca", ca.get("QUARKUS_DATASOURCE_JDBC_URL"));
        assertEquals("stratus-local", ca.get("MP_JWT_VERIFY_ISSUER"));
        assertEquals(dir.resolve("jwt/jwt-public.pem").toString(), ca.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertEquals(32, java.util.Base64.getDecoder().decode(ca.get("STRATUS_CA_KEK")).length);
        assertEquals("http://localhost:8082/scep", ca.get("STRATUS_CA_SCEP_URL"));
        assertEquals("http://localhost:8081", ca.get("STRATUS_CA_PUBLIC_URL"));
        assertEquals(ca.get("STRATUS_CA_KEK"), ServiceEnv.of(ServiceInstance.of(Service.CA), c, new Secrets(stack)).get("STRATUS_CA_KEK"));
        Map<String, String> sim = ServiceEnv.of(ServiceInstance.of(Service.SIMULATOR), c, secrets);
        assertEquals("http://localhost:8083", sim.get("STRATUS_SIMULATOR_PROFILE_URL"));
        assertTrue(sim.get("STRATUS_SIMULATOR_TOKEN").split("\\.").length == 3);
        assertEquals(dir.resolve("simulator").toString(), sim.get("STRATUS_SIMULATOR_STATE_DIR"));
        assertFalse(sim.containsKey("QUARKUS_DATASOURCE_JDBC_URL"));
        assertTrue(ServiceEnv.of(ServiceInstance.of(Service.ENROLLMENT), c, secrets).containsKey("STRATUS_ENROLLMENT_KEK"));
        assertEquals(c.baseUrl(Service.CA), ServiceEnv.of(ServiceInstance.of(Service.ENROLLMENT), c, secrets)
                .get("STRATUS_ENROLLMENT_CRL_BASE_URL"), "CRLs are downloaded from the stack's own ca-service");
        assertFalse(sim.containsKey("STRATUS_SIMULATOR_SCEP_REPLICAS"));

        StackConfig two = c.withReplicas(2);
        assertEquals("8182", ServiceEnv.of(new ServiceInstance(Service.ENROLLMENT, 2), two, secrets).get("QUARKUS_HTTP_PORT"));
        assertEquals("http://localhost:8082,http://localhost:8182",
                ServiceEnv.of(ServiceInstance.of(Service.SIMULATOR), two, secrets).get("STRATUS_SIMULATOR_SCEP_REPLICAS"));
    }
}
