package io.stratus.testkit.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.stratus.events.Topics;
import io.stratus.testkit.KafkaBroker;
import io.stratus.testkit.Ports;
import io.stratus.testkit.SharedInfra;

/**
 * The local stack's lag metrics, scraped over HTTP from a real broker: a group 3 records short of a partition's end
 * shows lag 3 and its committed offset, and the partition its end.
 */
class ConsumerLagMetricsTest {

    private final KafkaBroker kafka = SharedInfra.get().kafka();

    @Test
    void aGroupThreeRecordsShortOfTheEndHasLagThreeOnThatPartitionAndTheOffsetIsTheEnd() throws Exception {
        String group = "lag-metrics-test-" + UUID.randomUUID();
        TopicPartition partition = new TopicPartition(Topics.CERTIFICATES, 2);
        try (Admin admin = kafka.admin(); KafkaProducer<String, String> producer = producer();
                ConsumerLagMetrics metrics = ConsumerLagMetrics.serve(Ports.free(), kafka::admin, Topics.allWithDeadLetters())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(Topics.CERTIFICATES, 2, "device", "certificate " + i)).get();
            }
            long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).all().get().get(partition).offset();
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(end - 3))).all().get();

            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + metrics.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(200, scrape.statusCode());
            assertTrue(scrape.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
            List<String> lines = scrape.body().lines().toList();
            assertTrue(lines.contains("kafka_consumergroup_lag{consumergroup=\"" + group
                    + "\",topic=\"stratus.certificates.v1\",partition=\"2\"} 3"), scrape.body());
            assertTrue(lines.contains("kafka_topic_partition_current_offset{topic=\"stratus.certificates.v1\","
                    + "partition=\"2\"} " + end), scrape.body());
            assertTrue(lines.contains("kafka_consumergroup_current_offset{consumergroup=\"" + group
                    + "\",topic=\"stratus.certificates.v1\",partition=\"2\"} " + (end - 3)), scrape.body());
            assertTrue(lines.contains("# TYPE kafka_consumergroup_lag gauge"), scrape.body());
            long linesOfTheGroup = lines.stream().filter(l -> l.startsWith("kafka_consumergroup_lag{consumergroup=\"" + group))
                    .count();
            assertEquals(1, linesOfTheGroup, "the group committed on one partition only");
        }
    }

    @Test
    void labelValuesAreEscapedAsTheExpositionFormatAsks() {
        assertEquals("a\\\"b\\\\c\\n", ConsumerLagMetrics.label("a\"b\\c\n"));
    }

    private KafkaProducer<String, String> producer() {
        Map<String, Object> config = new java.util.HashMap<>(kafka.adminCredentials().clientConfig(kafka.bootstrapServers()));
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        return new KafkaProducer<>(config);
    }
}
