package io.stratus.testkit.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The local stack's lag per consumer group, topic and partition as Prometheus metrics, under the names Strimzi's Kafka
 * Exporter uses in a cluster ({@code kafka_consumergroup_lag}, {@code kafka_consumergroup_current_offset},
 * {@code kafka_topic_partition_current_offset}), so that
 * the alerting rules and the dashboard read the same series on a workstation and on Kubernetes. Serves
 * {@code GET /metrics} on the loopback address; each scrape asks the broker once ({@link TopicSnapshot}).
 */
public final class ConsumerLagMetrics implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final Admin admin;
    private final Collection<String> topics;

    private ConsumerLagMetrics(HttpServer server, ExecutorService executor, Admin admin, Collection<String> topics) {
        this.server = server;
        this.executor = executor;
        this.admin = admin;
        this.topics = topics;
    }

    /** Serves the lag of {@code topics} on {@code 127.0.0.1:port}, asking the broker as {@code admin}. */
    public static ConsumerLagMetrics serve(int port, Supplier<Admin> admin, Collection<String> topics) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "stratus-lag-metrics");
            thread.setDaemon(true);
            return thread;
        });
        ConsumerLagMetrics metrics = new ConsumerLagMetrics(server, executor, admin.get(), topics);
        server.createContext("/metrics", metrics::answer);
        server.setExecutor(executor);
        server.start();
        return metrics;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            byte[] body;
            int status;
            try {
                body = render(TopicSnapshot.take(admin, topics)).getBytes(StandardCharsets.UTF_8);
                status = 200;
            } catch (KafkaAdminException e) {
                body = ("Kafka did not answer: " + e.getMessage() + "\n").getBytes(StandardCharsets.UTF_8);
                status = 503;
            }
            exchange.getResponseHeaders().set("Content-Type",
                    status == 200 ? "text/plain; version=0.0.4; charset=utf-8" : "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The Prometheus text exposition of one snapshot. */
    static String render(TopicSnapshot snapshot) {
        StringBuilder text = new StringBuilder();
        text.append("# HELP kafka_topic_partition_current_offset The newest offset of a partition.\n");
        text.append("# TYPE kafka_topic_partition_current_offset gauge\n");
        new TreeMap<>(byName(snapshot.latest())).forEach((name, entry) -> text.append("kafka_topic_partition_current_offset{topic=\"")
                .append(entry.getKey().topic()).append("\",partition=\"").append(entry.getKey().partition())
                .append("\"} ").append(entry.getValue()).append('\n'));
        text.append("# HELP kafka_consumergroup_current_offset The offset a consumer group has committed on a partition.\n");
        text.append("# TYPE kafka_consumergroup_current_offset gauge\n");
        snapshot.committed().forEach((group, positions) -> new TreeMap<>(byName(positions)).forEach((name, entry) ->
                text.append("kafka_consumergroup_current_offset{consumergroup=\"").append(label(group)).append("\",topic=\"")
                        .append(entry.getKey().topic()).append("\",partition=\"").append(entry.getKey().partition())
                        .append("\"} ").append(entry.getValue()).append('\n')));
        text.append("# HELP kafka_consumergroup_lag Records of a partition that a consumer group has not committed yet.\n");
        text.append("# TYPE kafka_consumergroup_lag gauge\n");
        snapshot.committed().forEach((group, positions) -> new TreeMap<>(byName(positions)).forEach((name, entry) ->
                text.append("kafka_consumergroup_lag{consumergroup=\"").append(label(group)).append("\",topic=\"")
                        .append(entry.getKey().topic()).append("\",partition=\"").append(entry.getKey().partition())
                        .append("\"} ").append(snapshot.lag(group, entry.getKey())).append('\n')));
        return text.toString();
    }

    /** A label value as the exposition format writes it: backslash, quote and newline escaped. */
    static String label(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Partitions in a stable order (topic, then partition number). */
    private static Map<String, Map.Entry<TopicPartition, Long>> byName(Map<TopicPartition, Long> offsets) {
        Map<String, Map.Entry<TopicPartition, Long>> sorted = new TreeMap<>();
        offsets.forEach((partition, offset) -> sorted.put(
                partition.topic() + "/" + String.format("%06d", partition.partition()), Map.entry(partition, offset)));
        return sorted;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        admin.close();
    }
}
