package io.stratus.profile.support;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import io.stratus.events.CloudEvent;
import io.stratus.events.EventCodec;
import io.stratus.events.ProfileAssignedEvent;
import io.stratus.events.ProfileUnassignedEvent;

/** The ProfileAssigned / ProfileUnassigned events of one tenant, as "assigned:device" / "unassigned:device". */
public final class AssignmentEvents {

    private final TopicReader reader;
    private final String tenant;
    private final DataSource db;
    private final List<CloudEvent> last = new ArrayList<>();

    public AssignmentEvents(TopicReader reader, String tenant, DataSource db) {
        this.reader = reader;
        this.tenant = tenant;
        this.db = db;
    }

    /** The events published since the last call, sorted, e.g. {@code [assigned:d1, unassigned:d2]}. */
    public List<String> since() {
        Outbox.awaitDrained(db);
        last.clear();
        List<String> seen = new ArrayList<>();
        for (ConsumerRecord<String, String> record : reader.readToEnd()) {
            CloudEvent event = EventCodec.decode(record.value());
            if (!tenant.equals(event.tenant())) {
                continue;
            }
            last.add(event);
            if (event.data() instanceof ProfileAssignedEvent) {
                seen.add("assigned:" + record.key());
            } else if (event.data() instanceof ProfileUnassignedEvent) {
                seen.add("unassigned:" + record.key());
            }
        }
        return seen.stream().sorted().toList();
    }

    /** The ProfileAssigned of {@code deviceId} among the events of the last {@link #since()}. */
    public ProfileAssignedEvent assigned(String deviceId) {
        return last.stream().map(CloudEvent::data).filter(ProfileAssignedEvent.class::isInstance)
                .map(ProfileAssignedEvent.class::cast).filter(event -> event.deviceId().equals(deviceId))
                .findFirst().orElseThrow(() -> new AssertionError("no ProfileAssigned for " + deviceId));
    }

    /** The ProfileUnassigned of {@code deviceId} among the events of the last {@link #since()}. */
    public ProfileUnassignedEvent unassigned(String deviceId) {
        return last.stream().map(CloudEvent::data).filter(ProfileUnassignedEvent.class::isInstance)
                .map(ProfileUnassignedEvent.class::cast).filter(event -> event.deviceId().equals(deviceId))
                .findFirst().orElseThrow(() -> new AssertionError("no ProfileUnassigned for " + deviceId));
    }
}
