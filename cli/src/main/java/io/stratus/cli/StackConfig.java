package io.stratus.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the local stack runs: the services' ports, and either the embedded Kafka/PostgreSQL ports or
 * an existing Kafka ({@code STRATUS_KAFKA_BOOTSTRAP}) / PostgreSQL ({@code STRATUS_DB_URL}), and how many replicas of
 * the services that scale out run.
 */
record StackConfig(Map<Service, Integer> servicePorts, int kafkaPort, int controllerPort, int pgPort,
        String externalKafka, DbUrl externalDb, int replicas) {
    static final int DEFAULT_KAFKA_PORT = 19092;
    static final int DEFAULT_CONTROLLER_PORT = 19093;
    static final int DEFAULT_PG_PORT = 15432;

    StackConfig {
        servicePorts = Map.copyOf(servicePorts);
        if (replicas < 1 || replicas > Service.MAX_REPLICAS) {
            throw new StackException("--replicas must be between 1 and " + Service.MAX_REPLICAS + ", not " + replicas);
        }
    }

    static StackConfig defaults() {
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            ports.put(s, s.defaultPort());
        }
        return new StackConfig(ports, DEFAULT_KAFKA_PORT, DEFAULT_CONTROLLER_PORT, DEFAULT_PG_PORT, null, null, 1);
    }

    int port(Service s) {
        return servicePorts.get(s);
    }

    String baseUrl(Service s) {
        return "http://localhost:" + port(s);
    }

    /** Every process of the services, replicas included, in start order. */
    List<ServiceInstance> instances() {
        List<ServiceInstance> all = new ArrayList<>();
        for (Service s : Service.values()) {
            all.addAll(instances(s));
        }
        return all;
    }

    /** The processes of one service: {@link #replicas} of those that scale out, else one. */
    List<ServiceInstance> instances(Service s) {
        List<ServiceInstance> all = new ArrayList<>();
        for (int r = 1; r <= (s.replicable() ? replicas : 1); r++) {
            all.add(new ServiceInstance(s, r));
        }
        return all;
    }

    String kafkaBootstrap() {
        return externalKafka != null ? externalKafka : "127.0.0.1:" + kafkaPort;
    }

    DbUrl database() {
        return externalDb != null ? externalDb : new DbUrl("postgres", "postgres", "127.0.0.1", pgPort);
    }

    /** True if Kafka or PostgreSQL (or both) run in the local {@code LocalInfraMain} process. */
    boolean needsInfra() {
        return externalKafka == null || externalDb == null;
    }

    StackConfig withServicePort(Service s, int port) {
        Map<Service, Integer> ports = new EnumMap<>(servicePorts);
        ports.put(s, port);
        return new StackConfig(ports, kafkaPort, controllerPort, pgPort, externalKafka, externalDb, replicas);
    }

    StackConfig withInfraPorts(int kafka, int controller, int pg) {
        return new StackConfig(servicePorts, kafka, controller, pg, externalKafka, externalDb, replicas);
    }

    StackConfig withExternal(String kafka, DbUrl db) {
        return new StackConfig(servicePorts, kafkaPort, controllerPort, pgPort, kafka, db, replicas);
    }

    StackConfig withReplicas(int count) {
        return new StackConfig(servicePorts, kafkaPort, controllerPort, pgPort, externalKafka, externalDb, count);
    }

    void save(Path file) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode services = root.putObject("services");
        servicePorts.forEach((s, p) -> services.put(s.id(), p));
        root.put("kafkaPort", kafkaPort).put("controllerPort", controllerPort).put("pgPort", pgPort);
        root.put("replicas", replicas);
        if (externalKafka != null) {
            root.put("externalKafka", externalKafka);
        }
        if (externalDb != null) {
            root.putObject("externalDb").put("user", externalDb.user()).put("host", externalDb.host())
                    .put("port", externalDb.port());
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The configuration saved by the last {@code up}. The external database password is not saved; it is
     * taken from {@code STRATUS_DB_URL} when that names the same server.
     */
    static Optional<StackConfig> load(Path file, Map<String, String> env) {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = Json.MAPPER.readTree(file.toFile());
            StackConfig c = defaults();
            for (Service s : Service.values()) {
                JsonNode p = root.path("services").path(s.id());
                if (p.isInt()) {
                    c = c.withServicePort(s, p.asInt());
                }
            }
            c = c.withInfraPorts(root.path("kafkaPort").asInt(DEFAULT_KAFKA_PORT),
                    root.path("controllerPort").asInt(DEFAULT_CONTROLLER_PORT), root.path("pgPort").asInt(DEFAULT_PG_PORT));
            String kafka = root.hasNonNull("externalKafka") ? root.get("externalKafka").asText() : null;
            DbUrl db = null;
            JsonNode edb = root.path("externalDb");
            if (edb.isObject()) {
                db = new DbUrl(edb.path("user").asText(), "", edb.path("host").asText(), edb.path("port").asInt());
                String envUrl = env.get(Main.ENV_DB_URL);
                if (envUrl != null && !envUrl.isBlank()) {
                    DbUrl fromEnv = DbUrl.parse(envUrl);
                    if (fromEnv.host().equals(db.host()) && fromEnv.port() == db.port()) {
                        db = fromEnv;
                    }
                }
            }
            return Optional.of(c.withExternal(kafka, db).withReplicas(root.path("replicas").asInt(1)));
        } catch (IOException e) {
            throw new StackException("cannot read " + file + ": " + e.getMessage() + " (delete it and run up again)");
        }
    }
}
