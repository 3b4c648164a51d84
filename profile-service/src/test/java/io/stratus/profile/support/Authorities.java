package io.stratus.profile.support;

import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import io.quarkus.arc.Arc;
import io.stratus.crypto.Pem;
import io.stratus.crypto.SubjectNames;
import io.stratus.events.AuthorityCreatedEvent;
import io.stratus.events.AuthorityKind;
import io.stratus.events.AuthorityStatus;
import io.stratus.events.AuthorityStatusChangedEvent;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.StratusEvent;
import io.stratus.events.Topics;
import io.stratus.testkit.StratusTestResource;

/** Announces CAs on stratus.authorities.v1 as ca-service does, and waits until profile-service stored them. */
public final class Authorities {

    private static final Duration MAX_WAIT = Duration.ofSeconds(60);
    private static final Set<String> ANNOUNCED = ConcurrentHashMap.newKeySet();

    private Authorities() {
    }

    /** The test issuing CA (EC P-256, no EKU restriction, 10 years) as {@code id}, once per tenant. */
    public static void ensureIssuing(String tenant, String id) {
        if (ANNOUNCED.add(tenant + "/" + id)) {
            announce(tenant, id, AuthorityKind.ISSUING, AuthorityStatus.ACTIVE, TestCertificates.get().issuing);
        }
    }

    public static void announce(String tenant, String id, AuthorityKind kind, AuthorityStatus status,
            X509Certificate certificate) {
        send(new AuthorityCreatedEvent(tenant, id, kind, null, "CA " + id,
                SubjectNames.toString(certificate.getSubjectX500Principal()), status, Pem.encode(certificate),
                Pem.encode(certificate), certificate.getNotAfter().toInstant()));
        awaitStatus(tenant, id, status.name());
    }

    public static void changeStatus(String tenant, String id, AuthorityStatus status) {
        send(new AuthorityStatusChangedEvent(tenant, id, status, "test"));
        awaitStatus(tenant, id, status.name());
    }

    private static void send(StratusEvent data) {
        Properties props = new Properties();
props.putAll(StratusTestResource.fixtureKafkaConfig());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            CloudEvent event = CloudEvent.of("/stratus/ca-service", data);
            producer.send(new ProducerRecord<>(Topics.AUTHORITIES, event.key(), EventCodec.encode(event)))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish the authority event", e);
        }
    }

    private static void awaitStatus(String tenant, String id, String status) {
        DataSource db = Arc.container().select(DataSource.class).get();
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (!status.equals(status(db, tenant, id))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("profile-service did not store CA " + id + " as " + status);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String status(DataSource db, String tenant, String id) {
        try (Connection connection = db.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select status from authority where tenant = ? and id = ?")) {
            query.setString(1, tenant);
            query.setString(2, id);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getString(1) : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the authority table", e);
        }
    }
}
