package io.stratus.enrollment.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * Third-party binaries the interoperability tests run (micromdm's scepclient, certmonger's scep-submit).
 * A missing binary skips its test LOUDLY (the reason is printed), or fails it when
 * {@code STRATUS_REQUIRE_SYSTEM_TOOLS=1} (as CI sets it).
 */
final class SystemTools {

    static final String REQUIRE = "STRATUS_REQUIRE_SYSTEM_TOOLS";

    private SystemTools() {
    }

    /** What a finished process printed (stdout and stderr together) and its exit code. */
    record Run(int exitCode, String output) {
    }

    /**
     * The first executable among {@code candidates} (absolute paths, then the names on PATH); otherwise the
     * test is skipped with {@code installHint} printed, or failed under {@code STRATUS_REQUIRE_SYSTEM_TOOLS=1}.
     */
    static Path require(String tool, List<String> candidates, String installHint) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (path.isAbsolute() && Files.isExecutable(path)) {
                return path;
            }
        }
        String searchPath = System.getenv("PATH");
        if (searchPath != null) {
            for (String dir : searchPath.split(":")) {
                for (String candidate : candidates) {
                    if (!candidate.startsWith("/") && Files.isExecutable(Path.of(dir, candidate))) {
                        return Path.of(dir, candidate);
                    }
                }
            }
        }
        String missing = tool + " is not installed: " + installHint;
        if ("1".equals(System.getenv(REQUIRE))) {
            return fail(missing + " (" + REQUIRE + "=1 makes its absence a failure)");
        }
        System.out.println("SKIPPED " + tool + " interoperability test: " + missing);
        System.err.println("SKIPPED " + tool + " interoperability test: " + missing);
        Assumptions.abort(missing);
        return null;
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
