package io.stratus.ca.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Reads a topic from the beginning and hands out matching records once each, keeping the others for later. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> unclaimed = new ArrayList<>();

    public TopicReader(String topic) {
        this.consumer = Kafka.consumer(topic);
    }

    /** The first unclaimed record that matches; fails after {@link Kafka#WAIT}. */
    public ConsumerRecord<String, String> await(Predicate<ConsumerRecord<String, String>> match) {
        Instant deadline = Instant.now().plus(Kafka.WAIT);
        while (true) {
            Iterator<ConsumerRecord<String, String>> it = unclaimed.iterator();
            while (it.hasNext()) {
                ConsumerRecord<String, String> record = it.next();
                if (match.test(record)) {
                    it.remove();
                    return record;
                }
            }
            if (!Instant.now().isBefore(deadline)) {
                throw new AssertionError("no matching record on " + consumer.subscription() + " within " + Kafka.WAIT);
            }
            consumer.poll(Duration.ofMillis(500)).forEach(unclaimed::add);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
