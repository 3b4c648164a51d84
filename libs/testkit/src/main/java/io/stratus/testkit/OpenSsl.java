package io.stratus.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code /usr/bin/openssl}: interoperability checks against software nobody here wrote. */
public final class OpenSsl {
    public static final Path BINARY = Path.of("/usr/bin/openssl");

    private OpenSsl() {
    }

    /** Runs openssl with {@code args}; returns stdout and stderr; throws AssertionError on a non-zero exit. */
    public static String run(String... args) {
        Result r = exec(args);
        if (r.exitCode != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " exited with " + r.exitCode + ":\n" + r.output);
        }
        return r.output;
    }

    /** Asserts that {@code openssl verify -CAfile root -untrusted untrusted leaf} succeeds. */
    public static void verifyChain(Path root, Path untrusted, Path leaf) {
        Result r = exec("verify", "-CAfile", root.toString(), "-untrusted", untrusted.toString(), leaf.toString());
        if (r.exitCode != 0 || !r.output.contains(": OK")) {
            throw new AssertionError("openssl verify failed for " + leaf + " (root " + root + ", untrusted "
                    + untrusted + "), exit " + r.exitCode + ":\n" + r.output);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result exec(String... args) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing; install it (apt-get install -y openssl)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(BINARY.toString());
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("openssl " + String.join(" ", args) + " did not finish in 60 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + BINARY, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running openssl", e);
        }
    }
}
