package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.stratus.testkit.Ports;
import io.stratus.testkit.Postgres;

/**
 * A PostgreSQL that an infra process left running when it was killed (pg_ctl starts it in a process tree of its
 * own) holds the stack's port and data directory: `stratus up` and `stratus down` stop it, with a fast shutdown, so
 * that the stack starts again on the same data. A real PostgreSQL plays the orphan here: started and never closed
 * (starting the same data again is left to a new process, as `up` does: this JVM keeps a lock on the directory).
 */
class OrphanedPostgresTest {

    @Test
    void anOrphanedPostgresOnTheStacksDataIsStoppedCleanly(@TempDir Path tmp) {
        StackDir dir = new StackDir(tmp.resolve(".stratus"));
        Postgres orphan = Postgres.start(dir.postgresData(), 0, Postgres.Durability.NO_FSYNC);
        int port = orphan.port();
        long pid = InfraStarter.postmasterPid(dir).orElseThrow(() -> new AssertionError("postmaster.pid names it"));
        assertFalse(Ports.bindable(port), "the orphan holds the port");

        assertEquals(Optional.of(pid), InfraStarter.killOrphanPostgres(dir));

        // gone (a zombie of this JVM, its parent here, has an empty command line)
        assertFalse(Procs.mentions(pid, "postgres"), "stopped");
        assertTrue(Ports.bindable(port), "the port is free again");
        assertEquals(Optional.empty(), InfraStarter.killOrphanPostgres(dir), "nothing left to stop");
        // a fast shutdown, not a kill: PostgreSQL removed its postmaster.pid itself, the data is checkpointed
        assertFalse(java.nio.file.Files.exists(dir.postgresData().resolve("postmaster.pid")), "shut down cleanly");
    }

    @Test
    void aPostgresOnAnotherDataDirectoryIsLeftAlone(@TempDir Path tmp) {
        StackDir ours = new StackDir(tmp.resolve("ours"));
        try (Postgres other = Postgres.start(tmp.resolve("other-data"), 0, Postgres.Durability.NO_FSYNC)) {
            assertEquals(Optional.empty(), InfraStarter.killOrphanPostgres(ours));
            other.createDatabase("serving");
        }
    }
}
