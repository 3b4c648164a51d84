package io.stratus.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The local stack's process manager: Kafka + PostgreSQL ({@code LocalInfraMain}) and one JVM per service,
 * with pid files under {@code .stratus/pids/} and logs under {@code .stratus/logs/}.
 */
final class LocalStack {
    static final Duration SERVICE_STOP_GRACE = Duration.ofSeconds(30);
    static final Duration INFRA_STOP_GRACE = Duration.ofSeconds(60);

    enum State { RUNNING, STOPPED, STALE }

    /** One process of the stack as its pid file and {@code /proc} see it. */
    record ProcessStatus(String name, long pid, State state) {
        boolean running() {
            return state == State.RUNNING;
        }
    }

    private final StackDir dir;
    private final Installation installation;
    private final Map<String, String> env;
    private final PrintWriter out;

    LocalStack(StackDir dir, Installation installation, Map<String, String> env, PrintWriter out) {
        this.dir = dir;
        this.installation = installation;
        this.env = env;
        this.out = out;
    }

    StackDir dir() {
        return dir;
    }

    /** Every process name the stack can have: infra first, then the services with every replica they can have. */
    static List<String> names() {
        List<String> names = new ArrayList<>();
        names.add(StackDir.INFRA);
        for (Service s : Service.values()) {
            for (int r = 1; r <= (s.replicable() ? Service.MAX_REPLICAS : 1); r++) {
                names.add(new ServiceInstance(s, r).name());
            }
        }
        return names;
    }

    ProcessStatus probe(String name) {
        OptionalLong pid = PidFile.read(dir.pidFile(name));
        if (pid.isEmpty()) {
            return new ProcessStatus(name, -1, java.nio.file.Files.exists(dir.pidFile(name)) ? State.STALE : State.STOPPED);
        }
        boolean ours = Procs.matches(pid.getAsLong(), ProcessLauncher.markers(dir, name));
        return new ProcessStatus(name, pid.getAsLong(), ours ? State.RUNNING : State.STALE);
    }

    Map<String, ProcessStatus> statuses() {
        Map<String, ProcessStatus> m = new LinkedHashMap<>();
        for (String n : names()) {
            m.put(n, probe(n));
        }
        return m;
    }

    /** The configuration of the last {@code up}, if any. */
    Optional<StackConfig> config() {
        return StackConfig.load(dir.stackFile(), env);
    }

    /** True if every process the configuration needs is running. */
    boolean fullyRunning() {
        Optional<StackConfig> c = config();
        if (c.isEmpty()) {
            return false;
        }
        return allRunning(c.get(), statuses());
    }

    /** True if every process of {@code config} is running in {@code statuses}. */
    static boolean allRunning(StackConfig config, Map<String, ProcessStatus> statuses) {
        boolean services = config.instances().stream().allMatch(s -> statuses.get(s.name()).running());
        return services && (!config.needsInfra() || statuses.get(StackDir.INFRA).running());
    }

    /** Starts whatever is not running yet and waits until every service is ready. */
    StackConfig up(UpRequest request) {
        dir.create();
        Map<String, ProcessStatus> st = statuses();
        boolean anyRunning = st.values().stream().anyMatch(ProcessStatus::running);
        StackConfig config = request.resolve(config(), anyRunning, env, dir.root());
        config.save(dir.stackFile());
        for (ProcessStatus p : st.values()) {
            if (p.state() == State.STALE) {
                out.println("Removing stale pid file " + dir.pidFile(p.name()) + " (" + staleReason(p) + ")");
                PidFile.delete(dir.pidFile(p.name()));
            }
        }
        Secrets secrets = new Secrets(dir);
        secrets.issuer();
        secrets.adminToken();
        List<ServiceInstance> toStart = new ArrayList<>();
        for (ServiceInstance s : config.instances()) {
            if (!st.get(s.name()).running()) {
                toStart.add(s);
            }
        }
        checkJars(toStart);
        for (ServiceInstance s : toStart) {
            requireFree(s.port(config), s.name(), s.service().portOption());
        }
        new InfraStarter(dir, installation, out).ensure(config, st.get(StackDir.INFRA), request.timeout());
        ProcessLauncher launcher = new ProcessLauncher(dir);
        Map<ServiceInstance, Long> pids = new LinkedHashMap<>();
        for (ServiceInstance s : config.instances()) {
            ProcessStatus p = st.get(s.name());
            if (p.running()) {
                out.println(s.name() + " already running (pid " + p.pid() + ") at " + s.baseUrl(config));
                pids.put(s, p.pid());
                continue;
            }
            long pid = launcher.start(s.name(), installation.javaBinary(), jvmOptions(),
                    List.of("-jar", s.service().jar(installation.repoRoot()).toString()), serviceEnv(s, config, secrets));
            out.println("Started " + s.name() + " (pid " + pid + ") on port " + s.port(config) + ", log " + dir.log(s.name()));
            pids.put(s, pid);
        }
        out.flush();
        new HealthWaiter(dir, out).awaitReady(config, pids, request.timeout());
        return config;
    }

    /**
     * The service settings of this command's environment (a setting such as
     * {@code STRATUS_CA_DEADLINE_CHECK_INTERVAL=10s ./stratus up} reaches the services), then the stack's own.
     */
    private Map<String, String> serviceEnv(ServiceInstance s, StackConfig config, Secrets secrets) {
        Map<String, String> serviceEnv = new LinkedHashMap<>();
        env.forEach((key, value) -> {
            if (ServiceEnv.isServiceSetting(key)) {
                serviceEnv.put(key, value);
            }
        });
        serviceEnv.putAll(ServiceEnv.of(s, config, secrets));
        return serviceEnv;
    }

    private void checkJars(List<ServiceInstance> instances) {
        List<String> missing = new ArrayList<>();
        for (ServiceInstance s : instances) {
            String jar = s.service().jar(installation.repoRoot()).toString();
            if (!java.nio.file.Files.exists(s.service().jar(installation.repoRoot())) && !missing.contains(jar)) {
                missing.add(jar);
            }
        }
        if (!missing.isEmpty()) {
            throw new StackException("not built: " + String.join(", ", missing)
                    + "\nBuild them with: cd " + installation.repoRoot() + " && ./mvnw -q -DskipTests install");
        }
    }

    static void requireFree(int port, String what, String option) {
        if (!io.stratus.testkit.Ports.bindable(port)) {
            throw new StackException("port " + port + " (" + what + ") is in use by another program; stop it, or choose another port with "
                    + option + " (or --free-ports)");
        }
    }

    /**
     * The local stack's JVMs compile with C1 only: on a small machine the C2 compiler spent a third or more of each
     * service's CPU per enrollment even after thousands of them (docs/performance.md). STRATUS_JAVA_OPTS replaces
     * these options; production images keep the JVM's defaults. A service out of memory exits (then `up` restarts it)
     * rather than answering with a broken heap.
     */
    static final String DEFAULT_JVM_OPTIONS = "-Xmx1g -XX:TieredStopAtLevel=1 -XX:+ExitOnOutOfMemoryError";

    private List<String> jvmOptions() {
        String opts = env.getOrDefault("STRATUS_JAVA_OPTS", DEFAULT_JVM_OPTIONS);
        List<String> l = new ArrayList<>();
        for (String o : opts.trim().split("\\s+")) {
            if (!o.isEmpty()) {
                l.add(o);
            }
        }
        return l;
    }

    static String staleReason(ProcessStatus p) {
        if (p.pid() <= 0) {
            return "no pid in it";
        }
        return Procs.alive(p.pid()) ? "pid " + p.pid() + " now belongs to another program; left alone"
                : "pid " + p.pid() + " is not running";
    }

    /** Stops exactly the processes recorded in the pid files (after checking their command lines). */
    List<String> down() {
        List<String> report = new ArrayList<>();
        Map<String, ProcessStatus> st = statuses();
        List<ProcessStatus> services = new ArrayList<>();
        for (ProcessStatus p : st.values()) {
            if (p.state() == State.STALE) {
                report.add("removed stale pid file of " + p.name() + " (" + staleReason(p) + ")");
                PidFile.delete(dir.pidFile(p.name()));
                if (p.name().equals(StackDir.INFRA)) {
                    InfraStarter.killOrphanPostgres(dir)
                            .ifPresent(pid -> report.add("stopped orphaned PostgreSQL (pid " + pid + ")"));
                }
            } else if (p.running() && !p.name().equals(StackDir.INFRA)) {
                services.add(p);
            }
        }
        services.forEach(p -> Procs.requestStop(p.pid()));
        for (ProcessStatus p : services) {
            boolean killed = !Procs.awaitExit(p.pid(), SERVICE_STOP_GRACE);
            if (killed) {
                ProcessHandle.of(p.pid()).ifPresent(ProcessHandle::destroyForcibly);
                Procs.awaitExit(p.pid(), Duration.ofSeconds(10));
            }
            report.add((killed ? "killed " : "stopped ") + p.name() + " (pid " + p.pid() + ")"
                    + (killed ? " after " + SERVICE_STOP_GRACE.toSeconds() + " s without exiting on SIGTERM" : ""));
            PidFile.delete(dir.pidFile(p.name()));
        }
        ProcessStatus infra = st.get(StackDir.INFRA);
        if (infra.running()) {
            boolean killed = Procs.terminate(infra.pid(), INFRA_STOP_GRACE);
            if (killed) {
                InfraStarter.killOrphanPostgres(dir).ifPresent(pid -> report.add("stopped orphaned PostgreSQL (pid " + pid + ")"));
            }
            report.add((killed ? "killed " : "stopped ") + "infra (Kafka, PostgreSQL; pid " + infra.pid() + ")");
            PidFile.delete(dir.pidFile(StackDir.INFRA));
        }
        return report;
    }
}
