package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the OpenSSL command line; a missing binary fails the test loudly instead of skipping it. */
public final class OpenSsl {

    public record Result(int exitCode, String output) {
        public Result assertSuccess() {
            if (exitCode != 0) {
                fail("openssl failed with exit code " + exitCode + ":\n" + output);
            }
            return this;
        }
    }

    private OpenSsl() {
    }

    public static Path binary() {
        Path binary = Path.of(System.getProperty("openssl.binary", "/usr/bin/openssl"));
        if (!Files.isExecutable(binary)) {
            fail("OpenSSL is required for the interoperability tests but " + binary
                    + " is missing; install it (apt-get install openssl) or set -Dopenssl.binary=/path/to/openssl");
        }
        return binary;
    }

    /** Runs openssl with the arguments in {@code workDir}; stdout and stderr are merged. */
    public static Result run(Path workDir, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("openssl timed out: " + command);
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public static Path write(Path dir, String name, String text) {
        try {
            return Files.writeString(dir.resolve(name), text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
