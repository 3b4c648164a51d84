package io.stratus.cli;

import java.nio.file.Path;

import io.stratus.events.ServiceAccount;

/** The Stratus services the local stack runs, each as its own JVM. */
enum Service {
    CA("ca-service", "ca", 8081, "--ca-port", ServiceAccount.CA_SERVICE),
    ENROLLMENT("enrollment-service", "enrollment", 8082, "--enrollment-port", ServiceAccount.ENROLLMENT_SERVICE),
    PROFILE("profile-service", "profile", 8083, "--profile-port", ServiceAccount.PROFILE_SERVICE),
    SIMULATOR("device-simulator", null, 8084, "--simulator-port", ServiceAccount.DEVICE_SIMULATOR),
    /** The web console: no database and no Kafka; it calls the other services' APIs with the signed-in user's token. */
    CONSOLE("console", null, 8085, "--console-port", null);

    private final String id;
    private final String database;
    private final int defaultPort;
    private final String portOption;
    private final ServiceAccount kafkaAccount;

    Service(String id, String database, int defaultPort, String portOption, ServiceAccount kafkaAccount) {
        this.id = id;
        this.database = database;
        this.defaultPort = defaultPort;
        this.portOption = portOption;
        this.kafkaAccount = kafkaAccount;
    }

    /** Who it is on the bus, and so what its ACLs allow; {@code null} for the console, which is not on the bus. */
    ServiceAccount kafkaAccount() {
        return kafkaAccount;
    }

    /** Whether it connects to Kafka (with its own SCRAM user and ACLs). */
    boolean onTheBus() {
        return kafkaAccount != null;
    }

    /** The most replicas {@code up --replicas} starts of a service that scales out. */
    static final int MAX_REPLICAS = 4;

    /**
     * Whether {@code up --replicas} starts more than one: the services of the issuance path, which share their
     * work through Kafka consumer groups and PostgreSQL.
     */
    boolean replicable() {
        return this == CA || this == ENROLLMENT;
    }

    /** The {@code up} option that sets this service's port. */
    String portOption() {
        return portOption;
    }

    /** Process name, module directory, log and pid file name. */
    String id() {
        return id;
    }

    /** The service's database, or {@code null} if it has none. */
    String database() {
        return database;
    }

    int defaultPort() {
        return defaultPort;
    }

    Path jar(Path repoRoot) {
        return repoRoot.resolve(id).resolve("target/quarkus-app/quarkus-run.jar");
    }
}
