package io.stratus.enrollment.support;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A device's HTTP side of SCEP, over java.net.http against the running service. */
public final class ScepHttp {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String base;

    /** {@code base} is {@code http://host:port/scep/{tenant}/{caId}}. */
    public ScepHttp(String base) {
        this.base = base;
    }

    public HttpResponse<byte[]> get(String operation) {
        return send(HttpRequest.newBuilder(URI.create(base + "?operation=" + operation)).GET());
    }

    public HttpResponse<byte[]> postPkiOperation(byte[] message) {
        return send(HttpRequest.newBuilder(URI.create(base + "?operation=PKIOperation"))
                .header("Content-Type", "application/x-pki-message")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message)));
    }

    public HttpResponse<byte[]> getPkiOperation(byte[] message) {
        String encoded = URLEncoder.encode(Base64.getEncoder().encodeToString(message), StandardCharsets.UTF_8);
        return send(HttpRequest.newBuilder(URI.create(base + "/pkiclient.exe?operation=PKIOperation&message="
                + encoded)).GET());
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
