package io.stratus.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Waits until every service answers {@code /q/health/ready} with 200 (UP). */
final class HealthWaiter {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final StackDir dir;
    private final PrintWriter out;

    HealthWaiter(StackDir dir, PrintWriter out) {
        this.dir = dir;
        this.out = out;
    }

    /** True if the service at {@code baseUrl} reports ready. */
    static boolean ready(String baseUrl) {
        return probe(baseUrl).status == 200;
    }

    record Probe(int status, String body) {
    }

    static Probe probe(String baseUrl) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return new Probe(r.statusCode(), r.body());
        } catch (java.io.IOException e) {
            return new Probe(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(-1, "interrupted");
        }
    }

    void awaitReady(StackConfig c, Map<ServiceInstance, Long> pids, Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Map<ServiceInstance, Long> pending = new LinkedHashMap<>(pids);
        Map<ServiceInstance, Probe> last = new LinkedHashMap<>();
        while (!pending.isEmpty()) {
            for (var it = pending.entrySet().iterator(); it.hasNext();) {
                var e = it.next();
                ServiceInstance s = e.getKey();
                Probe p = probe(s.baseUrl(c));
                last.put(s, p);
                if (p.status == 200) {
                    out.printf("%s ready at %s (%.1f s)%n", s.name(), s.baseUrl(c), (System.nanoTime() - start) / 1e9);
                    out.flush();
                    it.remove();
                } else if (!Procs.alive(e.getValue())) {
                    PidFile.delete(dir.pidFile(s.name()));
                    throw new StackException(s.name() + " exited during startup (port " + s.port(c) + ")\n"
                            + ProcessLauncher.tail(dir.log(s.name()), 40));
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder msg = new StringBuilder();
                for (ServiceInstance s : pending.keySet()) {
                    Probe p = last.get(s);
                    msg.append(s.name()).append(" is not healthy after ").append(timeout.toSeconds()).append(" s: ")
                            .append(p.status < 0 ? "no answer at " + s.baseUrl(c) : "/q/health/ready answered " + p.status + " " + p.body)
                            .append('\n').append(ProcessLauncher.tail(dir.log(s.name()), 30)).append('\n');
                }
                throw new StackException(msg + "(the processes are still running; `stratus down` stops them)");
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted");
            }
        }
    }
}
