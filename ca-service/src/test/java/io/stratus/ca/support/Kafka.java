package io.stratus.ca.support;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.testkit.StratusTestResource;

/** Plain Kafka clients against the testkit broker, standing in for another service (as the broker's administrator). */
public final class Kafka {

    /** How long to wait for an expected record before failing (a bound, not a timing assertion). */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private Kafka() {
    }

    public static void send(String topic, String key, String value) {
        sendAll(topic, key, List.of(value));
    }

    /** Sends the values in order with one producer, all under one key. */
    public static void sendAll(String topic, String key, List<String> values) {
        Properties props = new Properties();
        props.putAll(StratusTestResource.fixtureKafkaConfig());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<?>> sent = new ArrayList<>();
            for (String value : values) {
                sent.add(producer.send(new ProducerRecord<>(topic, key, value)));
            }
            for (Future<?> each : sent) {
                each.get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot send to " + topic, e);
        }
    }

    public static void send(CloudEvent event) {
        send(event.topic(), event.key(), EventCodec.encode(event));
    }

    /** A consumer in a fresh group that reads the topic from the beginning. */
    public static KafkaConsumer<String, String> consumer(String topic) {
        Properties props = new Properties();
        props.putAll(StratusTestResource.fixtureKafkaConfig());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "ca-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** The first record of {@code topic} that matches; fails after {@link #WAIT}. */
    public static ConsumerRecord<String, String> await(String topic, Predicate<ConsumerRecord<String, String>> match) {
        try (KafkaConsumer<String, String> consumer = consumer(topic)) {
            return await(consumer, match);
        }
    }

    public static ConsumerRecord<String, String> await(KafkaConsumer<String, String> consumer,
            Predicate<ConsumerRecord<String, String>> match) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                if (match.test(record)) {
                    return record;
                }
            }
        }
        throw new AssertionError("no matching record on " + consumer.subscription() + " within " + WAIT);
    }

    /** The event in a record, decoded as any consumer would. */
    public static CloudEvent decode(ConsumerRecord<String, String> record) {
        return EventCodec.decode(record.value());
    }
}
