package io.stratus.simulator.scep;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import io.stratus.simulator.service.ScepEnrollmentClient.ScepException;

/** The HTTP side of SCEP (RFC 8894 section 4): GET and POST of the three operations on the shared client. */
final class ScepHttpTransport {

    static final String PKI_MESSAGE = "application/x-pki-message";

    private final HttpClient http;
    private final Duration timeout;

    ScepHttpTransport(HttpClient http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /** GetCACaps: the capabilities, one per line. */
    String getCaCaps(URI scepUrl) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(operation(scepUrl, "GetCACaps", null)).GET(),
                "GetCACaps");
        return new String(response.body(), StandardCharsets.US_ASCII);
    }

    /** GetCACert: the CA certificate (DER) or a degenerate PKCS#7 with the CA and RA certificates. */
    byte[] getCaCert(URI scepUrl) {
        return send(HttpRequest.newBuilder(operation(scepUrl, "GetCACert", "stratus")).GET(), "GetCACert").body();
    }

    /** PKIOperation by POST (the message as the body) or by GET (base64 in the query); the CertRep DER. */
    byte[] pkiOperation(URI scepUrl, byte[] message, boolean post) {
        HttpRequest.Builder request;
        if (post) {
            request = HttpRequest.newBuilder(operation(scepUrl, "PKIOperation", null))
                    .header("Content-Type", PKI_MESSAGE)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(message));
        } else {
            request = HttpRequest.newBuilder(operation(scepUrl, "PKIOperation",
                    Base64.getEncoder().encodeToString(message))).GET();
        }
        HttpResponse<byte[]> response = send(request, "PKIOperation");
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.toLowerCase(java.util.Locale.ROOT).startsWith(PKI_MESSAGE)) {
            throw new ScepException("PKIOperation answered " + (type.isEmpty() ? "no content type" : type)
                    + " instead of " + PKI_MESSAGE);
        }
        return response.body();
    }

    private HttpResponse<byte[]> send(HttpRequest.Builder request, String operation) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw ScepException.unreachable(operation + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScepException(operation + " interrupted", e);
        }
        if (response.statusCode() >= 500) {
            throw ScepException.unreachable(operation + " answered HTTP " + response.statusCode(), null);
        }
        if (response.statusCode() != 200) {
            throw new ScepException(operation + " answered HTTP " + response.statusCode());
        }
        if (response.body() == null || response.body().length == 0) {
            throw new ScepException(operation + " answered an empty body");
        }
        return response;
    }

    private static URI operation(URI scepUrl, String operation, String message) {
        StringBuilder url = new StringBuilder(scepUrl.toString());
        url.append(scepUrl.getRawQuery() == null ? '?' : '&').append("operation=").append(operation);
        if (message != null) {
            url.append("&message=").append(URLEncoder.encode(message, StandardCharsets.UTF_8));
        }
        return URI.create(url.toString());
    }
}
