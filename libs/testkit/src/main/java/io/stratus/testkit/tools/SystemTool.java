package io.stratus.testkit.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A program from a Debian package that some tests run: the files it needs, and where to look for them.
 *
 * <p>Each tool is a list of parts; a part is found at the first of its candidates that exists (an absolute path,
 * or a name looked up on {@code PATH}). A tool named in {@value SystemTools#HIDE} counts as missing, so that a
 * machine that has it installed can still show what a machine without it does.
 */
public enum SystemTool {
    SOFTHSM2("softhsm2", List.of(
            List.of("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
            List.of("softhsm2-util"))),
    SCEPCLIENT("scep", List.of(List.of("scepclient"))),
    SCEPSERVER("scep", List.of(List.of("scepserver"))),
    CERTMONGER("certmonger", List.of(
            List.of("/usr/libexec/certmonger/scep-submit", "/usr/lib/certmonger/scep-submit", "scep-submit"))),
    CHROMIUM("chromium chromium-driver", List.of(List.of("chromium"), List.of("chromedriver"))),
    PROMTOOL("prometheus", List.of(List.of("promtool"))),
    /**
     * kubectl with its built-in Kustomize v5 (kubectl 1.27 or newer), for {@code kubectl kustomize}. Debian 12's
     * kubernetes-client (1.20, Kustomize v2) is too old for the overlays and counts as missing.
     */
    KUBECTL("kubectl (1.27 or newer, from the Kubernetes project's package repository; Debian 12's kubernetes-client is"
            + " too old)", List.of(List.of("kubectl")), SystemTool::hasKustomizeV5);

    private final String debianPackages;
    private final List<List<String>> parts;
    private final Predicate<List<Path>> usable;

    SystemTool(String debianPackages, List<List<String>> parts) {
        this(debianPackages, parts, found -> true);
    }

    SystemTool(String debianPackages, List<List<String>> parts, Predicate<List<Path>> usable) {
        this.debianPackages = debianPackages;
        this.parts = parts;
        this.usable = usable;
    }

    /** The name used in {@value SystemTools#HIDE} and in messages, such as {@code softhsm2}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** What installs it: {@code apt-get install -y ...}. */
    public String installHint() {
        return "apt-get install -y " + debianPackages;
    }

    /** The located file of each part, in declaration order, or empty when any part is missing or the tool hidden. */
    public Optional<List<Path>> locate() {
        if (SystemTools.hidden(this)) {
            return Optional.empty();
        }
        List<Path> found = new ArrayList<>();
        for (List<String> candidates : parts) {
            Optional<Path> file = first(candidates);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            found.add(file.get());
        }
        return usable.test(found) ? Optional.of(List.copyOf(found)) : Optional.empty();
    }

    public boolean installed() {
        return locate().isPresent();
    }

    /** Why the tool cannot be used here, for a skip or failure message. */
    public String whyMissing() {
        if (SystemTools.hidden(this)) {
            return id() + " is hidden by " + SystemTools.HIDE + " (" + installHint() + " where it is really missing)";
        }
        List<String> missing = new ArrayList<>();
        for (List<String> candidates : parts) {
            if (first(candidates).isEmpty()) {
                missing.add(String.join(" or ", candidates));
            }
        }
        if (missing.isEmpty()) {
            return id() + " is installed but too old: " + installHint();
        }
        return id() + " is not installed (no " + String.join(", no ", missing) + "): " + installHint();
    }

    /** Whether {@code kubectl version --client} names Kustomize v5 or newer. */
    private static boolean hasKustomizeV5(List<Path> kubectl) {
        try {
            Process version = new ProcessBuilder(kubectl.get(0).toString(), "version", "--client")
                    .redirectErrorStream(true).start();
            String output = new String(version.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!version.waitFor(30, TimeUnit.SECONDS)) {
                version.destroyForcibly();
                return false;
            }
            Matcher kustomize = Pattern.compile("Kustomize Version: v(\\d+)\\.").matcher(output);
            return kustomize.find() && Integer.parseInt(kustomize.group(1)) >= 5;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<Path> first(List<String> candidates) {
        for (String candidate : candidates) {
            if (candidate.startsWith("/")) {
                Path path = Path.of(candidate);
                if (Files.isReadable(path)) {
                    return Optional.of(path);
                }
                continue;
            }
            for (String dir : searchPath()) {
                Path path = Path.of(dir, candidate);
                if (Files.isExecutable(path)) {
                    return Optional.of(path);
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> searchPath() {
        List<String> dirs = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isBlank()) {
                dirs.add(dir);
            }
        }
        dirs.addAll(List.of("/usr/bin", "/usr/local/bin", "/usr/sbin"));
        return dirs;
    }
}
