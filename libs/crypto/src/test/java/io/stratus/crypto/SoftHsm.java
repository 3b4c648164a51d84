package io.stratus.crypto;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

/**
 * One SoftHSM2 token for the test JVM, initialized on first use.
 *
 * <p>SoftHSM reads {@code SOFTHSM2_CONF} from the environment of the process that loads it, and Java cannot set
 * that for itself, so the surefire configuration sets it to a fixed path under {@code target/}; this class writes
 * that file (with a token directory unique to this JVM) before anything loads the library, then initializes the
 * token with {@code softhsm2-util}. Missing SoftHSM skips the tests with the reason printed, and fails them when
 * {@value #REQUIRE}=1 (as CI sets it); {@value #SKIP}=1 skips them in any case.
 */
final class SoftHsm {

    static final String SKIP = "STRATUS_SKIP_PKCS11";
    /** Set by CI, which installs SoftHSM2: then a missing SoftHSM2 fails instead of skipping. */
    static final String REQUIRE = "STRATUS_REQUIRE_SYSTEM_TOOLS";
    static final String LABEL = "stratus-test";
    static final char[] PIN = "1234-user".toCharArray();
    private static final String SO_PIN = "5678-so";
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    record Token(String library, String label, long slot, char[] pin) {
        Pkcs11Config byLabel() {
            return Pkcs11Config.byTokenLabel(library, label, pin);
        }

        Pkcs11Config bySlot() {
            return Pkcs11Config.bySlot(library, slot, pin);
        }
    }

    private static Token token;
    private static boolean skipPrinted;

    private SoftHsm() {
    }

    static String library() {
        return System.getProperty("softhsm.library", "/usr/lib/softhsm/libsofthsm2.so");
    }

    /** The initialized token, or a failure/skip explaining what is missing. */
    static synchronized Token token() {
        if (token == null) {
            token = initialize();
        }
        return token;
    }

    private static Token initialize() {
        Path library = Path.of(library());
        Path util = findUtil();
        if (!Files.isReadable(library) || util == null) {
            unavailable("SoftHSM2 is required for the PKCS#11 tests but " + (util == null ? "softhsm2-util"
                    : library.toString()) + " is missing; install it with `apt-get install -y softhsm2`"
                    + " (or set " + SKIP + "=1 to skip these tests)");
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            unavailable("SOFTHSM2_CONF is not set in this JVM's environment; run the tests through Maven (surefire"
                    + " sets it to target/softhsm2/softhsm2.conf) or export it yourself (or set " + SKIP + "=1)");
        }
        try {
            Path confFile = Path.of(conf).toAbsolutePath();
            Path tokens = confFile.resolveSibling("tokens-" + UUID.randomUUID());
            Files.createDirectories(tokens);
            Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(tokens)));
            String output = run(util, confFile, "--init-token", "--free", "--label", LABEL, "--pin",
                    new String(PIN), "--so-pin", SO_PIN);
            Matcher slot = SLOT.matcher(output);
            if (!slot.find()) {
                fail("softhsm2-util did not say which slot the token got:\n" + output);
            }
            return new Token(library.toString(), LABEL, Long.parseLong(slot.group(1)), PIN.clone());
        } catch (IOException e) {
            throw new AssertionError("cannot prepare the SoftHSM2 token directory", e);
        }
    }

    private static Path findUtil() {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/usr/local/bin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "softhsm2-util"))) {
                return Path.of(dir, "softhsm2-util");
            }
        }
        return null;
    }

    private static void unavailable(String reason) {
        String skip = System.getProperty(SKIP, System.getenv(SKIP));
        if ("1".equals(skip) || "true".equalsIgnoreCase(skip)) {
            if (!skipPrinted) {
                skipPrinted = true;
                System.out.println("SKIPPED PKCS#11 tests (" + SKIP + "=1): " + reason);
            }
            Assumptions.abort(reason);
        }
        if ("1".equals(System.getenv(REQUIRE))) {
            fail(reason);
        }
        if (!skipPrinted) {
            skipPrinted = true;
            System.out.println("SKIPPED PKCS#11 tests, SoftHSM2 missing: " + reason);
        }
        Assumptions.abort(reason);
    }

    private static String run(Path util, Path conf, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of(util.toString()));
        command.addAll(List.of(arguments));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("SOFTHSM2_CONF", conf.toString());
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                fail("softhsm2-util " + arguments[0] + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + util, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
