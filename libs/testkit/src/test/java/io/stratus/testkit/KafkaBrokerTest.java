package io.stratus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.stratus.events.Topics;

class KafkaBrokerTest {

    @Test
    void producesAndConsumesOnSharedBroker() throws Exception {
        KafkaBroker broker = SharedInfra.get().kafka();
        String topic = "testkit.roundtrip.v1";
        broker.createTopics(List.of(topic), 4);
        broker.createTopics(List.of(topic), 4); // already exists: ignored

        Map<String, Object> admin = broker.adminCredentials().clientConfig(broker.bootstrapServers());
        Map<String, Object> producerConfig = new HashMap<>(admin);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, "device-" + i, "hello " + i)).get();
            }
        }

        List<ConsumerRecord<String, String>> got = new ArrayList<>();
        Map<String, Object> consumerConfig = new HashMap<>(admin);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "testkit-test");
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.currentTimeMillis() + 30_000;
            while (got.size() < 10 && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(got::add);
            }
        }
        assertEquals(10, got.size());
        assertTrue(got.stream().anyMatch(r -> r.key().equals("device-7") && r.value().equals("hello 7")));
    }

    @Test
    void sharedBrokerHasStratusTopicsWithFourPartitions() throws Exception {
        KafkaBroker broker = SharedInfra.get().kafka();
        try (var admin = broker.admin()) {
            Set<String> names = admin.listTopics().names().get();
            assertTrue(names.containsAll(Topics.allWithDeadLetters()), names.toString());
            var d = admin.describeTopics(List.of(Topics.CERTIFICATES)).allTopicNames().get().get(Topics.CERTIFICATES);
            assertEquals(4, d.partitions().size());
        }
    }
}
