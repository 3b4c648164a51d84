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

import io.stratus.events.ServiceAccount;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real one-node Apache Kafka broker in KRaft mode (broker and controller in one), running inside
 * this JVM. The data directory is formatted on first use and reused afterwards.
 *
 * <p>Nobody reaches it without a password: clients authenticate with SASL/SCRAM-SHA-512 and the
 * {@code StandardAuthorizer} denies what no ACL allows; {@value KafkaCredentials#ADMIN} is the only super user (its
 * SCRAM credential is written when the storage is formatted, its password kept in the data directory), the controller
 * listener takes only that user (SASL/PLAIN). {@link #provision} adds a service's user and ACLs.
 */
public final class KafkaBroker implements AutoCloseable {
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /** The administrator's password, beside the storage it was formatted into. */
    static final String ADMIN_PASSWORD_FILE = "stratus-admin.password";
    private static final String CLIENT_LISTENER = "STRATUS";

    private final KafkaRaftServer server;
    private final String bootstrapServers;
    private final KafkaCredentials adminCredentials;
    private final Path tempDir;
    private boolean closed;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers, KafkaCredentials adminCredentials, Path tempDir) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.adminCredentials = adminCredentials;
        this.tempDir = tempDir;
    }

    /** Starts a broker with its data in {@code dataDir} (formatted only if {@code meta.properties} is absent). */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort) {
        return start(dataDir, port, controllerPort, null);
    }

    /**
     * A broker that runs already in this JVM, started through another class loader (Quarkus starts the application
     * anew per test profile): Kafka's SASL server mechanisms are registered JVM-wide once, so a second broker in the
     * same JVM could not authenticate anyone. {@link #close()} leaves it running for its owner.
     */
    static KafkaBroker attach(String bootstrapServers, KafkaCredentials adminCredentials) {
        return new KafkaBroker(null, bootstrapServers, adminCredentials, null);
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
        try {
            Files.createDirectories(logDir);
            KafkaCredentials admin = formatted(logDir);
            Properties props = brokerProperties(logDir, port, controllerPort, admin);
            KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
            server.startup();
            KafkaBroker broker = new KafkaBroker(server, "127.0.0.1:" + port, admin, tempDir);
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

    /**
     * The storage's administrator: formatted with its SCRAM credential if new. A storage formatted by an older
     * Stratus, without one, cannot be entered any more: it is moved aside (Kafka is the transport; every service's
     * database keeps what it needs) and formatted anew.
     */
    private static KafkaCredentials formatted(Path logDir) throws Exception {
        Path passwordFile = logDir.resolve(ADMIN_PASSWORD_FILE);
        if (Files.exists(logDir.resolve("meta.properties"))) {
            if (Files.exists(passwordFile)) {
                return KafkaCredentials.loadOrCreate(logDir, KafkaCredentials.ADMIN);
            }
            Path aside = logDir.resolveSibling(logDir.getFileName() + ".without-sasl-" + System.currentTimeMillis());
            System.err.println("Kafka storage " + logDir + " was formatted without authentication; moved to " + aside
                    + " and formatted anew");
            Files.move(logDir, aside);
            Files.createDirectories(logDir);
        }
        KafkaCredentials admin = KafkaCredentials.random(KafkaCredentials.ADMIN);
        format(logDir, admin);
        SecretFiles.write(passwordFile, admin.password() + "\n");
        return admin;
    }

    static Properties brokerProperties(Path logDir, int port, int controllerPort, KafkaCredentials admin) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", CLIENT_LISTENER + "://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", CLIENT_LISTENER + ":SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", CLIENT_LISTENER);
        String clients = "listener.name." + CLIENT_LISTENER.toLowerCase(java.util.Locale.ROOT) + ".";
        p.put(clients + "sasl.enabled.mechanisms", KafkaCredentials.MECHANISM);
        p.put(clients + "scram-sha-512.sasl.jaas.config", admin.jaasConfig());
        p.put("sasl.mechanism.inter.broker.protocol", KafkaCredentials.MECHANISM);
        // SCRAM credentials live in the metadata the controller serves, so the controller listener takes PLAIN
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                + " username=\"" + admin.username() + "\" password=\"" + admin.password() + "\" user_" + admin.username()
                + "=\"" + admin.password() + "\";");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("super.users", "User:" + admin.username());
        p.put("allow.everyone.if.no.acl.found", "false");
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

    private static void format(Path logDir, KafkaCredentials admin) throws Exception {
        new Formatter()
                .setScramArguments(List.of(KafkaCredentials.MECHANISM + "=[name=" + admin.username() + ",password="
                        + admin.password() + "]"))
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

    /** The super user's credentials: for provisioning and for tests' stand-in clients, never for a service. */
    public KafkaCredentials adminCredentials() {
        return adminCredentials;
    }

    /** Creates a service's user with this password and its ACLs (again at every start: idempotent). */
    public void provision(ServiceAccount account, KafkaCredentials credentials) {
        try (Admin admin = admin()) {
            KafkaAccess.provision(admin, account, credentials);
        }
    }

    /** Creates the topics with {@code partitions} partitions each; topics that exist already are left alone. */
    public void createTopics(Collection<String> names, int partitions) {
        createTopics(adminCredentials.clientConfig(bootstrapServers), names, partitions);
    }

    /** Creates topics on the broker that {@code clientConfig} reaches; existing ones are left alone. */
    public static void createTopics(Map<String, Object> clientConfig, Collection<String> names, int partitions) {
        try (Admin admin = Admin.create(adminConfig(clientConfig))) {
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
            throw new IllegalStateException("timed out creating topics on "
                    + clientConfig.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG), e);
        }
    }

    /** A new admin client for this broker; the caller closes it. */
    public Admin admin() {
        return Admin.create(adminConfig(adminCredentials.clientConfig(bootstrapServers)));
    }

    private static Map<String, Object> adminConfig(Map<String, Object> clientConfig) {
        Map<String, Object> config = new java.util.HashMap<>(clientConfig);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return config;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (server == null) {
            return;
        }
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
