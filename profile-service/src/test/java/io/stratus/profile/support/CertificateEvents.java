package io.stratus.profile.support;

import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.StratusEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.StratusTestResource;

/** Publishes what ca-service would on the certificates topic, and waits until profile-service has consumed it. */
public final class CertificateEvents {

    private CertificateEvents() {
    }

    public static void publishAndAwait(StratusEvent... events) throws Exception {
        Properties props = new Properties();
        props.putAll(StratusTestResource.fixtureKafkaConfig());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            for (StratusEvent data : events) {
                CloudEvent event = CloudEvent.of("/stratus/ca-service", data);
                producer.send(new ProducerRecord<>(Topics.CERTIFICATES, event.key(), EventCodec.encode(event)))
                        .get(30, TimeUnit.SECONDS);
            }
        }
        ConsumerGroups.awaitConsumed("profile-service", Topics.CERTIFICATES);
    }
}
