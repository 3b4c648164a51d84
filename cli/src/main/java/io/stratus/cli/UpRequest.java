package io.stratus.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.stratus.testkit.Ports;

/**
 * What {@code up} was asked for: explicit ports (null = not given), free-port selection, the readiness timeout, the
 * replicas of the services that scale out (null = not given).
 */
record UpRequest(Map<Service, Integer> servicePorts, Integer kafkaPort, Integer controllerPort, Integer pgPort,
        boolean freePorts, Duration timeout, Integer replicas) {
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(240);

    UpRequest {
        servicePorts = servicePorts == null ? Map.of() : Map.copyOf(servicePorts);
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    /** Defaults, or the ports of the last {@code up}. */
    static UpRequest reuse() {
        return new UpRequest(Map.of(), null, null, null, false, DEFAULT_TIMEOUT, null);
    }

    boolean hasExplicitPorts() {
        return !servicePorts.isEmpty() || kafkaPort != null || controllerPort != null || pgPort != null
                || replicas != null;
    }

    /**
     * The configuration to run with: the running stack's if something runs (explicit ports that differ are an
     * error), else explicit ports over the last {@code up}'s over the defaults; {@code --free-ports} replaces
     * every port that was not given and is not free. {@code STRATUS_KAFKA_BOOTSTRAP} / {@code STRATUS_DB_URL}
     * select an existing Kafka / PostgreSQL.
     */
    StackConfig resolve(Optional<StackConfig> saved, boolean anyRunning, Map<String, String> env, Path dir) {
        if (anyRunning && saved.isPresent()) {
            StackConfig running = saved.get();
            List<String> conflicts = conflicts(running);
            if (!conflicts.isEmpty()) {
                throw new StackException("the stack in " + dir + " is already running with " + String.join(", ", conflicts)
                        + "; run `stratus down` first to change ports or replicas");
            }
            return running;
        }
        StackConfig c = saved.orElse(StackConfig.defaults());
        Map<Service, Integer> ports = new EnumMap<>(Service.class);
        for (Service s : Service.values()) {
            ports.put(s, servicePorts.getOrDefault(s, c.port(s)));
        }
        int kafka = kafkaPort != null ? kafkaPort : c.kafkaPort();
        int controller = controllerPort != null ? controllerPort : c.controllerPort();
        int pg = pgPort != null ? pgPort : c.pgPort();
        if (freePorts) {
            java.util.Iterator<Integer> free = java.util.Arrays.stream(Ports.free(Service.values().length + 3)).iterator();
            for (Service s : Service.values()) {
                int next = free.next();
                if (!servicePorts.containsKey(s) && !Ports.bindable(ports.get(s))) {
                    ports.put(s, next);
                }
            }
            int k = free.next();
            int ct = free.next();
            int p = free.next();
            kafka = kafkaPort == null && !Ports.bindable(kafka) ? k : kafka;
            controller = controllerPort == null && !Ports.bindable(controller) ? ct : controller;
            pg = pgPort == null && !Ports.bindable(pg) ? p : pg;
        }
        String extKafka = blankToNull(env.get(Main.ENV_KAFKA));
        String extDb = blankToNull(env.get(Main.ENV_DB_URL));
        StackConfig result = new StackConfig(ports, kafka, controller, pg, extKafka, extDb == null ? null : DbUrl.parse(extDb),
                replicas != null ? replicas : c.replicas());
        requireDistinct(result);
        return result;
    }

    private List<String> conflicts(StackConfig running) {
        List<String> l = new ArrayList<>();
        servicePorts.forEach((s, p) -> {
            if (running.port(s) != p) {
                l.add(s.id() + " on port " + running.port(s));
            }
        });
        if (kafkaPort != null && kafkaPort != running.kafkaPort()) {
            l.add("Kafka on port " + running.kafkaPort());
        }
        if (controllerPort != null && controllerPort != running.controllerPort()) {
            l.add("the Kafka controller on port " + running.controllerPort());
        }
        if (pgPort != null && pgPort != running.pgPort()) {
            l.add("PostgreSQL on port " + running.pgPort());
        }
        if (replicas != null && replicas != running.replicas()) {
            l.add(running.replicas() + " replica(s) of ca-service and enrollment-service");
        }
        return l;
    }

    private static void requireDistinct(StackConfig c) {
        List<Integer> all = new ArrayList<>();
        c.instances().forEach(instance -> all.add(instance.port(c)));
        if (c.externalKafka() == null) {
            all.add(c.kafkaPort());
            all.add(c.controllerPort());
        }
        if (c.externalDb() == null) {
            all.add(c.pgPort());
        }
        if (all.stream().distinct().count() != all.size()) {
            throw new StackException("two processes would share a port: " + all);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
