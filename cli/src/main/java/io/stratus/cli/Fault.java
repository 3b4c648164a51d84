package io.stratus.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the chaos harness ({@code stratus chaos}) does to the local stack while a bench runs: each fault is a crash,
 * never a clean stop, and {@code stratus up} (or PostgreSQL's own crash recovery) brings back what it took away.
 */
enum Fault {
    /** SIGKILL of ca-service: certificates being signed, the outbox not yet relayed. */
    KILL_CA_SERVICE("SIGKILL ca-service") {
        @Override
        void inject(LocalStack stack) {
            kill(stack, ServiceInstance.of(Service.CA).name());
        }
    },
    /** SIGKILL of enrollment-service: PKCSReqs in flight, devices polling. */
    KILL_ENROLLMENT_SERVICE("SIGKILL enrollment-service") {
        @Override
        void inject(LocalStack stack) {
            kill(stack, ServiceInstance.of(Service.ENROLLMENT).name());
        }
    },
    /**
     * PostgreSQL crashes while Kafka stays up: SIGKILL of one of its server processes (the checkpointer). The
     * postmaster then ends every session and replays its WAL before it takes connections again: PostgreSQL's crash
     * recovery, as after a crash of the server, every service's connections broken at once.
     */
    CRASH_POSTGRES("SIGKILL a PostgreSQL server process (crash recovery, every connection dropped)") {
        @Override
        void inject(LocalStack stack) {
            StackDir dir = stack.dir();
            long postmaster = InfraStarter.postmasterPid(dir).orElseThrow(
                    () -> new StackException("no PostgreSQL of this stack runs on " + dir.postgresData()));
            ProcessHandle checkpointer = ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::children)
                    .filter(child -> Procs.commandLine(child.pid()).orElse("").contains("checkpointer")).findFirst()
                    .orElseThrow(() -> new StackException("PostgreSQL (pid " + postmaster + ") has no checkpointer process"));
            checkpointer.destroyForcibly();
            awaitGone(checkpointer);
            DemoSetup.sleep(1000); // the postmaster notices the death and starts its recovery
            awaitConnections(stack.config().orElseThrow().database(), Duration.ofSeconds(120));
        }
    },
    /**
     * The Kafka broker crashes: SIGKILL of the infra process it runs in. {@code stratus up} then starts the broker
     * again on its log directory (and, as the local stack runs both in one process, stops and starts PostgreSQL too).
     */
    KILL_KAFKA("SIGKILL the Kafka broker (infra process)") {
        @Override
        void inject(LocalStack stack) {
            kill(stack, StackDir.INFRA);
        }
    },
    /**
     * SIGKILL of profile-service: outcomes being recorded for the deployment report. Last, as issuance goes on
     * without it: the run may end while it restarts.
     */
    KILL_PROFILE_SERVICE("SIGKILL profile-service") {
        @Override
        void inject(LocalStack stack) {
            kill(stack, ServiceInstance.of(Service.PROFILE).name());
        }
    };

    private final String description;

    Fault(String description) {
        this.description = description;
    }

    String description() {
        return description;
    }

    /** Does the damage; the caller brings the stack back ({@code up}) and waits until every service is ready. */
    abstract void inject(LocalStack stack);

    private static void kill(LocalStack stack, String processName) {
        LocalStack.ProcessStatus status = stack.probe(processName);
        if (!status.running()) {
            throw new StackException(processName + " is not running, nothing to kill");
        }
        ProcessHandle process = ProcessHandle.of(status.pid())
                .orElseThrow(() -> new StackException(processName + " (pid " + status.pid() + ") is gone"));
        process.destroyForcibly();
        awaitGone(process);
    }

    /**
     * Waits until a killed process is gone for good, its sockets closed: one that is exiting has no command line any
     * more but may still hold its port. For a process that is not our child, ProcessHandle polls for its pid.
     */
    private static void awaitGone(ProcessHandle process) {
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new StackException("pid " + process.pid() + " survived SIGKILL for 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }

    /** Waits until PostgreSQL accepts a connection again (after its crash recovery). */
    private static void awaitConnections(DbUrl db, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl("postgres"), db.user(),
                    db.password())) {
                return;
            } catch (SQLException e) {
                if (System.nanoTime() > deadline) {
                    throw new StackException("PostgreSQL did not accept connections within " + timeout.toSeconds()
                            + " s of its restart: " + e.getMessage());
                }
                DemoSetup.sleep(250);
            }
        }
    }
}
