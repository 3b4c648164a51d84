package io.stratus.ca.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A SoftHSM2 token for this test JVM, and the {@code Pkcs11Config} file that points ca-service at it.
 *
 * <p>SoftHSM reads {@code SOFTHSM2_CONF} from the environment of the process that loads it; surefire sets it to
 * {@code target/softhsm2/softhsm2.conf}, and this class writes that file (with a token directory of its own) and
 * initializes the token with {@code softhsm2-util} before the service loads the library. A missing SoftHSM2 fails
 * loudly: install the {@code softhsm2} package, or set {@value #SKIP}=1 to skip the PKCS#11 tests.
 */
public final class SoftHsmToken {

    public static final String SKIP = "STRATUS_SKIP_PKCS11";
    public static final String LABEL = "stratus-ca-test";
    private static final String PIN = "4321-user";
    private static final String SO_PIN = "8765-so";
    private static Path configFile;

    private SoftHsmToken() {
    }

    /**
     * Whether the PKCS#11 tests run: yes when SoftHSM2 is installed, or when {@code STRATUS_REQUIRE_SYSTEM_TOOLS=1}
     * (CI installs it, so there a missing SoftHSM2 fails); no, with the reason printed, when it is missing or
     * {@value #SKIP}=1.
     */
    /** The user PIN of the test token (for tests that read the token through their own key store). */
    public static char[] pin() {
        return PIN.toCharArray();
    }

    public static boolean shouldRun() {
        if ("1".equals(System.getenv(SKIP)) || "true".equalsIgnoreCase(System.getenv(SKIP))) {
            System.out.println("SKIPPED PKCS#11 tests: " + SKIP + " is set");
            return false;
        }
        boolean installed = Files.isReadable(Path.of(System.getProperty("softhsm.library",
                "/usr/lib/softhsm/libsofthsm2.so"))) && Files.isExecutable(Path.of("/usr/bin/softhsm2-util"));
        if (!installed && !"1".equals(System.getenv("STRATUS_REQUIRE_SYSTEM_TOOLS"))) {
            System.out.println("SKIPPED PKCS#11 tests: SoftHSM2 is not installed (apt-get install -y softhsm2)");
            return false;
        }
        return true;
    }

    /** The Pkcs11Config properties file of the initialized token (created on first call). */
    public static synchronized Path configFile() {
        if (configFile == null) {
            configFile = initialize();
        }
        return configFile;
    }

    private static Path initialize() {
        Path library = Path.of(System.getProperty("softhsm.library", "/usr/lib/softhsm/libsofthsm2.so"));
        Path util = Path.of("/usr/bin/softhsm2-util");
        if (!Files.isReadable(library) || !Files.isExecutable(util)) {
            throw new AssertionError("SoftHSM2 is required for the PKCS#11 tests (" + library + " and " + util
                    + "): apt-get install -y softhsm2, or set " + SKIP + "=1 to skip them");
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            throw new AssertionError("SOFTHSM2_CONF is not set for this JVM: run the tests through Maven (surefire"
                    + " sets it), or set " + SKIP + "=1");
        }
        try {
            Path confFile = Path.of(conf).toAbsolutePath();
            Path tokens = confFile.resolveSibling("tokens-" + UUID.randomUUID());
            Files.createDirectories(tokens);
            Files.writeString(confFile, "directories.tokendir = " + tokens + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.UTF_8);
            run(util, confFile, "--init-token", "--free", "--label", LABEL, "--pin", PIN, "--so-pin", SO_PIN);
            Path config = confFile.resolveSibling("ca-pkcs11-" + UUID.randomUUID() + ".properties");
            Files.writeString(config, "name = stratus-ca-test\nlibrary = " + library + "\ntokenLabel = " + LABEL
                    + "\npin = " + PIN + "\n", StandardCharsets.UTF_8);
            return config;
        } catch (IOException e) {
            throw new AssertionError("cannot prepare the SoftHSM2 token", e);
        }
    }

    private static void run(Path util, Path conf, String... arguments) throws IOException {
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
    }
}
