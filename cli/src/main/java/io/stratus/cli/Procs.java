package io.stratus.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Operating-system processes by pid: command lines and termination. */
final class Procs {
    private Procs() {
    }

    /** The command line's arguments (the program first), if the process exists. */
    static Optional<List<String>> arguments(long pid) {
        Path proc = Path.of("/proc", Long.toString(pid), "cmdline");
        if (Files.isDirectory(Path.of("/proc", "self"))) {
            try {
                byte[] raw = Files.readAllBytes(proc);
                if (raw.length == 0) {
                    return Optional.empty(); // zombie or kernel thread
                }
                return Optional.of(List.of(new String(raw, StandardCharsets.UTF_8).split("\0")));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return ProcessHandle.of(pid).flatMap(h -> h.info().command().map(cmd -> {
            List<String> l = new java.util.ArrayList<>();
            l.add(cmd);
            l.addAll(List.of(h.info().arguments().orElse(new String[0])));
            return l;
        }));
    }

    /** The command line, arguments joined by spaces. */
    static Optional<String> commandLine(long pid) {
        return arguments(pid).map(a -> String.join(" ", a));
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** True if the process is alive and every marker is one of its arguments (exactly). */
    static boolean matches(long pid, String... markers) {
        Optional<List<String>> args = arguments(pid);
        return args.isPresent() && alive(pid) && args.get().containsAll(List.of(markers));
    }

    /** True if the process is alive and its command line contains every fragment. */
    static boolean mentions(long pid, String... fragments) {
        Optional<String> cmd = commandLine(pid);
        if (cmd.isEmpty() || !alive(pid)) {
            return false;
        }
        for (String f : fragments) {
            if (!cmd.get().contains(f)) {
                return false;
            }
        }
        return true;
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}, ...) with kill(1); false if that failed. */
    static boolean signal(long pid, String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends SIGTERM. */
    static void requestStop(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    }

    /** Waits for the process to exit; true if it did within {@code timeout}. */
    static boolean awaitExit(long pid, Duration timeout) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!h.get().isAlive() || commandLine(pid).isEmpty()) {
                return true;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return !h.get().isAlive();
    }

    /** SIGTERM, then SIGKILL if it is still alive after {@code grace}. True if it had to be killed. */
    static boolean terminate(long pid, Duration grace) {
        requestStop(pid);
        if (awaitExit(pid, grace)) {
            return false;
        }
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        awaitExit(pid, Duration.ofSeconds(10));
        return true;
    }
}
