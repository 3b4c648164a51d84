package io.stratus.cli;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a long-running JVM that outlives the CLI: its own session ({@code setsid}), stdin from
 * {@code /dev/null}, stdout and stderr to a log file (the previous log kept as {@code .log.1}).
 * The command line carries {@code -Dstratus.stack=<dir>} and {@code -Dstratus.process=<name>} so that
 * {@code down} can tell our processes from anything else that later reuses a pid.
 */
final class ProcessLauncher {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final StackDir dir;

    ProcessLauncher(StackDir dir) {
        this.dir = dir;
    }

    /** The markers that identify process {@code name} of this stack on its command line. */
    static String[] markers(StackDir dir, String name) {
        return new String[] {"-Dstratus.stack=" + dir.root(), "-Dstratus.process=" + name};
    }

    /**
     * Starts {@code java <jvmArgs> <markers> <mainArgs>} and records its pid.
     *
     * @param mainArgs {@code -jar x.jar} or {@code -cp cp MainClass args...}
     */
    long start(String name, Path java, List<String> jvmArgs, List<String> mainArgs, Map<String, String> env) {
        Path log = dir.log(name);
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            cmd.add(SETSID.toString());
        }
        cmd.add(java.toString());
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of(markers(dir, name)));
        cmd.addAll(mainArgs);
        try {
            Files.createDirectories(log.getParent());
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder pb = new ProcessBuilder(cmd)
                    .directory(dir.root().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            // the CLI's own variables (its token, the Kafka administrator's password...) stay with the CLI
            pb.environment().keySet().removeAll(ServiceEnv.CLI_VARIABLES);
            pb.environment().putAll(env);
            Process p = pb.start();
            PidFile.write(dir.pidFile(name), p.pid());
            return p.pid();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", cmd), e);
        }
    }

    /** The last {@code lines} lines of a process's log, for error messages. */
    static String tail(Path log, int lines) {
        try {
            if (!Files.exists(log)) {
                return "(no log at " + log + ")";
            }
            List<String> all = List.of(new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8)
                    .split("\\R"));
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return "--- last " + last.size() + " lines of " + log + " ---\n" + String.join("\n", last);
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
