package io.stratus.simulator.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import io.smallrye.common.annotation.Identifier;
import io.stratus.simulator.repository.StateDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * This simulator's instance id: {@code stratus.simulator.instance-id} when set, else the one kept in
 * {@code <state-dir>/instance-id} (made on first start). Its Kafka consumer group is
 * {@code device-simulator-<instance id>}, so several simulators run side by side and a restart keeps
 * its committed offsets.
 */
@ApplicationScoped
public class InstanceIdentity {

    public static final String KAFKA_CONFIGURATION = "simulator-kafka";
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final String id;

    public InstanceIdentity(SimulatorConfig config, StateDirectory state) {
        this.id = config.instanceId().filter(i -> !i.isBlank()).map(String::trim).orElseGet(() -> persisted(state));
        if (!VALID.matcher(id).matches()) {
            throw new IllegalArgumentException("the simulator instance id must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
    }

    public String id() {
        return id;
    }

    public String consumerGroup() {
        return "device-simulator-" + id;
    }

    /** Kafka settings every incoming channel of the simulator starts from (its consumer group). */
    @Produces
    @Identifier(KAFKA_CONFIGURATION)
    Map<String, Object> kafkaConfiguration() {
        return Map.of("group.id", consumerGroup());
    }

    private static String persisted(StateDirectory state) {
        Path file = state.directory(".").resolve("instance-id");
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!stored.isEmpty()) {
                    return stored;
                }
            }
            String fresh = UUID.randomUUID().toString();
            StateDirectory.writeAtomically(file, fresh + "\n");
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the instance id in " + file, e);
        }
    }
}
