package io.stratus.profile.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.ProfileUnassignedEvent;
import io.stratus.events.Topics;
import io.stratus.profile.support.Outbox;
import io.stratus.profile.support.TopicReader;
import io.stratus.testkit.StratusTestResource;
import jakarta.inject.Inject;

/**
 * Events committed to the outbox but never published (the process died before the relay ran) are found by
 * the relay's poll and published, in outbox order, keyed as the row says.
 */
@QuarkusTest
@WithTestResource(value = StratusTestResource.class, initArgs = @ResourceArg(name = "database", value = "profile"))
class OutboxRelayTest {


    @Inject
    DataSource db;

    @Test
    void unsentRowsLeftBehindArePublishedByThePoll() throws Exception {
        String tenant = "outbox-" + UUID.randomUUID().toString().substring(0, 8);
        List<CloudEvent> events = List.of(
                CloudEvent.of("/stratus/profile-service", new ProfileUnassignedEvent(tenant, "d-1", "a-1", "p-1")),
                CloudEvent.of("/stratus/profile-service", new ProfileUnassignedEvent(tenant, "d-1", "a-2", "p-1")),
                CloudEvent.of("/stratus/profile-service", new ProfileUnassignedEvent(tenant, "d-2", "a-1", "p-1")));
        try (TopicReader topic = new TopicReader(Topics.ASSIGNMENTS)) {
            try (Connection connection = db.getConnection(); PreparedStatement insert = connection.prepareStatement(
                    "insert into outbox (topic, message_key, event_id, event_type, payload) values (?, ?, ?, ?, ?)")) {
                for (CloudEvent event : events) {
                    insert.setString(1, event.topic());
                    insert.setString(2, event.key());
                    insert.setString(3, event.id());
                    insert.setString(4, event.type());
                    insert.setString(5, EventCodec.encode(event));
                    insert.executeUpdate();
                }
            }
            Outbox.awaitDrained(db);

            List<ConsumerRecord<String, String>> published = topic.readToEnd().stream()
                    .filter(record -> tenant.equals(EventCodec.decode(record.value()).tenant())).toList();
            assertEquals(events.stream().map(CloudEvent::id).sorted().toList(),
                    published.stream().map(record -> EventCodec.decode(record.value()).id()).sorted().toList());
            List<String> d1InOrder = published.stream().filter(record -> record.key().equals("d-1"))
                    .map(record -> ((ProfileUnassignedEvent) EventCodec.decode(record.value()).data()).assignmentId())
                    .toList();
            assertEquals(List.of("a-1", "a-2"), d1InOrder, "one device's events keep their order");
        }
    }
}
