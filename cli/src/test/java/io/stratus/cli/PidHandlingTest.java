package io.stratus.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidHandlingTest {

    @Test
    void pidFilesRoundTripAndRejectGarbage(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("pids/x.pid");
        assertEquals(OptionalLong.empty(), PidFile.read(f));
        PidFile.write(f, 4242);
        assertEquals("4242\n", Files.readString(f));
        assertEquals(OptionalLong.of(4242), PidFile.read(f));
        Files.writeString(f, "not a pid");
        assertEquals(OptionalLong.empty(), PidFile.read(f));
        Files.writeString(f, "-3");
        assertEquals(OptionalLong.empty(), PidFile.read(f));
        PidFile.delete(f);
        assertFalse(Files.exists(f));
    }

    @Test
    void matchesChecksTheCommandLineAndTerminateStopsTheProcess(@TempDir Path dir) throws Exception {
        StackDir stack = new StackDir(dir);
        Process p = Sleeper.start(ProcessLauncher.markers(stack, "ca-service"));
        try {
            assertTrue(Procs.matches(p.pid(), ProcessLauncher.markers(stack, "ca-service")));
            assertFalse(Procs.matches(p.pid(), ProcessLauncher.markers(stack, "profile-service")));
            assertFalse(Procs.matches(p.pid(), ProcessLauncher.markers(new StackDir(dir.resolve("other")), "ca-service")));
            // a stack directory whose path is a prefix of ours is another stack
            assertFalse(Procs.matches(p.pid(), ProcessLauncher.markers(new StackDir(Path.of(dir.toString().substring(0,
                    dir.toString().length() - 1))), "ca-service")));
            assertFalse(Procs.matches(ProcessHandle.current().pid(), ProcessLauncher.markers(stack, "ca-service")));
            assertTrue(Procs.commandLine(p.pid()).orElseThrow().contains(Sleeper.class.getName()));
            assertFalse(Procs.terminate(p.pid(), Duration.ofSeconds(20)), "SIGTERM should have been enough");
            assertFalse(p.isAlive());
            assertFalse(Procs.matches(p.pid(), ProcessLauncher.markers(stack, "ca-service")));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void downStopsOnlyRecordedProcessesWhoseCommandLinesMatch(@TempDir Path dir) throws Exception {
        StackDir stack = new StackDir(dir);
        stack.create();
        Process ours = Sleeper.start(ProcessLauncher.markers(stack, "ca-service"));
        Process foreign = Sleeper.start("-Dsomething.else=1");
        try {
            PidFile.write(stack.pidFile("ca-service"), ours.pid());
            PidFile.write(stack.pidFile("profile-service"), foreign.pid()); // pid reused by another program
            PidFile.write(stack.pidFile("device-simulator"), 999_999_999L); // not running
            LocalStack local = new LocalStack(stack, Installation.detect(java.util.Map.of()), java.util.Map.of(),
                    new java.io.PrintWriter(java.io.Writer.nullWriter()));
            assertEquals(LocalStack.State.RUNNING, local.probe("ca-service").state());
            assertEquals(LocalStack.State.STALE, local.probe("profile-service").state());
            assertEquals(LocalStack.State.STALE, local.probe("device-simulator").state());
            assertEquals(LocalStack.State.STOPPED, local.probe("enrollment-service").state());

            List<String> report = local.down();

            assertTrue(report.contains("stopped ca-service (pid " + ours.pid() + ")"), report.toString());
            assertTrue(report.stream().anyMatch(l -> l.contains("profile-service") && l.contains("another program")), report.toString());
            assertTrue(report.stream().anyMatch(l -> l.contains("device-simulator") && l.contains("not running")), report.toString());
            assertTrue(ours.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
            assertTrue(foreign.isAlive(), "a process that is not ours must survive down");
            try (var files = Files.list(stack.pids())) {
                assertEquals(0, files.count());
            }
            assertEquals(List.of(), local.down());
        } finally {
            ours.destroyForcibly();
            foreign.destroyForcibly();
        }
    }
}
