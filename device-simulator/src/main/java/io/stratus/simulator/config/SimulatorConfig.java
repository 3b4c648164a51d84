package io.stratus.simulator.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Configuration of the device simulator ({@code stratus.simulator.*}). */
@ConfigMapping(prefix = "stratus.simulator")
public interface SimulatorConfig {

    /** profile-service, where devices are registered and added to groups. */
    @WithDefault("http://localhost:8083")
    String profileUrl();

    /** Bearer token with role {@code device.manage} for profile-service. */
    Optional<String> token();

    /** Enroll here instead of at the SCEP URL of the assignment. */
    Optional<String> scepUrlOverride();

    /**
     * Origins ({@code http://host:port}) of enrollment-service replicas with no load balancer in front of them:
     * each device enrolls at its assignment's SCEP path on one of them, spread by device id.
     */
    Optional<List<String>> scepReplicas();

    /** Enrollments in flight. */
    @WithDefault("8")
    int concurrency();

    /** Pre-generated enrollment keys kept ready per key algorithm (0: generate on demand). */
    @WithDefault("0")
    int keyPoolSize();

    /**
     * Enrollment key pairs per algorithm that bench devices share, kept in the state directory and used round robin
     * ({@code BenchKeys}): RSA key generation then costs the load generator nothing after the first benches.
     */
    @WithDefault("2000")
    int benchKeyPoolSize();

    /** Pause between two CertPoll requests while the CA answers PENDING. */
    @WithDefault("500ms")
    Duration pollInterval();

    /** How many CertPoll requests a device sends before it gives up (240 x 500 ms: two minutes). */
    @WithDefault("240")
    int pollLimit();

    /**
     * How many times a device sends GetCACaps or GetCACert while its SCEP server is unreachable (connection refused,
     * 5xx) before it gives up, one {@link #pollInterval()} apart (240 x 500 ms: two minutes, like polling).
     */
    @WithDefault("240")
    int unreachableAttempts();

    /** Connect and request timeout of every HTTP call. */
    @WithDefault("30s")
    Duration httpTimeout();

    /** How long a bench waits for the assignments of its devices. */
    @WithDefault("120s")
    Duration benchAssignmentTimeout();

    /** Largest device count of one fleet or bench request. */
    @WithDefault("100000")
    int maxDevicesPerRequest();

    /** Registrations at profile-service in flight while a fleet is created. */
    @WithDefault("4")
    int registrationConcurrency();

    /** Where the fleet is kept across restarts (one file per device, the instance id). */
    @WithDefault("${user.home}/.stratus/simulator")
    String stateDir();

    /** This instance's id (its Kafka consumer group is {@code device-simulator-<id>}); default: kept in the state dir. */
    Optional<String> instanceId();

    /** How often enrolled certificates are checked against their renewal threshold (0 turns the check off). */
    @WithDefault("60s")
    Duration renewalCheckInterval();

    /** How often a progress line is logged while devices enroll or a bench runs. */
    @WithDefault("5s")
    Duration progressInterval();
}
