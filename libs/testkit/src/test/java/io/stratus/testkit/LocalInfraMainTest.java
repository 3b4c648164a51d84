package io.stratus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stratus.events.Topics;

class LocalInfraMainTest {

    @Test
    void parsesOptions() {
        var o = LocalInfraMain.Options.parse("--dir", "/x", "--kafka-port", "1", "--controller-port", "2", "--pg-port", "3");
        assertEquals(new LocalInfraMain.Options(Path.of("/x"), 1, 2, 3), o);
        assertThrows(IllegalArgumentException.class, () -> LocalInfraMain.Options.parse("--kafka-port", "x"));
        assertThrows(IllegalArgumentException.class, () -> LocalInfraMain.Options.parse("--bogus", "1"));
        assertThrows(IllegalArgumentException.class, () -> LocalInfraMain.Options.parse("--dir"));
        var noKafka = LocalInfraMain.Options.parse("--no-kafka", "--pg-port", "5");
        assertFalse(noKafka.kafka());
        assertTrue(noKafka.postgres());
        assertEquals(1, noKafka.ports().length);
        assertThrows(IllegalArgumentException.class, () -> LocalInfraMain.Options.parse("--no-kafka", "--no-postgres"));
    }

    @Test
    void restartKeepsDatabaseRowsAndKafkaTopics(@TempDir Path dir) throws Exception {
        int[] ports = Ports.free(3);
        Process p = start(dir, ports);
        String bootstrap = "127.0.0.1:" + ports[0];
        String jdbc = "jdbc:postgresql://127.0.0.1:" + ports[2] + "/ca";
        try {
            try (Connection c = DriverManager.getConnection(jdbc, Postgres.USER, Postgres.PASSWORD);
                    Statement st = c.createStatement()) {
                // the local stack keeps what it acknowledged: PostgreSQL's durable defaults, not the tests' settings
                for (String setting : List.of("fsync", "synchronous_commit", "full_page_writes")) {
                    try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
                        assertTrue(rs.next());
                        assertEquals("on", rs.getString(1), setting);
                    }
                }
                st.execute("CREATE TABLE kept (v text)");
                st.execute("INSERT INTO kept VALUES ('survives')");
            }
            KafkaBroker.createTopics(admin(dir).clientConfig(bootstrap), List.of("testkit.kept.v1"), 2);
            try (var producer = new KafkaProducer<>(admin(dir).clientConfig(bootstrap), new StringSerializer(),
                    new StringSerializer())) {
                producer.send(new ProducerRecord<>("testkit.kept.v1", "k", "v")).get();
            }
        } finally {
            stop(p);
        }
        assertFalse(Ports.inUse(ports[0]), "Kafka still listening after SIGTERM");
        assertFalse(Ports.inUse(ports[2]), "PostgreSQL still listening after SIGTERM");

        Process again = start(dir, ports);
        try {
            try (Connection c = DriverManager.getConnection(jdbc, Postgres.USER, Postgres.PASSWORD);
                    ResultSet rs = c.createStatement().executeQuery("SELECT v FROM kept")) {
                assertTrue(rs.next());
                assertEquals("survives", rs.getString(1));
            }
            // each service's user, created at the first start, still enters with its saved password
            KafkaCredentials ca = KafkaCredentials.loadOrCreate(LocalInfraMain.kafkaPasswords(dir), "ca-service");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files
                    .getPosixFilePermissions(LocalInfraMain.kafkaPasswords(dir).resolve("ca-service.password"))));
            try (var producer = new KafkaProducer<>(ca.clientConfig(bootstrap), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(Topics.AUTHORITIES, "k", "v")).get(30, TimeUnit.SECONDS);
            }
            try (var admin = org.apache.kafka.clients.admin.Admin.create(admin(dir).clientConfig(bootstrap))) {
                Set<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS);
                assertTrue(names.contains("testkit.kept.v1"), names.toString());
                assertTrue(names.containsAll(Topics.allWithDeadLetters()), names.toString());
                var tp = new org.apache.kafka.common.TopicPartition("testkit.kept.v1", 0);
                var tp1 = new org.apache.kafka.common.TopicPartition("testkit.kept.v1", 1);
                var offsets = admin.listOffsets(Map.of(tp, org.apache.kafka.clients.admin.OffsetSpec.latest(),
                        tp1, org.apache.kafka.clients.admin.OffsetSpec.latest())).all().get(30, TimeUnit.SECONDS);
                assertEquals(1, offsets.values().stream().mapToLong(o -> o.offset()).sum());
            }
        } finally {
            stop(again);
        }
    }

    /** The broker's administrator, whose password the infra process keeps beside the Kafka storage. */
    private static KafkaCredentials admin(Path dir) {
        return KafkaCredentials.loadOrCreate(dir.resolve("kafka"), KafkaCredentials.ADMIN);
    }

    private static Process start(Path dir, int[] ports) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalInfraMain.class.getName(),
                "--dir", dir.toString(), "--kafka-port", String.valueOf(ports[0]),
                "--controller-port", String.valueOf(ports[1]), "--pg-port", String.valueOf(ports[2]))
                .redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            // Not try-with-resources: after READY the drain thread owns the reader, and closing it here would
            // wait for the drain thread's blocked read (BufferedReader locks both) until the child exits.
            BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            try {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (out) {
                        out.append(line).append('\n');
                    }
                    if (line.startsWith("READY ")) {
                        // keep draining so the child never blocks on a full pipe
                        Thread drain = new Thread(() -> {
                            try {
                                r.transferTo(java.io.Writer.nullWriter());
                            } catch (java.io.IOException ignored) {
                                // child gone
                            }
                        });
                        drain.setDaemon(true);
                        drain.start();
                        return line;
                    }
                }
                return null;
            } catch (java.io.IOException e) {
                return null;
            }
        });
        String line;
        try {
            line = ready.get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            line = null;
        }
        if (line == null) {
            p.destroyForcibly();
            synchronized (out) {
                throw new AssertionError("LocalInfraMain did not print READY:\n" + out);
            }
        }
        assertEquals("READY kafka=127.0.0.1:" + ports[0] + " postgres=" + ports[2], line);
        return p;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM: the shutdown hook closes Kafka and PostgreSQL
        if (!p.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("LocalInfraMain did not stop within 60 s of SIGTERM");
        }
    }
}
