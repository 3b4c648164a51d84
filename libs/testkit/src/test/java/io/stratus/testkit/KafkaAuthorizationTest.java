package io.stratus.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.stratus.events.ServiceAccount;
import io.stratus.events.Topics;

/** The bus refuses who cannot authenticate, and each service may use only its own topics and group. */
class KafkaAuthorizationTest {
    private final SharedInfra infra = SharedInfra.get();
    private final KafkaBroker broker = infra.kafka();

    @Test
    void aClientWithoutCredentialsCannotPublish() {
        Map<String, Object> anonymous = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        Throwable refused = publish(anonymous, Topics.ENROLLMENT_REQUESTS);
        // the broker answers nothing but the SASL handshake: the client never learns where the topic lives
        assertInstanceOf(TimeoutException.class, refused, String.valueOf(refused));
    }

    @Test
    void aWrongPasswordIsRefused() {
        KafkaCredentials forged = new KafkaCredentials(ServiceAccount.CA_SERVICE.principal(), KafkaCredentials.randomPassword());
        Throwable refused = publish(forged.clientConfig(broker.bootstrapServers()), Topics.CERTIFICATES);
        assertInstanceOf(SaslAuthenticationException.class, refused, String.valueOf(refused));
    }

    @Test
    void eachServiceWritesOnlyWhatItOwnsAndItsDeadLetters() {
        for (ServiceAccount account : ServiceAccount.values()) {
            Map<String, Object> config = infra.kafkaUser(account).clientConfig(broker.bootstrapServers());
            for (String topic : Topics.allWithDeadLetters()) {
                Throwable outcome = publish(config, topic);
                if (account.writes().contains(topic)) {
                    assertEquals(null, outcome, account + " may write " + topic);
                } else {
                    assertInstanceOf(TopicAuthorizationException.class, outcome, account + " must not write " + topic);
                }
            }
        }
        // the rule set itself: one writer per event topic; the audit topic takes every service that keeps an audit
        // log, each publishing its records under its own seal (a service cannot seal another's)
        assertEquals(List.of(ServiceAccount.ENROLLMENT_SERVICE), writersOf(Topics.ENROLLMENT_REQUESTS));
        assertEquals(List.of(ServiceAccount.PROFILE_SERVICE), writersOf(Topics.ASSIGNMENTS));
        assertEquals(List.of(ServiceAccount.CA_SERVICE), writersOf(Topics.CERTIFICATES));
        assertEquals(List.of(ServiceAccount.CA_SERVICE), writersOf(Topics.AUTHORITIES));
        assertEquals(List.of(ServiceAccount.CA_SERVICE, ServiceAccount.ENROLLMENT_SERVICE,
                ServiceAccount.PROFILE_SERVICE), writersOf(Topics.AUDIT));
    }

    @Test
    void aServiceReadsWhatItConsumesInItsOwnGroupOnly() {
        KafkaCredentials enrollment = infra.kafkaUser(ServiceAccount.ENROLLMENT_SERVICE);
        assertEquals(null, poll(enrollment, "enrollment-service", Topics.CERTIFICATES));
        assertInstanceOf(TopicAuthorizationException.class, poll(enrollment, "enrollment-service", Topics.ENROLLMENT_REQUESTS));
        assertInstanceOf(GroupAuthorizationException.class, poll(enrollment, "ca-service", Topics.CERTIFICATES));

        KafkaCredentials simulator = infra.kafkaUser(ServiceAccount.DEVICE_SIMULATOR);
        assertEquals(null, poll(simulator, "device-simulator-instance-7", Topics.ASSIGNMENTS));
        assertInstanceOf(TopicAuthorizationException.class, poll(simulator, "device-simulator-instance-7", Topics.AUTHORITIES));
    }

    private static List<ServiceAccount> writersOf(String topic) {
        return java.util.Arrays.stream(ServiceAccount.values()).filter(a -> a.writes().contains(topic)).toList();
    }

    /** Null if the record was acknowledged, else why not. */
    private static Throwable publish(Map<String, Object> clientConfig, String topic) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 5000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 4000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "authorization-test", "{}")).get(20, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    /** Null if the consumer joined its group and fetched, else why not. */
    private Throwable poll(KafkaCredentials user, String group, String topic) {
        Map<String, Object> config = new HashMap<>(user.clientConfig(broker.bootstrapServers()));
        config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(200));
                assertTrue(System.nanoTime() < deadline, "no partition of " + topic + " assigned to " + group);
            }
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
