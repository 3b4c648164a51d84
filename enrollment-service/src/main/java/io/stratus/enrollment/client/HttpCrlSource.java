package io.stratus.enrollment.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.smallrye.mutiny.Uni;
import io.stratus.enrollment.config.EnrollmentConfig;
import io.stratus.enrollment.service.CrlSource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fetches CRLs over HTTP(S) (ca-service's public {@code /pki/{tenant}/{id}/crl}), without blocking a thread. A
 * redirect is not followed (a CRL moved elsewhere is an error, not a hop to wherever the answer points), and the body
 * is read only up to {@link #MAX_BYTES}: a larger one is abandoned while it streams, never buffered whole.
 */
@ApplicationScoped
public class HttpCrlSource implements CrlSource {

    /** A CRL of a million entries is about 40 MB; refuse anything far beyond. */
    static final long MAX_BYTES = 256L * 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;

    public HttpCrlSource(EnrollmentConfig config) {
        this.timeout = config.crlFetchTimeout();
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Uni<byte[]> fetch(String url) {
        return Uni.createFrom().deferred(() -> {
            URI uri = URI.create(url);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) {
                return Uni.createFrom().failure(new IllegalArgumentException("CRL URL is not http(s): " + url));
            }
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
            return Uni.createFrom().completionStage(() -> client.sendAsync(request,
                    info -> info.statusCode() == 200 ? CappedBody.of(MAX_BYTES) : CappedBody.discarded()))
                    .map(response -> {
                        if (response.statusCode() != 200) {
                            throw new IllegalStateException("CRL fetch from " + url + " answered HTTP "
                                    + response.statusCode() + (response.statusCode() / 100 == 3
                                            ? " (redirects are not followed)" : ""));
                        }
                        return response.body();
                    });
        });
    }
}
