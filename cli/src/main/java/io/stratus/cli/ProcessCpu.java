package io.stratus.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU time the stack's processes have used, read from {@code /proc/<pid>/stat}: user and system time of the process,
 * of the children it has waited for, and of its live descendants. The infra process also counts its PostgreSQL
 * server, which pg_ctl starts as a process tree of its own (the postmaster named in {@code postmaster.pid}).
 * Two samples taken around a bench give the CPU per enrollment of each process.
 */
final class ProcessCpu {
    /** USER_HZ: the unit of the times in /proc/<pid>/stat, 100 on Linux for every architecture Java runs on. */
    private static final double TICKS_PER_MS = 0.1;

    private ProcessCpu() {
    }

    /** A sampler of the local stack's processes. */
    static java.util.function.Supplier<Map<String, Double>> ofStack(StackDir dir) {
        return () -> sample(dir);
    }

    /** A sampler of one process (and its descendants) under a name. */
    static java.util.function.Supplier<Map<String, Double>> ofPid(String name, long pid) {
        return () -> {
            double ms = treeMillis(pid);
            return ms < 0 ? Map.of() : Map.of(name, ms);
        };
    }

    /** Milliseconds of CPU per stack process name (see {@link LocalStack#names()}), for those running. */
    static Map<String, Double> sample(StackDir dir) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        for (String name : LocalStack.names()) {
            OptionalLong pid = PidFile.read(dir.pidFile(name));
            if (pid.isPresent()) {
                double ms = treeMillis(pid.getAsLong());
                if (ms >= 0) {
                    if (StackDir.INFRA.equals(name)) {
                        ms += postgresMillis(dir);
                    }
                    cpu.put(name, ms);
                }
            }
        }
        return cpu;
    }

    /** {@code after - before} per process, divided by {@code units}; processes missing from either are left out. */
    static Map<String, Double> perUnit(Map<String, Double> before, Map<String, Double> after, int units) {
        Map<String, Double> per = new LinkedHashMap<>();
        if (units <= 0) {
            return per;
        }
        after.forEach((name, ms) -> {
            Double start = before.get(name);
            if (start != null) {
                per.put(name, (ms - start) / units);
            }
        });
        return per;
    }

    /** The PostgreSQL server's tree, unless it is already a descendant of the infra process. */
    private static double postgresMillis(StackDir dir) {
        OptionalLong postmaster = InfraStarter.postmasterPid(dir);
        if (postmaster.isEmpty()) {
            return 0;
        }
        boolean counted = ProcessHandle.of(postmaster.getAsLong()).flatMap(ProcessHandle::parent)
                .map(parent -> PidFile.read(dir.pidFile(StackDir.INFRA)).orElse(-1) == parent.pid()).orElse(false);
        return counted ? 0 : Math.max(0, treeMillis(postmaster.getAsLong()));
    }

    private static double treeMillis(long pid) {
        double own = millis(pid);
        if (own < 0) {
            return -1;
        }
        double[] total = {own};
        ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> total[0] += Math.max(0, millis(d.pid()))));
        return total[0];
    }

    /** utime + stime + cutime + cstime of one process in ms, or -1 when it cannot be read. */
    static double millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
            // the command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13])
                    + Long.parseLong(fields[14]);
            return ticks / TICKS_PER_MS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
