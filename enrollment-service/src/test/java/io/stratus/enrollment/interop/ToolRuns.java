package io.stratus.enrollment.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a third-party binary of the interoperability tests and collects what it printed. */
final class ToolRuns {

    private ToolRuns() {
    }

    /** What a finished process printed (stdout and stderr together) and its exit code. */
    record Run(int exitCode, String output) {
    }

    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, Map.of(), null, command);
    }

    /** Runs {@code command} in {@code dir} with extra environment variables and optional stdin; 120 s at most. */
    static Run run(Path dir, Map<String, String> environment, byte[] stdin, String... command)
            throws IOException, InterruptedException {
        Process process = start(dir, environment, command);
        if (stdin != null) {
            process.getOutputStream().write(stdin);
        }
        process.getOutputStream().close();
        return await(process);
    }

    static Process start(Path dir, Map<String, String> environment, String... command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder.start();
    }

    /** Waits for the process (120 s at most, then it is killed) and collects its output. */
    static Run await(Process process) throws IOException, InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Run(-1, "timed out after 120 s:\n"
                    + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
