package io.stratus.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A Stratus event in CloudEvents structured mode: the metadata (id, source, type, time, tenant) and
 * the data. {@code schemaVersion} versions the data's shape within a topic version.
 */
public record CloudEvent(String specversion, String id, String source, String type, Instant time, String tenant,
        int schemaVersion, StratusEvent data) {

    public static final String SPEC_VERSION = "1.0";
    public static final int SCHEMA_VERSION = 1;

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
    }

    /** A new event from {@code source} (e.g. {@code /stratus/ca-service}) with a fresh id. */
    public static CloudEvent of(String source, StratusEvent data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), source, EventType.of(data).cloudEventType(),
                Instant.now(), data.tenant(), SCHEMA_VERSION, data);
    }

    public EventType eventType() {
        return EventType.ofCloudEventType(type);
    }

    public String topic() {
        return eventType().topic();
    }

    public String key() {
        return data.key();
    }
}
