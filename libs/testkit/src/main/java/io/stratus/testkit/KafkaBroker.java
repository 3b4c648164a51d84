package io.stratus.testkit;

import java.io.IOException;
import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real one-node Apache Kafka broker in KRaft mode (broker and controller in one), running inside
 * this JVM. The data directory is formatted on first use and reused afterwards.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final Path tempDir;
    private boolean closed;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers, Path tempDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.tempDir = tempDir;
    }

    /** Starts a broker with its data in {@code dataDir} (formatted only if {@code meta.properties} is absent). */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, null);
    }

    /** Starts a broker on free ports with its data in a temporary directory deleted at {@link #close()}. */
    public static KafkaBroker startOnFreePorts() {
        Path dir;
        try {
            dir = Files.createTempDirectory("stratus-kafka-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a temporary directory for Kafka", e);
        }
        int[] ports = Ports.free(2);
        return start(dir, ports[0], ports[1], dir);
    }

    private static KafkaBroker start(Path dataDir, int port, int controllerPort, Path tempDir) {
        KafkaLogging.quiet();
        Path logDir = dataDir.toAbsolutePath();
        Properties props = brokerProperties(logDir, port, controllerPort);
        try {
            Files.createDirectories(logDir);
            if (!Files.exists(logDir.resolve("meta.properties"))) {
                format(logDir);
            }
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
            server.startup();
            KafkaBroker broker = new KafkaBroker(server, "127.0.0.1:" + port, tempDir);
            try {
                broker.awaitReady();
            } catch (RuntimeException e) {
                broker.close();
                throw e;
            }
            return broker;
        } catch (Exception e) {
            if (tempDir != null) {
                Files2.deleteRecursively(tempDir);
            }
            throw new IllegalStateException("Kafka broker failed to start on port " + port
                    + " (controller " + controllerPort + ", data " + logDir + "): " + e.getMessage(), e);
        }
    }

    static Properties brokerProperties(Path logDir, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "4");
        p.put("auto.create.topics.enable", "true");
        p.put("default.replication.factor", "1");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    private static void format(Path logDir) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(1)
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(logDir.toString())
                .addDirectory(logDir.toString())
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try (Admin admin = admin()) {
                var nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                if (!nodes.isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            sleep(100);
        }
        throw new IllegalStateException("Kafka broker at " + bootstrapServers + " did not answer within "
                + READY_TIMEOUT.toSeconds() + " s", last);
    }

    /** The {@code bootstrap.servers} value, {@code 127.0.0.1:<port>}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Creates the topics with {@code partitions} partitions each; topics that exist already are left alone. */
    public void createTopics(Collection<String> names, int partitions) {
        createTopics(bootstrapServers, names, partitions);
    }

    /** Creates topics on any broker reachable at {@code bootstrapServers}; existing ones are left alone. */
    public static void createTopics(String bootstrapServers, Collection<String> names, int partitions) {
        try (Admin admin = Admin.create(adminConfig(bootstrapServers))) {
            List<NewTopic> topics = names.stream().map(n -> new NewTopic(n, partitions, (short) 1)).toList();
            var futures = admin.createTopics(topics).values();
            for (var entry : futures.entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics on " + bootstrapServers, e);
        }
    }

    /** A new admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(adminConfig(bootstrapServers));
    }

    private static Map<String, Object> adminConfig(String bootstrapServers) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            if (tempDir != null) {
                Files2.deleteRecursively(tempDir);
            }
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
