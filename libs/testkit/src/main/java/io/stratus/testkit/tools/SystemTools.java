package io.stratus.testkit.tools;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Assumptions;

/**
 * The one rule for tests that need a program from a Debian package ({@link SystemTool}).
 *
 * <ul>
 * <li>Tool missing: the test is skipped, and a line starting with {@code SKIPPED} says what to install.</li>
 * <li>Tool missing and {@value #REQUIRE}=1 (CI sets it, after installing the packages): the test fails.</li>
 * <li>{@value #HIDE}={@code softhsm2,scepclient} (or {@code all}) makes installed tools count as missing, so a
 * machine that has them can show what a machine without them does. It is read from the environment or from the
 * system property of the same name.</li>
 * </ul>
 *
 * <p>Use {@link RequiresSystemTool} on a test class (it decides before any Quarkus application starts), or
 * {@link #require} inside a test.
 */
public final class SystemTools {

    /** Set to 1 where the tools were installed on purpose: then their absence fails the build. */
    public static final String REQUIRE = "STRATUS_REQUIRE_SYSTEM_TOOLS";
    /** Comma-separated tool ids (or {@code all}) to treat as missing. */
    public static final String HIDE = "STRATUS_HIDE_SYSTEM_TOOLS";

    private SystemTools() {
    }

    /** Whether a missing tool fails instead of skipping. */
    public static boolean required() {
        return "1".equals(setting(REQUIRE).trim());
    }

    static boolean hidden(SystemTool tool) {
        Set<String> hidden = Arrays.stream(setting(HIDE).split(","))
                .map(id -> id.trim().toLowerCase(Locale.ROOT))
                .filter(id -> !id.isEmpty())
                .collect(Collectors.toSet());
        return hidden.contains("all") || hidden.contains(tool.id());
    }

    /**
     * The located files of {@code tool} (one per part, see {@link SystemTool}); when it is missing the calling test is
     * skipped with the reason printed, or failed under {@value #REQUIRE}=1.
     */
    public static List<java.nio.file.Path> require(SystemTool tool, String whatNeedsIt) {
        return tool.locate().orElseGet(() -> {
            String reason = unavailable(tool, whatNeedsIt);
            Assumptions.abort(reason);
            throw new IllegalStateException(reason);
        });
    }

    /**
     * Reports a missing tool: returns the skip reason after printing it, or throws an {@link AssertionError} under
     * {@value #REQUIRE}=1.
     */
    static String unavailable(SystemTool tool, String whatNeedsIt) {
        String reason = tool.whyMissing();
        if (required()) {
            throw new AssertionError(whatNeedsIt + " needs " + reason + "; " + REQUIRE
                    + "=1 makes a missing tool a failure");
        }
        System.out.println("SKIPPED " + whatNeedsIt + ": " + reason);
        return reason;
    }

    private static String setting(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            value = System.getenv(name);
        }
        return value == null ? "" : value;
    }
}
