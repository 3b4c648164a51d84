package io.stratus.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;

/** JSON mapping of {@link CloudEvent}s. Thread-safe. */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventCodec() {
    }

    public static String encode(CloudEvent event) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("specversion", event.specversion());
        json.put("id", event.id());
        json.put("source", event.source());
        json.put("type", event.type());
        json.put("time", event.time().toString());
        if (event.tenant() != null) {
            json.put("tenant", event.tenant());
        }
        json.put("schemaVersion", event.schemaVersion());
        json.put("datacontenttype", "application/json");
        json.set("data", MAPPER.valueToTree(event.data()));
        try {
            return MAPPER.writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.type(), e);
        }
    }

    /**
     * Decodes an event.
     *
     * @throws MalformedEventException when the text is not a Stratus event (a poison message)
     * @throws EventType.UnknownEventTypeException when the type is not known to this version
     */
    public static CloudEvent decode(String text) {
        return decodeChecked(text);
    }

    /**
     * What every consumer does with a message: the event, or empty for a type this version does not know (it is
     * skipped, logged at debug level).
     *
     * @throws MalformedEventException when the text is not a Stratus event (a poison message, for the dead-letter topic)
     */
    public static java.util.Optional<CloudEvent> decodeKnown(String text) {
        try {
            return java.util.Optional.of(decodeChecked(text));
        } catch (EventType.UnknownEventTypeException unknown) {
            SKIPPED.log(System.Logger.Level.DEBUG, "skipping an event of a type this version does not know: {0}",
                    unknown.getMessage());
            return java.util.Optional.empty();
        }
    }

    private static final System.Logger SKIPPED = System.getLogger(EventCodec.class.getName());

    private static CloudEvent decodeChecked(String text) {
        JsonNode json;
        try {
            json = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        String type = required(json, "type");
        EventType eventType = EventType.ofCloudEventType(type);
        JsonNode data = json.get("data");
        if (data == null || !data.isObject()) {
            throw new MalformedEventException("event " + type + " has no data object");
        }
        try {
            StratusEvent payload = MAPPER.treeToValue(data, eventType.dataClass());
            return new CloudEvent(required(json, "specversion"), required(json, "id"), required(json, "source"), type,
                    Instant.parse(required(json, "time")), json.path("tenant").asText(null),
                    json.path("schemaVersion").asInt(CloudEvent.SCHEMA_VERSION), payload);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MalformedEventException("event " + type + " has invalid data: " + e.getMessage());
        }
    }

    /** The shared mapper, configured for events (ISO-8601 times, records, no nulls). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static String required(JsonNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new MalformedEventException("missing field " + field);
        }
        return value.asText();
    }

    /** The message is not a valid Stratus event; it belongs on the dead-letter topic. */
    public static final class MalformedEventException extends IllegalArgumentException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
