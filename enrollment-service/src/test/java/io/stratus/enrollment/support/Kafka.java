package io.stratus.enrollment.support;

import java.util.Properties;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.StratusEvent;
import io.stratus.testkit.StratusTestResource;

/** Plain Kafka clients on the testkit's broker: the test plays the other services. */
public final class Kafka {

    private static KafkaProducer<String, String> producer;

    private Kafka() {
    }

    /** Publishes an event as the given service would, and waits for the broker's acknowledgement. */
    public static void publish(String source, StratusEvent data) {
        CloudEvent event = CloudEvent.of(source, data);
        publishRaw(event.topic(), event.key(), EventCodec.encode(event));
    }

    public static synchronized void publishRaw(String topic, String key, String value) {
        if (producer == null) {
            Properties props = new Properties();
            props.putAll(StratusTestResource.fixtureKafkaConfig());
            props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            producer = new KafkaProducer<>(props);
        }
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot publish to " + topic, e.getCause());
        }
    }

    public static KafkaConsumer<String, String> consumer(String groupId) {
        Properties props = new Properties();
        props.putAll(StratusTestResource.fixtureKafkaConfig());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(props);
    }
}
