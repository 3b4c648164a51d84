package io.stratus.cli;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** Where the repository, the Java binary and the CLI's own classpath are. */
record Installation(Path repoRoot, String classpath, Path javaBinary) {
    static final String ENV_ROOT = "STRATUS_ROOT";
    static final String ENV_CLASSPATH = "STRATUS_CLASSPATH";

    /** From {@code -Dstratus.root} / {@code STRATUS_ROOT}, else the repository this CLI was built in, else the working directory. */
    static Installation detect(Map<String, String> env) {
        Path codeSource = codeSource();
        Path root = firstNonBlank(System.getProperty("stratus.root"), env.get(ENV_ROOT))
                .map(Path::of)
                .orElseGet(() -> findRoot(codeSource).orElseGet(() -> findRoot(Path.of("")).orElse(Path.of(""))));
        String cp = firstNonBlank(env.get(ENV_CLASSPATH), null).orElseGet(() -> classpathOf(codeSource));
        return new Installation(root.toAbsolutePath().normalize(), cp,
                Path.of(System.getProperty("java.home"), "bin", "java"));
    }

    private static Optional<String> firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) {
            return Optional.of(a);
        }
        return b != null && !b.isBlank() ? Optional.of(b) : Optional.empty();
    }

    private static Path codeSource() {
        try {
            return Path.of(Installation.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("").toAbsolutePath();
        }
    }

    /** The nearest ancestor holding {@code mvnw} and a {@code cli/} module. */
    static Optional<Path> findRoot(Path start) {
        for (Path p = start.toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw")) && Files.isDirectory(p.resolve("cli"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The CLI jar (or classes) plus {@code target/lib/*}; else this JVM's classpath. */
    static String classpathOf(Path codeSource) {
        Path lib = codeSource.getParent() == null ? null : codeSource.getParent().resolve("lib");
        if (lib != null && Files.isDirectory(lib)) {
            return codeSource + File.pathSeparator + lib + File.separator + "*";
        }
        return System.getProperty("java.class.path");
    }
}
