package io.stratus.testkit.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One SoftHSM2 token for the test JVM, initialized on first use, for every test that needs a PKCS#11 token.
 *
 * <p>SoftHSM reads {@code SOFTHSM2_CONF} from the environment of the process that loads it, and Java cannot set that
 * for itself, so the module's surefire configuration sets it to a path under {@code target/}; this class writes that
 * file (with a token directory unique to this JVM) before anything loads the library, then initializes the token with
 * {@code softhsm2-util}. Whether SoftHSM2 is there at all is decided by {@link SystemTools} like for every other tool:
 * annotate the test with {@code @RequiresSystemTool(SystemTool.SOFTHSM2)} or call {@link #token()} from inside it.
 */
public final class SoftHsmToken {

    public static final String LABEL = "stratus-test";
    private static final String PIN = "1234-user";
    private static final String SO_PIN = "5678-so";
    private static final Pattern SLOT = Pattern.compile("reassigned to slot (\\d+)");

    /** The initialized token: the PKCS#11 library, its label and slot, and the user PIN. */
    public record Token(Path library, String label, long slot, char[] pin) {
        public char[] pin() {
            return pin.clone();
        }
    }

    private static Token token;
    private static Path configFile;

    private SoftHsmToken() {
    }

    /** The token, initialized on first call; skips or fails the calling test where SoftHSM2 is missing. */
    public static synchronized Token token() {
        if (token == null) {
            List<Path> files = SystemTools.require(SystemTool.SOFTHSM2, "PKCS#11 test");
            token = initialize(files.get(0), files.get(1));
        }
        return token;
    }

    /**
     * A properties file in the format of {@code io.stratus.crypto.Pkcs11Config} naming this token (what ca-service's
     * {@code stratus.ca.pkcs11.config} points at).
     */
    public static synchronized Path pkcs11ConfigFile() {
        if (configFile == null) {
            Token t = token();
            try {
                Path file = Path.of(conf()).toAbsolutePath().resolveSibling("pkcs11-" + UUID.randomUUID() + ".properties");
                Files.writeString(file, "name = stratus-test\nlibrary = " + t.library() + "\ntokenLabel = " + t.label()
                        + "\npin = " + PIN + "\n", StandardCharsets.UTF_8);
                configFile = file;
            } catch (IOException e) {
                throw new AssertionError("cannot write the PKCS#11 configuration file", e);
            }
        }
        return configFile;
    }

    /**
     * For a Quarkus test profile's configuration overrides, which JUnit may read while it discovers classes, before
     * {@link RequiresSystemTool} has skipped them: the configuration file where SoftHSM2 is installed, otherwise a
     * placeholder that no application ever starts with.
     */
    public static String pkcs11ConfigFileIfInstalled() {
        return SystemTool.SOFTHSM2.installed() ? pkcs11ConfigFile().toString() : "softhsm2-is-not-installed";
    }

    private static String conf() {
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            throw new AssertionError("SOFTHSM2_CONF is not set in this JVM's environment: run the tests through Maven"
                    + " (the module's surefire configuration sets it under target/) or export it yourself");
        }
        return conf;
    }

    private static Token initialize(Path library, Path util) {
        try {
            Path confFile = Path.of(conf()).toAbsolutePath();
            Path tokens = confFile.resolveSibling("tokens-" + UUID.randomUUID());
            Files.createDirectories(tokens);
            Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(tokens)));
            String output = run(util, confFile, "--init-token", "--free", "--label", LABEL, "--pin", PIN,
                    "--so-pin", SO_PIN);
            Matcher slot = SLOT.matcher(output);
            if (!slot.find()) {
                throw new AssertionError("softhsm2-util did not say which slot the token got:\n" + output);
            }
            return new Token(library, LABEL, Long.parseLong(slot.group(1)), PIN.toCharArray());
        } catch (IOException e) {
            throw new AssertionError("cannot prepare the SoftHSM2 token directory", e);
        }
    }

    private static String run(Path util, Path conf, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of(util.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", conf.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError("softhsm2-util " + arguments[0] + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while initializing the SoftHSM2 token", e);
        }
        return output;
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException ignored) {
            // best effort at JVM exit
        }
    }
}
