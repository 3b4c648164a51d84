package io.stratus.profile.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.stratus.testkit.StratusTestResource;

/**
 * Reads a topic with a plain KafkaConsumer from the moment it was opened. {@link #readToEnd()} returns
 * everything up to the topic's end offsets at the time of the call, so a test can count events exactly.
 */
public final class TopicReader implements AutoCloseable {

    private static final Duration MAX_WAIT = Duration.ofSeconds(60);

    private final KafkaConsumer<String, String> consumer;
    private final List<TopicPartition> partitions = new ArrayList<>();

    public TopicReader(String topic) {
        Properties props = new Properties();
        props.putAll(StratusTestResource.fixtureKafkaConfig());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props);
        consumer.partitionsFor(topic, MAX_WAIT)
                .forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(partition -> consumer.position(partition, MAX_WAIT));
    }

    /** The records published since the last call (or since opening), up to the current end of the topic. */
    public List<ConsumerRecord<String, String>> readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, MAX_WAIT);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (!reached(end)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the topic's end " + end + " was not reached within " + MAX_WAIT);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    private boolean reached(Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey(), MAX_WAIT) >= e.getValue());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
