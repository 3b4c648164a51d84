package io.stratus.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import io.stratus.testkit.LocalInfraMain;

/** The layout of the local stack's state directory ({@code .stratus/}). */
record StackDir(Path root) {
    static final String INFRA = "infra";

    StackDir {
        root = root.toAbsolutePath().normalize();
    }

    Path logs() {
        return root.resolve("logs");
    }

    Path pids() {
        return root.resolve("pids");
    }

    Path log(String name) {
        return logs().resolve(name + ".log");
    }

    Path pidFile(String name) {
        return pids().resolve(name + ".pid");
    }

    /** The JWT signing key pair ({@code jwt-private.pem}, {@code jwt-public.pem}). */
    Path jwt() {
        return root.resolve("jwt");
    }

    Path keys() {
        return root.resolve("keys");
    }

    Path adminToken() {
        return root.resolve("admin.token");
    }

    /** Ports and endpoints chosen by the last {@code up}. */
    Path stackFile() {
        return root.resolve("stack.json");
    }

    /** The simulated fleet's saved devices, so a restarted simulator resumes (docs/simulator.md). */
    /** Where {@code stratus console} leaves one-time sign-in codes for the console (each file named by a code's hash). */
    Path consoleSignIn() {
        return root.resolve("console").resolve("sign-in");
    }

    Path simulatorState() {
        return root.resolve("simulator");
    }

    Path kafkaData() {
        return root.resolve("kafka");
    }

    /**
     * Where the infra process serves the consumer lag as Prometheus metrics, while it runs with a local broker
     * ({@code LocalInfraMain} writes it).
     */
    Optional<String> lagMetricsUrl() {
        Path file = LocalInfraMain.lagMetricsUrlFile(root);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readString(file).trim()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    Path postgresData() {
        return root.resolve("postgres");
    }

    void create() {
        try {
            Files.createDirectories(logs());
            Files.createDirectories(pids());
            for (Path secret : new Path[] {jwt(), keys()}) {
                Files.createDirectories(secret);
                Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }
}
