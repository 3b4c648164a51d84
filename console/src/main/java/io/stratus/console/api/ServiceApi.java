package io.stratus.console.api;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.stratus.console.config.ConsoleConfig;

/**
 * Calls a service's REST API as the signed-in administrator (their bearer token), blocking: pages are rendered on
 * worker threads. A refusal becomes an {@link ApiProblem} carrying the service's problem+json.
 */
@ApplicationScoped
public class ServiceApi {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** HTTP/1.1, as the services are reached inside the cluster; no h2c upgrade on every call. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    ConsoleConfig config;
    @Inject
    ObjectMapper json;

    public <T> T get(Backend backend, String token, String path, Class<T> type) {
        return read(send(request(backend, token, path).GET().build()), json.constructType(type));
    }

    /** A list answer, such as {@code [authority]}. */
    public <T> java.util.List<T> list(Backend backend, String token, String path, Class<T> element) {
        return read(send(request(backend, token, path).GET().build()),
                json.getTypeFactory().constructCollectionType(java.util.List.class, element));
    }

    /** A POST with {@code body} as JSON, or with no body when it is null (an action such as verifying a chain). */
    public <T> T post(Backend backend, String token, String path, Object body, Class<T> type) {
        HttpRequest.Builder request = request(backend, token, path);
        if (body == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        }
        return read(send(request.build()), json.constructType(type));
    }

    /** A DELETE; the answer's body, if any, is not read. */
    public void delete(Backend backend, String token, String path) {
        send(request(backend, token, path).DELETE().build());
    }

    /** A file as the service serves it (a certificate, a chain), with its type and suggested name. */
    public Download download(Backend backend, String token, String path) {
        return download(backend, token, path, "*/*");
    }

    /** A file of the media type asked for ({@code text/csv}: the inventory as CSV). */
    public Download download(Backend backend, String token, String path, String accept) {
        HttpResponse<byte[]> response = send(request(backend, token, path).setHeader("Accept", accept).GET().build());
        return new Download(response.body(), response.headers().firstValue("Content-Type").orElse("application/octet-stream"),
                response.headers().firstValue("Content-Disposition").orElse(null));
    }

    private HttpRequest.Builder request(Backend backend, String token, String path) {
        URI base = switch (backend) {
            case CA -> config.caUrl();
            case ENROLLMENT -> config.enrollmentUrl();
            case PROFILE -> config.profileUrl();
        };
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (ConnectException | HttpTimeoutException e) {
            throw new ApiProblem(502, "Bad Gateway", request.uri().getHost() + ":" + request.uri().getPort()
                    + " did not answer; is the service running?");
        } catch (IOException e) {
            throw new ApiProblem(502, "Bad Gateway", "the service's answer broke off: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiProblem(503, "Service Unavailable", "the console is shutting down");
        }
        if (response.statusCode() >= 300) {
            throw problem(response);
        }
        return response;
    }

    private ApiProblem problem(HttpResponse<byte[]> response) {
        String title = "HTTP " + response.statusCode();
        String detail = "";
        try {
            JsonNode problem = json.readTree(response.body());
            title = problem.path("title").asText(title);
            detail = problem.path("detail").asText("");
        } catch (IOException e) {
            // not problem+json (a proxy's page, say): the status says enough
        }
        return new ApiProblem(response.statusCode(), title, detail);
    }

    private <T> T read(HttpResponse<byte[]> response, JavaType type) {
        try {
            return json.readValue(response.body(), type);
        } catch (IOException e) {
            throw new ApiProblem(502, "Bad Gateway", "the service answered with JSON the console cannot read");
        }
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
