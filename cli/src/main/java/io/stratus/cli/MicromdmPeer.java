package io.stratus.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * micromdm's SCEP server ({@code scepserver}, Debian package {@code scep}) on a free loopback port, with a new
 * RSA-2048 CA in a file depot under a temporary directory and a static challenge: the peer of
 * {@code stratus bench --peer micromdm}. Stopped (and its directory left for inspection) on close.
 */
final class MicromdmPeer implements AutoCloseable {
    private final Process process;
    private final URI scepUrl;
    private final Path dir;

    private MicromdmPeer(Process process, URI scepUrl, Path dir) {
        this.process = process;
        this.scepUrl = scepUrl;
        this.dir = dir;
    }

    static MicromdmPeer start(String challenge) {
        Path binary = binary();
        try {
            Path dir = Files.createTempDirectory("stratus-micromdm-");
            Path depot = dir.resolve("depot");
            run(dir, List.of(binary.toString(), "ca", "-init", "-depot", depot.toString(), "-keySize", "2048",
                    "-organization", "Stratus bench peer"));
            int port = freePort();
            // the challenge goes through the environment, not the command line that every local user can read
            ProcessBuilder builder = new ProcessBuilder(binary.toString(), "-depot", depot.toString(), "-port",
                    Integer.toString(port))
                    .directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("scepserver.log").toFile());
            builder.environment().put("SCEP_CHALLENGE_PASSWORD", challenge);
            Process server = builder.start();
            MicromdmPeer peer = new MicromdmPeer(server, URI.create("http://127.0.0.1:" + port + "/scep"), dir);
            peer.awaitReady(Duration.ofSeconds(30));
            return peer;
        } catch (IOException e) {
            throw new StackException("cannot start micromdm's scepserver: " + e.getMessage());
        }
    }

    URI scepUrl() {
        return scepUrl;
    }

    long pid() {
        return process.pid();
    }

    Path directory() {
        return dir;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static Path binary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/bin").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "scepserver"))) {
                return Path.of(dir, "scepserver");
            }
        }
        throw new StackException("--peer micromdm needs micromdm's scepserver on the PATH: apt-get install -y scep");
    }

    private void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new StackException("scepserver exited with " + process.exitValue() + "; see "
                        + dir.resolve("scepserver.log"));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(scepUrl + "?operation=GetCACaps"))
                        .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                close();
                throw new StackException("interrupted");
            }
            DemoSetup.sleep(200);
        }
        close();
        throw new StackException("scepserver did not answer GetCACaps within " + timeout.toSeconds() + " s");
    }

    private static void run(Path dir, List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new StackException(String.join(" ", command) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
